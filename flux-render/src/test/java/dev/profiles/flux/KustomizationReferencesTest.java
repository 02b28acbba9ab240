package dev.profiles.flux;

import static dev.profiles.flux.Profiles.definition;
import static dev.profiles.flux.Profiles.installation;
import static dev.profiles.flux.Profiles.kustomize;
import static dev.profiles.flux.Profiles.local;
import static dev.profiles.flux.Profiles.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.install.RenderException;
import dev.profiles.core.install.RenderProblem;
import dev.profiles.core.install.RenderRequest;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.model.Artifact;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A kustomization copied from a profile may reference only its own artifact's files: escapes,
 * absolute paths and remote URLs are refused with file, line and field before anything is
 * written.
 */
class KustomizationReferencesTest {
  private static RenderedFiles render(Artifact artifact, Map<String, String> files)
      throws Exception {
    return new FluxRenderer().render(RenderRequest.of(installation("x"),
        resolved(definition("p", artifact), files)));
  }

  private static List<RenderProblem> problems(Artifact artifact, Map<String, String> files) {
    try {
      render(artifact, files);
    } catch (RenderException e) {
      return e.problems();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("rendered, but problems were expected");
  }

  private static Map<String, String> app(String kustomization) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("app/kustomization.yaml", kustomization);
    files.put("app/deploy.yaml", "kind: Deployment\n");
    files.put("app/base/kustomization.yaml", "resources:\n- svc.yaml\n");
    files.put("app/base/svc.yaml", "kind: Service\n");
    files.put("app/patch.yaml", "kind: Deployment\n");
    files.put("app/env.txt", "A=1\n");
    return files;
  }

