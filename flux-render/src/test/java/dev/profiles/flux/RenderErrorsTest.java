package dev.profiles.flux;

import static dev.profiles.flux.Profiles.definition;
import static dev.profiles.flux.Profiles.installation;
import static dev.profiles.flux.Profiles.installationBuilder;
import static dev.profiles.flux.Profiles.kustomize;
import static dev.profiles.flux.Profiles.local;
import static dev.profiles.flux.Profiles.nested;
import static dev.profiles.flux.Profiles.remote;
import static dev.profiles.flux.Profiles.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.install.RenderException;
import dev.profiles.core.install.RenderProblem;
import dev.profiles.core.install.RenderRequest;
import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.InvalidModelException;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.RemoteChartArtifact;
import dev.profiles.core.resolve.ResolvedProfile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every bad input is reported precisely, all at once, and nothing is rendered. */
class RenderErrorsTest {
  private static List<RenderProblem> problems(ProfileInstallation inst,
      ResolvedProfile profile) {
    try {
      new FluxRenderer().render(RenderRequest.of(inst, profile));
    } catch (RenderException e) {
      return e.problems();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("rendered, but problems were expected");
  }

  @Test
  void nameStillCollidingAfterPrefixingIsAnErrorNamingBothArtifacts() {
    // Nested a/b is disambiguated to x-a-b, which is exactly top-level a-b's name.
    ResolvedProfile inner = resolved(definition("inner", remote("b")));
    ResolvedProfile other = resolved(definition("other", remote("b")));
    ResolvedProfile root = resolved(definition("root", remote("a-b"), nested("a"), nested("c")),
        InMemoryProfileDirectory.empty(), Map.of("a", inner, "c", other));
    assertThat(problems(installation("x"), root)).containsExactly(new RenderProblem("a/b",
        "its object name 'x-a-b' is already used by artifact a-b; rename one of the two"
            + " artifacts"));
  }

  @Test
  void nestedArtifactsWithTheSameNameAsTheirNestingPathCollide() {
    // "a-b"/"c" and "a"/"b-c" both become x-a-b-c once disambiguated.
    ResolvedProfile ab = resolved(definition("ab", remote("c")));
    ResolvedProfile a = resolved(definition("a2", remote("b-c")));
    ResolvedProfile c1 = resolved(definition("c1", remote("c")));
    ResolvedProfile c2 = resolved(definition("c2", remote("b-c")));
    ResolvedProfile root = resolved(
        definition("root", nested("a-b"), nested("a"), nested("z"), nested("y")),
        InMemoryProfileDirectory.empty(), Map.of("a-b", ab, "a", a, "z", c1, "y", c2));
    assertThat(problems(installation("x"), root)).containsExactly(new RenderProblem("a/b-c",
        "its object name 'x-a-b-c' is already used by artifact a-b/c; rename one of the two"
            + " artifacts"));
  }

  @Test
  void namesOver63CharactersAfterPrefixingAreRejected() {
    String artifact = "a".repeat(50);
    List<RenderProblem> problems = problems(installation("installation-name"),
        resolved(definition("p", kustomize(artifact, "k")), Map.of("k/a.yaml", "a: b\n")));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).artifact()).isEqualTo(artifact);
    assertThat(problems.get(0).message()).isEqualTo("object name 'installation-name-" + artifact
        + "' is 68 characters long; a DNS-1123 label has at most 63 (installation name +"
        + " artifact path); shorten the installation or artifact name");
  }

  @Test
  void aLocalChartDirectoryWithoutChartYamlIsRejectedNotRenderedForFluxToFailOn()
      throws Exception {
    // The old form's path: (read as chart.path) on a directory of plain YAML, at the root too.
    for (String path : List.of("manifests", ".")) {
      String prefix = path.equals(".") ? "" : path + "/";
      List<RenderProblem> problems = problems(installation("x"), resolved(
          definition("p", local("web", path)), Map.of(prefix + "deploy.yaml", "kind: X\n")));
      assertThat(problems).as(path).containsExactly(new RenderProblem("web", "chart.path '"
          + path + "' holds no Chart.yaml, so it is not a Helm chart (a directory of plain YAML"
          + " is a kustomize.path artifact) (https://github.com/org/profiles@p/v0.1.0:p)"));
    }
    // A chart is one with its Chart.yaml, in the directory itself (not deeper).
    assertThat(problems(installation("x"), resolved(definition("p", local("web", "c"),
        kustomize("k", "k")), Map.of("c/sub/Chart.yaml", "name: c\n", "k/a.yaml", "a: b\n"))))
        .containsExactly(new RenderProblem("web", "chart.path 'c' holds no Chart.yaml, so it is"
            + " not a Helm chart (a directory of plain YAML is a kustomize.path artifact)"
            + " (https://github.com/org/profiles@p/v0.1.0:p)"));
    assertThat(problems(installation("x"), resolved(definition("p", kustomize("k", "gone")),
        Map.of("k/a.yaml", "a: b\n")))).containsExactly(new RenderProblem("k", "kustomize.path"
            + " 'gone' is not a directory in the profile"
            + " (https://github.com/org/profiles@p/v0.1.0:p)"));
    new FluxRenderer().render(RenderRequest.of(installation("x"), resolved(
        definition("p", local("web", "c")), Map.of("c/Chart.yaml", "name: c\n"))));
  }

  @Test
  void helmReleaseNamesOver53CharactersAreRejected() {
    String artifact = "r".repeat(54);
    assertThat(problems(installation("x"), resolved(definition("p", remote(artifact)))))
        .containsExactly(new RenderProblem(artifact, "Helm release name '" + artifact
            + "' is 54 characters long; Helm allows at most 53"));
  }

  @Test
  void missingGitRepositoryIsReported() {
    ProfileInstallation inst = installationBuilder("x").gitRepository(Optional.empty()).build();
    assertThat(problems(inst, resolved(definition("p", remote("web"))))).containsExactly(
        new RenderProblem("", "installation 'x' names no GitRepository (spec.gitRepository):"
            + " the Flux objects need the GitRepository that syncs the GitOps repository"));
  }

  @Test
  void invalidDefaultValuesYamlIsReportedWithLineAndColumn() {
    RemoteChartArtifact chart = RemoteChartArtifact.builder().name("web")
        .url("https://charts.example.com").chartName("web").chartVersion("1.0.0")
        .defaultValues("service:\n  type: [ClusterIP\n").build();
    List<RenderProblem> problems = problems(installation("x"), resolved(definition("p", chart)));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).artifact()).isEqualTo("web");
    assertThat(problems.get(0).message())
        .startsWith("chart.defaultValues is not valid YAML (line 3, column 1): ");
  }

  @Test
  void defaultValuesThatAreNotAMappingAreReported() {
    RemoteChartArtifact chart = RemoteChartArtifact.builder().name("web")
        .url("https://charts.example.com").chartName("web").chartVersion("1.0.0")
        .defaultValues("- a\n- b\n").build();
    assertThat(problems(installation("x"), resolved(definition("p", chart)))).containsExactly(
        new RenderProblem("web", "chart.defaultValues must be a YAML mapping of Helm values,"
            + " not a list"));
  }

  @Test
  void missingLocalChartAndKustomizePathsAreReported() {
    ResolvedProfile base = resolved(definition("base", kustomize("manifests", "deploy/base")),
        Map.of("deploy/other/x.yaml", "a: b\n"));
    ResolvedProfile root = resolved(
        definition("root", local("chart", "charts/missing"), nested("base")),
        InMemoryProfileDirectory.of(Map.of("charts/present/Chart.yaml", "name: x\n")),
        Map.of("base", base));
    assertThat(problems(installation("x"), root)).containsExactly(
        new RenderProblem("chart", "chart.path 'charts/missing' is not a directory in the"
            + " profile (https://github.com/org/profiles@root/v0.1.0:root)"),
        // The nested profile's own source: where the path was looked for.
        new RenderProblem("base/manifests", "kustomize.path 'deploy/base' is not a directory"
            + " in the profile (https://github.com/org/profiles@base/v0.1.0:base)"));
  }

  @Test
  void kustomizePathOfTheProfileRootIsRejected() {
    assertThat(problems(installation("x"),
        resolved(definition("p", kustomize("all", ".")), Map.of("a.yaml", "a: b\n"))))
        .containsExactly(new RenderProblem("all", "kustomize.path must name a directory inside"
            + " the profile, not the profile directory itself (its files would be mixed with the"
            + " generated ones)"));
  }

  @Test
  void copiedFilesNeverOverwriteGeneratedOnes() {
    ResolvedProfile p = resolved(definition("p", local("chart", ".")),
        Map.of("Chart.yaml", "name: c\n", "HelmRelease.yaml", "mine\n"));
    assertThat(problems(installation("x"), p)).containsExactly(new RenderProblem("chart",
        "chart.path '.': its file 'HelmRelease.yaml' would overwrite the generated"
            + " x/artifacts/chart/helm-chart/HelmRelease.yaml"));
  }

  @Test
  void unresolvedNestedProfileIsReported() {
    assertThat(problems(installation("x"), resolved(definition("p", nested("base")))))
        .containsExactly(new RenderProblem("base", "the nested profile was not resolved"));
  }

  @Test
  void dependsOnCyclesAcrossNestedProfilesAreReported() {
    // Each ProfileDefinition built through its builder is acyclic, and dependsOn only names
    // siblings, so a cross-profile cycle needs a definition that skipped validation (any
    // ProfileDefinition implementation can). The renderer checks the flattened graph anyway.
    ResolvedProfile inner = resolved(definition("inner", remote("db")));
    ProfileDefinition unchecked = new UncheckedDefinition("root", List.of(
        nested("base", "app"), remote("app", "base")));
    ResolvedProfile root = resolved(unchecked, InMemoryProfileDirectory.empty(),
        Map.of("base", inner));
    assertThat(problems(installation("x"), root)).containsExactly(new RenderProblem("base/db",
        "dependsOn cycle across profiles: base/db -> app -> base/db"));
  }

  @Test
  void allProblemsAreReportedTogether() {
    ProfileInstallation inst = installationBuilder("x").gitRepository(Optional.empty()).build();
    ResolvedProfile p = resolved(definition("p", remote("r".repeat(60)),
        local("chart", "nowhere")));
    assertThat(problems(inst, p)).extracting(RenderProblem::artifact)
        .containsExactly("", "r".repeat(60), "chart");
  }

  @Test
  void installationDirectoryMustStayInsideTheRepositoryAndNotBeItsRoot() {
    assertThatThrownBy(() -> RenderRequest.builder().installation(installation("x"))
        .profile(resolved(definition("p", remote("web")))).installationDirectory("../elsewhere")
        .build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("installationDirectory: '../elsewhere' must stay inside");
    assertThatThrownBy(() -> RenderRequest.builder().installation(installation("x"))
        .profile(resolved(definition("p", remote("web")))).installationDirectory("./")
        .build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("installationDirectory");
  }

  /** A definition that skips the builder's checks, like a foreign implementation could. */
  private record UncheckedDefinition(String name, List<Artifact> artifacts)
      implements ProfileDefinition {
    @Override
    public String description() {
      return "unchecked";
    }

    @Override
    public Optional<String> maintainer() {
      return Optional.empty();
    }

    @Override
    public List<String> prerequisites() {
      return List.of();
    }
  }
}
