package dev.profiles.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.KustomizeArtifact;
import dev.profiles.core.model.LocalChartArtifact;
import dev.profiles.core.model.NestedProfileArtifact;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.model.RemoteChartArtifact;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For any valid model: read(write(x)) equals x, and writing is deterministic. */
class ProfileRoundTripProperties {
  private final ProfileYaml yaml = ProfileYaml.strict();

  @Property(tries = 300)
  void readingWhatWasWrittenGivesTheSameProfile(@ForAll("profiles") ProfileDefinition profile)
      throws Exception {
    String text = yaml.writeProfile(profile);

    ProfileDefinition back = yaml.readProfile("p.yaml", text);

    assertThat(back).isEqualTo(profile);
    assertThat(yaml.writeProfile(back)).isEqualTo(text);
  }

  @Provide
  Arbitrary<ProfileDefinition> profiles() {
    Arbitrary<String> name = Generators.dnsLabels();
    return Combinators.combine(name, Generators.text(), Generators.text().optional(),
            Generators.text().list().ofMaxSize(3), artifactSpecs().list().ofMinSize(1).ofMaxSize(6))
        .as((n, description, maintainer, prerequisites, specs) -> {
          List<Artifact> artifacts = new ArrayList<>();
          for (int i = 0; i < specs.size(); i++) {
            // Depend only on earlier artifacts: any such graph is acyclic.
            List<String> deps = new ArrayList<>();
            for (int j = 0; j < i; j++) {
              if (((specs.get(i).seed() >> j) & 1) == 1) {
                deps.add("a" + j);
              }
            }
            artifacts.add(specs.get(i).build("a" + i, deps));
          }
          return ProfileDefinition.builder().name(n)
              .description(description.isBlank() ? "d" + description : description)
              .maintainer(maintainer).prerequisites(prerequisites).artifacts(artifacts).build();
        });
  }

  private Arbitrary<ArtifactSpec> artifactSpecs() {
    return Combinators.combine(Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 63), Generators.relativePaths(),
            Generators.refText(), Generators.values().optional(), Arbitraries.of(true, false))
        .as(ArtifactSpec::new);
  }

  record ArtifactSpec(int kind, int seed, String path, String text, Optional<String> values,
      boolean tag) {
    Artifact build(String name, List<String> deps) {
      String nonBlank = text.isBlank() ? "x" + text : text;
      return switch (kind) {
        case 0 -> RemoteChartArtifact.builder().name(name).dependsOn(deps)
            .url("https://charts.example.com/" + path).chartName(nonBlank).chartVersion(nonBlank)
            .defaultValues(values).build();
        case 1 -> LocalChartArtifact.builder().name(name).dependsOn(deps).path(path)
            .defaultValues(values).build();
        case 2 -> KustomizeArtifact.builder().name(name).dependsOn(deps).path(path).build();
        default -> NestedProfileArtifact.builder().name(name).dependsOn(deps)
            .source(tag
                ? ProfileSource.builder().url("ssh://git@example.com/" + path).tag(nonBlank)
                    .build()
                : ProfileSource.builder().url("git@example.com:org/" + path + ".git")
                    .branch(nonBlank).path(path).build())
            .build();
      };
    }
  }
}
