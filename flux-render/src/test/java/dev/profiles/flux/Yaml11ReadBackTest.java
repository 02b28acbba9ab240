package dev.profiles.flux;

import static dev.profiles.flux.Profiles.definition;
import static dev.profiles.flux.Profiles.installation;
import static dev.profiles.flux.Profiles.installationBuilder;
import static dev.profiles.flux.Profiles.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.install.RenderRequest;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.RemoteChartArtifact;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Flux reads what we commit with Go's yaml.v2, a YAML 1.1 reader: every rendered file reads the
 * same with SnakeYAML (YAML 1.1) as with snakeyaml-engine (YAML 1.2), and the values a user
 * chooses (names that are YAML 1.1 booleans, versions that look like numbers or dates, values
 * with such words) come back as the strings they were.
 */
class Yaml11ReadBackTest {
  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of("on", "off", "yes", "no", "y", "n", "true", "null", "007", "1e3",
        "0x1f", "0o17", "1-2", "2001-12-14", "web");
  }

  @Provide
  Arbitrary<String> versions() {
    return Arbitraries.of("1.10", "8.9.1", "1", "007", "1e3", "0x1F", "1_000", "2001-12-14",
        "1:20", "on", "v1.0.0", ">=1.0.0 <2.0.0", "~1.2", "*", "1.0.0-rc.1+build.5");
  }

  @Property(tries = 200)
  void everyRenderedFileReadsTheSameWithAYaml11Reader(@ForAll("names") String artifact,
      @ForAll("names") String installationName, @ForAll("versions") String version,
      @ForAll("versions") String chartName) throws Exception {
    RenderedFiles files;
    try {
      List<Artifact> artifacts = new ArrayList<>();
      artifacts.add(RemoteChartArtifact.builder().name(artifact)
          .url("https://charts.example.com/stable").chartName(chartName.replaceAll("[^a-z0-9]",
              "x") + "-" + artifact)
          .chartVersion(version).defaultValues("enabled: on\nreplicas: 007\n").build());
      files = new FluxRenderer().render(RenderRequest.of(installationBuilder(installationName).configMap(artifact).build(), resolved(definition("p", artifacts.toArray(Artifact[]::new)))));
    } catch (ProfilesConfigurationException refusedByTheModel) {
      Assume.that(false);
      return;
    }

    int helmReleases = 0;
    for (String path : files.paths()) {
      String text = new String(files.bytes(path).orElseThrow(), StandardCharsets.UTF_8);
      Object yaml11 = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
      Object yaml12 = new Load(LoadSettings.builder().build()).loadFromString(text);
      assertThat(yaml11).as(path + ":\n" + text).isEqualTo(yaml12);
      if (path.endsWith("/HelmRelease.yaml")) {
        helmReleases++;
        assertThat(Docs.at(yaml11, "spec.chart.spec.version")).as(text).isEqualTo(version);
        assertThat(Docs.at(yaml11, "metadata.namespace")).isInstanceOf(String.class);
      }
    }
    assertThat(helmReleases).isEqualTo(1);
  }
}
