package dev.profiles.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.CatalogReference;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.LocalChartArtifact;
import dev.profiles.core.model.NestedProfileArtifact;
import dev.profiles.core.model.PctlConfig;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.model.RemoteChartArtifact;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileYamlTest {
  private final ProfileYaml yaml = ProfileYaml.strict();

  @Test
  void readsTheSpecExampleIntoTheModel() throws Exception {
    ProfileDefinition p = yaml.readProfile(Path.of("src/test/resources/valid/nginx/profile.yaml"));

    assertThat(p.name()).isEqualTo("nginx");
    assertThat(p.maintainer()).contains("platform-team");
    assertThat(p.prerequisites()).containsExactly("kubernetes 1.19");
    assertThat(p.artifacts()).extracting(Artifact::kind).containsExactly(
        Artifact.Kind.REMOTE_CHART, Artifact.Kind.LOCAL_CHART, Artifact.Kind.KUSTOMIZE,
        Artifact.Kind.PROFILE);
    RemoteChartArtifact chart = (RemoteChartArtifact) p.artifacts().get(0);
    assertThat(chart.chartVersion()).isEqualTo("8.9.1");
    assertThat(chart.defaultValues()).contains("service:\n  type: ClusterIP\n");
    NestedProfileArtifact base = (NestedProfileArtifact) p.artifact("base").orElseThrow();
    assertThat(base.dependsOn()).containsExactly("crds");
    assertThat(base.source().effectivePath()).isEqualTo("base");
    assertThat(base.source().refName()).isEqualTo("refs/tags/base/v1.2.0");
  }

  @Test
  void canonicalFileRoundTripsByteForByte() throws Exception {
    Path file = Path.of("src/test/resources/valid/nginx/profile.yaml");
    ProfileDefinition p = yaml.readProfile(file);

    assertThat(yaml.writeProfile(p)).isEqualTo(Files.readString(file));
  }

  @Test
  void acceptsTheOlderKindProfile() throws Exception {
    String text = Files.readString(Path.of("src/test/resources/valid/nginx/profile.yaml"))
        .replace("kind: ProfileDefinition", "kind: Profile");

    ProfileDefinition p = yaml.readProfile("old.yaml", text);

    assertThat(p).isEqualTo(yaml.readProfile(Path.of("src/test/resources/valid/nginx/profile.yaml")));
    assertThat(yaml.writeProfile(p)).contains("kind: ProfileDefinition");
  }

  @Test
  void readProfileFromPathChecksTheDirectoryName(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("web"));
    Files.copy(Path.of("src/test/resources/valid/nginx/profile.yaml"), dir.resolve("profile.yaml"));

    assertThatThrownBy(() -> yaml.readProfile(dir.resolve("profile.yaml")))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageEndingWith(":4:9: metadata.name: profile name 'nginx' must equal its directory"
            + " name 'web'");
  }

  @Test
  void writesMultiLineAndAmbiguousStringsSoTheyReadBack() throws Exception {
    ProfileDefinition p = ProfileDefinition.builder().name("p").description("true")
        .maintainer("1.0").addPrerequisite("key: value").addPrerequisite(" leading space")
        .addArtifact(LocalChartArtifact.builder().name("c").path("charts/c")
            .defaultValues("a: 1\n  # comment\nb: 'x'\n").build())
        .build();

    String text = yaml.writeProfile(p);

    assertThat(yaml.readProfile("p.yaml", text)).isEqualTo(p);
    assertThat(text).contains("description: \"true\"").contains("maintainer: \"1.0\"")
        .contains("defaultValues: |").endsWith("\n").doesNotContain("\r");
  }

  @Test
  void refusesDocumentsOverTheSizeLimit() {
    byte[] big = ("# " + "x".repeat(2000) + "\n").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> yaml.withLimits(new YamlLimits(1000, 50))
        .readProfile("big.yaml", big, Optional.empty()))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("big.yaml: document is 2003 bytes; the limit is 1000");
  }

  @Test
  void refusesInvalidUtf8() {
    byte[] bad = {'a', ':', ' ', (byte) 0xC3, (byte) 0x28};

    assertThatThrownBy(() -> yaml.readProfile("bad.yaml", bad, Optional.empty()))
        .hasMessage("bad.yaml: document is not valid UTF-8");
  }

  @Test
  void lenientReaderIgnoresUnknownFieldsButKeepsEveryOtherRule() throws Exception {
    String text = Files.readString(Path.of("src/test/resources/valid/nginx/profile.yaml"))
        .replace("  maintainer: platform-team\n", "  maintainer: platform-team\n  icon: x.png\n");

    assertThatThrownBy(() -> yaml.readProfile("p.yaml", text))
        .hasMessageContaining("spec.icon: unknown field 'icon'");
    assertThat(yaml.ignoringUnknownFields().readProfile("p.yaml", text).name()).isEqualTo("nginx");
    assertThatThrownBy(() -> yaml.ignoringUnknownFields().readProfile("p.yaml",
        text.replace("name: nginx\n", "name: Nginx\n")))
        .hasMessageContaining("metadata.name: 'Nginx' is not a DNS-1123 label");
  }

  @Test
  void installationRoundTrips() throws Exception {
    ProfileInstallation inst = ProfileInstallation.builder().name("my-nginx").namespace("web")
        .source(ProfileSource.builder().url("https://github.com/org/profiles")
            .tag("nginx/v0.1.0").path("nginx").build())
        .catalog(CatalogReference.of("my-catalog", "nginx", "v0.1.0"))
        .gitRepository(GitRepositoryReference.of("flux-system", "flux-system"))
        .configMap("my-values")
        .build();

    String text = yaml.writeInstallation(inst);

    assertThat(text).isEqualTo("""
        apiVersion: weave.works/v1alpha1
        kind: ProfileInstallation
        metadata:
          name: my-nginx
          namespace: web
        spec:
          source:
            url: https://github.com/org/profiles
            tag: nginx/v0.1.0
            path: nginx
          catalog:
            catalog: my-catalog
            profile: nginx
            version: v0.1.0
          gitRepository:
            name: flux-system
            namespace: flux-system
          configMap: my-values
        """);
    assertThat(yaml.readInstallation("i.yaml", text.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(inst);
  }

  @Test
  void readsAnInstallationWrittenByTheOriginalPctl() throws Exception {
    String pctl = """
        apiVersion: weave.works/v1alpha1
        kind: ProfileInstallation
        metadata:
          creationTimestamp: null
          name: pctl-profile
          namespace: default
        spec:
          catalog:
            catalog: nginx-catalog
            profile: nginx
            version: v2.0.1
          gitRepository:
            name: flux-system
            namespace: flux-system
          source:
            path: nginx
            tag: nginx/v2.0.1
            url: https://github.com/weaveworks/profiles-examples
        status: {}
        """;

    ProfileInstallation inst = yaml.readInstallation("pctl.yaml",
        pctl.getBytes(StandardCharsets.UTF_8));

    assertThat(inst.name()).isEqualTo("pctl-profile");
    assertThat(inst.catalog()).contains(CatalogReference.of("nginx-catalog", "nginx", "v2.0.1"));
    assertThat(inst.source().effectivePath()).isEqualTo("nginx");
  }

  @Test
  void installationWithCredentialsInTheUrlIsRefused() {
    String text = """
        apiVersion: weave.works/v1alpha1
        kind: ProfileInstallation
        metadata:
          name: x
        spec:
          source:
            url: https://bob:s3cret@example.com/org/repo
            branch: main
        """;

    assertThatThrownBy(() -> yaml.readInstallation("i.yaml", text.getBytes(StandardCharsets.UTF_8)))
        .hasMessage("i.yaml:7:10: spec.source.url: must not carry credentials; pass them"
            + " separately (the record is committed)")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void catalogSourceRoundTrips() throws Exception {
    String text = """
        apiVersion: weave.works/v1alpha1
        kind: ProfileCatalogSource
        metadata:
          name: my-catalog
        spec:
          profiles:
            - name: nginx
              description: deploys nginx
              prerequisites:
                - kubernetes 1.19
              tag: nginx/v0.1.0
              url: https://github.com/org/profiles
          repositories:
            - url: https://github.com/org/profiles
            - url: https://github.com/org/private
              secretRef:
                name: git-credentials
        """;

    ProfileCatalogSource src = yaml.readCatalogSource("c.yaml",
        text.getBytes(StandardCharsets.UTF_8));

    assertThat(src.profiles()).hasSize(1);
    assertThat(src.profiles().get(0).versionTag().orElseThrow().version().toString())
        .isEqualTo("v0.1.0");
    assertThat(src.repositories().get(1).secretRef()).contains("git-credentials");
    assertThat(yaml.writeCatalogSource(src)).isEqualTo(text);
  }

  @Test
  void configRoundTripsAndChecksDefaultDir() throws Exception {
    PctlConfig config = PctlConfig.builder()
        .gitRepository(GitRepositoryReference.of("flux-system", "flux-system"))
        .defaultDir("clusters/prod").build();

    String text = yaml.writeConfig(config);

    assertThat(text).isEqualTo("gitRepository:\n  name: flux-system\n  namespace: flux-system\n"
        + "defaultDir: clusters/prod\n");
    assertThat(yaml.readConfig("c.yaml", text.getBytes(StandardCharsets.UTF_8))).isEqualTo(config);
    assertThatThrownBy(() -> yaml.readConfig(".pctl/config.yaml",
        "defaultDir: ../outside\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessage(".pctl/config.yaml:1:13: defaultDir: '../outside' must stay inside the"
            + " GitOps repository");
  }
}
