package dev.profiles.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class ModelTest {
  @Test
  void buildersRefuseValuesThatBreakTheSpec() {
    InvalidModelException e = catchThrowableOfType(InvalidModelException.class,
        () -> KustomizeArtifact.builder().name("Bad").path("../x").addDependsOn("Bad").build());

    assertThat(e.violations()).extracting(ModelViolation::toString).containsExactly(
        "name: 'Bad' is not a DNS-1123 label (lower-case letters, digits and '-', starting and"
            + " ending with a letter or digit)",
        "dependsOn[0].name: artifact 'Bad' cannot depend on itself (cycle: Bad -> Bad)",
        "kustomize.path: '../x' must stay inside the profile directory");
  }

  @Test
  void profileChecksWholeProfileRules() {
    KustomizeArtifact a = KustomizeArtifact.builder().name("a").path("a").addDependsOn("b").build();
    KustomizeArtifact b = KustomizeArtifact.builder().name("b").path("b").addDependsOn("a").build();

    InvalidModelException e = catchThrowableOfType(InvalidModelException.class,
        () -> ProfileDefinition.builder().name("p").description("d").addArtifacts(a, b, a).build());

    assertThat(e.violations()).extracting(ModelViolation::toString).containsExactly(
        "spec.artifacts[2].name: duplicate artifact name 'a' (first used by spec.artifacts[0])",
        "spec.artifacts[0].dependsOn: dependency cycle: a -> b -> a");
  }

  @Test
  void sourceIsTagXorBranchAndHidesCredentials() {
    assertThat(catchThrowableOfType(InvalidModelException.class, () -> ProfileSource.builder()
        .url("u").tag("t").branch("b").build())).hasMessage("tag: set either tag or branch, not both");
    ProfileSource s = ProfileSource.ofBranch("https://bob:s3cret@example.com/r", "dev", "./x/");
    assertThat(s.toString()).doesNotContain("s3cret").contains("https://example.com/r");
    assertThat(s.redacted().url()).isEqualTo("https://example.com/r");
    assertThat(s.effectivePath()).isEqualTo("x");
    assertThat(s.refName()).isEqualTo("refs/heads/dev");
    ProfileSource main = ProfileSource.builder().url("file:///r").build();
    assertThat(main.effectiveBranch()).contains("main");
    assertThat(main.effectivePath()).isEqualTo(".");
    assertThat(ProfileSource.ofTag("u", "1.0.0").effectivePath()).isEqualTo(".");
  }

  @Test
  void artifactsAreAClosedSetVisitedExhaustively() {
    Artifact chart = RemoteChartArtifact.builder().name("c").url("oci://registry/charts")
        .chartName("n").chartVersion("1.0.0").build();
    String kind = chart.accept(new Artifact.Visitor<>() {
      @Override
      public String remoteChart(RemoteChartArtifact a) {
        return "remote oci=" + a.isOci();
      }

      @Override
      public String localChart(LocalChartArtifact a) {
        return "local";
      }

      @Override
      public String kustomize(KustomizeArtifact a) {
        return "kustomize";
      }

      @Override
      public String profile(NestedProfileArtifact a) {
        return "profile";
      }
    });
    assertThat(kind).isEqualTo("remote oci=true");
    assertThat(chart.kind()).isEqualTo(Artifact.Kind.REMOTE_CHART);
  }

  @Test
  void installationDefaultsToTheDefaultNamespace() {
    ProfileInstallation i = ProfileInstallation.builder().name("x")
        .source(ProfileSource.ofTag("https://example.com/r", "x/v1.0.0")).build();
    assertThat(i.namespace()).isEqualTo("default");
  }
}