  @Test
  void referencesInsideTheArtifactRender() throws Exception {
    RenderedFiles files = render(kustomize("web", "app"), app("""
        resources:
        - deploy.yaml
        - base
        - ./base/
        patches:
        - path: patch.yaml
        patchesStrategicMerge:
        - |-
          kind: Deployment
          metadata: {name: x}
        configMapGenerator:
        - name: c
          files: [key=env.txt, env.txt]
          envs: [env.txt]
        """));
    assertThat(files.paths()).contains("artifacts/web/app/kustomization.yaml");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "../other", "base/../../secrets", "../../../../etc/passwd", "./../x"})
  void escapesAreRefusedWithFileLineAndField(String reference) {
    List<RenderProblem> problems = problems(kustomize("web", "app"),
        app("resources:\n- deploy.yaml\n- " + reference + "\n"));
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.artifact()).isEqualTo("web");
      assertThat(p.message()).startsWith("kustomize.path 'app': app/kustomization.yaml:3:3:"
          + " resources[1]: '" + reference + "' leaves the artifact directory 'app'");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "github.com/org/repo//deploy?ref=main",
      "https://raw.githubusercontent.com/org/repo/main/x.yaml",
      "git@github.com:org/repo.git",
      "ssh://git@github.com/org/repo",
      "git::https://example.com/repo",
      "example.com/org/repo"})
  void remoteUrlsAreRefused(String url) {
    List<RenderProblem> problems = problems(kustomize("web", "app"),
        app("bases:\n- " + url + "\n"));
    assertThat(problems).singleElement().satisfies(p -> assertThat(p.message())
        .startsWith("kustomize.path 'app': app/kustomization.yaml:2:3: bases[0]: '" + url + "'")
        .containsAnyOf("remote URL", "(kustomize would try to fetch it as a remote URL)"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc/passwd", "~/.ssh/id_rsa", "C:/Windows/x"})
  void absolutePathsAreRefused(String path) {
    List<RenderProblem> problems = problems(kustomize("web", "app"),
        app("patches:\n- path: \"" + path + "\"\n"));
    assertThat(problems).singleElement().satisfies(p -> assertThat(p.message())
        .contains("app/kustomization.yaml:2:9: patches[0].path: '" + path
            + "' is an absolute path"));
  }

  @Test
  void everyFieldThatNamesFilesIsChecked() {
    List<RenderProblem> problems = problems(kustomize("web", "app"), app("""
        components: [../c]
        crds: [../crd.yaml]
        generators: [../g.yaml]
        transformers: [../t.yaml]
        validators: [../v.yaml]
        configurations: [../conf.yaml]
        patchesStrategicMerge: [../p.yaml]
        patchesJson6902:
        - path: ../j.yaml
        replacements:
        - path: ../r.yaml
        configMapGenerator:
        - name: a
          files: [k=../f.txt]
          envs: [../e.env]
          env: ../e2.env
        secretGenerator:
        - name: s
          files: [../s.txt]
        helmCharts:
        - name: c
          repo: https://charts.example.com
          valuesFile: ../values.yaml
          additionalValuesFiles: [../more.yaml]
        helmGlobals:
          chartHome: ../charts
        openapi:
          path: ../schema.json
        """));
    assertThat(problems).extracting(p -> p.message().replaceAll(":\\d+:\\d+:", ":"))
        .allSatisfy(m -> assertThat(m).startsWith("kustomize.path 'app': app/kustomization.yaml:"))
        .extracting(m -> m.substring("kustomize.path 'app': app/kustomization.yaml: ".length(),
            m.indexOf(':', "kustomize.path 'app': app/kustomization.yaml: ".length())))
        .containsExactlyInAnyOrder("components[0]", "crds[0]", "generators[0]",
            "transformers[0]", "validators[0]", "configurations[0]", "patchesStrategicMerge[0]",
            "patchesJson6902[0].path", "replacements[0].path", "configMapGenerator[0].files[0]",
            "configMapGenerator[0].envs[0]", "configMapGenerator[0].env",
            "secretGenerator[0].files[0]", "helmCharts[0].repo", "helmCharts[0].valuesFile",
            "helmCharts[0].additionalValuesFiles[0]", "helmGlobals.chartHome", "openapi.path");
  }

  @Test
  void nestedKustomizationsReachedThroughResourcesAreCheckedToo() {
    Map<String, String> files = app("resources:\n- base\n");
    files.put("app/base/kustomization.yaml", "resources:\n- svc.yaml\n- ../../secret.yaml\n");
    assertThat(problems(kustomize("web", "app"), files)).singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("kustomize.path 'app':"
            + " app/base/kustomization.yaml:3:3: resources[1]: '../../secret.yaml' leaves the"
            + " artifact directory 'app' (resolved from app/base)"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"kustomization.yml", "Kustomization"})
  void everySpellingOfTheFileIsChecked(String name) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("app/" + name, "resources: [../x.yaml]\n");
    files.put("app/deploy.yaml", "kind: Deployment\n");
    assertThat(problems(kustomize("web", "app"), files)).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("app/" + name + ":1:13: resources[0]"));
  }

  @Test
  void localChartsAreCheckedLikeKustomizeArtifacts() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("chart/Chart.yaml", "name: c\n");
    files.put("chart/kustomization.yaml", "resources: [https://example.com/x.yaml]\n");
    assertThat(problems(local("c", "chart"), files)).singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("chart.path 'chart':"
            + " chart/kustomization.yaml:1:13: resources[0]: 'https://example.com/x.yaml' is a"
            + " remote URL"));
  }

  @Test
  void missingLocalNamesAreRefusedBecauseKustomizeWouldTryThemRemotely() {
    assertThat(problems(kustomize("web", "app"), app("resources: [gone.yaml]\n")))
        .singleElement().satisfies(p -> assertThat(p.message()).contains(
            "resources[0]: 'gone.yaml' is neither a file nor a directory of the artifact"));
  }

  @Test
  void unreadableKustomizationsAreRefusedLocated() {
    assertThat(problems(kustomize("web", "app"), app("resources: [a\n")))
        .singleElement().satisfies(p -> assertThat(p.message())
            .startsWith("kustomize.path 'app': app/kustomization.yaml:")
            .contains("is not valid YAML"));
    String deep = "resources:\n- " + "[".repeat(100) + "]".repeat(100) + "\n";
    assertThat(problems(kustomize("web", "app"), app(deep)))
        .singleElement().satisfies(p -> assertThat(p.message())
            .contains("is nested more than 64 levels deep"));
  }

  @Property(tries = 60)
  void anyReferenceThatClimbsAboveTheArtifactIsRefused(@ForAll("escapes") String reference) {
    assertThatThrownBy(() -> render(kustomize("web", "app"),
        app("resources:\n- \"" + reference + "\"\n")))
        .isInstanceOf(RenderException.class).hasMessageContaining("leaves the artifact");
  }

  @Provide
  Arbitrary<String> escapes() {
    Arbitrary<String> segment = Arbitraries.of("a", "base", ".", "x.yaml");
    return Arbitraries.integers().between(1, 4).flatMap(ups -> segment.list().ofMaxSize(3)
        .map(tail -> {
          StringBuilder sb = new StringBuilder();
          sb.append("../".repeat(ups));
          tail.forEach(s -> sb.append(s).append('/'));
          return sb.toString();
        }));
  }
}
