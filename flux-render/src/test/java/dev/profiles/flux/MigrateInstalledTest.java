package dev.profiles.flux;

import static dev.profiles.flux.Profiles.definition;
import static dev.profiles.flux.Profiles.installation;
import static dev.profiles.flux.Profiles.kustomize;
import static dev.profiles.flux.Profiles.remote;
import static dev.profiles.flux.Profiles.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.install.RenderRequest;
import dev.profiles.core.install.RenderedFiles;
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
 * {@link FluxRenderer#migrate}: generated files as pctl (or a user of its day) wrote them are
 * brought to today's form; real edits and copied files are kept.
 */
class MigrateInstalledTest {
  private static final String REPO = "artifacts/web/helm-chart/HelmRepository.yaml";
  private static final String RELEASE = "artifacts/web/helm-chart/HelmRelease.yaml";
  private static final String FLUX = "artifacts/app/kustomize-flux.yaml";
  private static final String COPIED = "artifacts/app/k/kustomization.yaml";

  private static final RenderRequest REQUEST = RenderRequest.of(installation("x"),
      resolved(definition("p", remote("web"), kustomize("app", "k", "web")),
          Map.of("k/kustomization.yaml", "resources: [a.yaml]\n", "k/a.yaml", "a: 1\n")));

  private static RenderedFiles pristine() throws Exception {
    return new FluxRenderer().render(REQUEST);
  }

  /** The pristine render with {@code path} replaced by {@code content}. */
  private static RenderedFiles installedWith(String path, String content) throws Exception {
    RenderedFiles.Builder b = RenderedFiles.builder();
    pristine().forEach((p, bytes) -> {
      if (!p.equals(path)) {
        b.put(p, bytes);
      }
    });
    return b.put(path, content).build();
  }

  private static String migrated(String path, String content) throws Exception {
    return new FluxRenderer().migrate(REQUEST, installedWith(path, content)).text(path)
        .orElseThrow();
  }

  private static final String PCTL_REPOSITORY = """
      apiVersion: source.toolkit.fluxcd.io/v1beta1
      kind: HelmRepository
      metadata:
        creationTimestamp: null
        name: x-web
        namespace: default
      spec:
        interval: 0s
        url: https://charts.example.com/stable
      status: {}
      """;

  private static final String PCTL_FLUX = """
      apiVersion: kustomize.toolkit.fluxcd.io/v1beta1
      kind: Kustomization
      metadata:
        creationTimestamp: null
        name: x-app
        namespace: default
      spec:
        dependsOn:
        - name: x-web
          namespace: default
        interval: 5m0s
        path: x/artifacts/app/k
        prune: true
        sourceRef:
          kind: GitRepository
          name: flux-system
          namespace: flux-system
        targetNamespace: default
      status: {}
      """;

  @Test
  void pctlsSpellingOfAnUneditedFileBecomesTheRenderersExactBytes() throws Exception {
    assertThat(migrated(REPO, PCTL_REPOSITORY)).isEqualTo(pristine().text(REPO).orElseThrow());
    assertThat(migrated(FLUX, PCTL_FLUX)).isEqualTo(pristine().text(FLUX).orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"5m0s", "5m", "300s", "0h5m0s", "300000ms", "\"5m0s\""})
  void goDurationsEqualToTheRenderedOneAreNotEdits(String interval) throws Exception {
    assertThat(migrated(FLUX, PCTL_FLUX.replace("interval: 5m0s", "interval: " + interval)))
        .isEqualTo(pristine().text(FLUX).orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"./x/artifacts/app/k", "x/artifacts/app/k/",
      "/home/me/gitops/x/artifacts/app/k"})
  void pathsNamingTheSameDirectoryAreNotEdits(String path) throws Exception {
    assertThat(migrated(FLUX, PCTL_FLUX.replace("path: x/artifacts/app/k", "path: " + path)))
        .isEqualTo(pristine().text(FLUX).orElseThrow());
  }

  @Test
  void realEditsStayAndOnlyThemDifferFromTheRenderedFile() throws Exception {
    String edited = PCTL_FLUX.replace("interval: 5m0s", "interval: 1h0m0s")
        .replace("status: {}\n", "") + "  suspend: true\n";
    String expected = pristine().text(FLUX).orElseThrow().replace("interval: 5m", "interval:"
        + " 1h0m0s") + "  suspend: true\n";
    assertThat(migrated(FLUX, edited)).isEqualTo(expected);
  }

  @Test
  void retiredVersionsInNestedReferencesAndPatchTargetsAreReplaced() throws Exception {
    String text = migrated(RELEASE, """
        apiVersion: helm.toolkit.fluxcd.io/v2beta1
        kind: HelmRelease
        metadata:
          name: x-web
          namespace: default
        spec:
          chart:
            spec:
              chart: nginx
              sourceRef:
                apiVersion: source.toolkit.fluxcd.io/v1beta2
                kind: HelmRepository
                name: x-web
              version: 8.9.1
          interval: 5m
          postRenderers:
          - kustomize:
              patches:
              - patch: |
                  - op: add
                    path: /metadata/labels/a
                    value: b
                target:
                  group: source.toolkit.fluxcd.io
                  version: v1beta1
                  kind: HelmRepository
              - patch: |
                  apiVersion: helm.toolkit.fluxcd.io/v2beta2
                  kind: HelmRelease
                  metadata: {name: x}
          releaseName: web
        """);
    assertThat(text).doesNotContainPattern("toolkit\\.fluxcd\\.io/v\\d+beta\\d")
        .doesNotContain("version: v1beta1")
        .contains("apiVersion: helm.toolkit.fluxcd.io/v2\n")
        .contains("apiVersion: source.toolkit.fluxcd.io/v1\n")
        .contains("version: v1\n");
    assertThat(text.split("apiVersion: helm\\.toolkit\\.fluxcd\\.io/v2\n", -1)).hasSize(3);
  }

  @Test
  void aFileWithCommentsKeepsItsTextAndOnlyItsApiVersionsChange() throws Exception {
    String withComment = PCTL_REPOSITORY.replace("  url:", "  # internal mirror\n  url:");
    assertThat(migrated(REPO, withComment)).isEqualTo(withComment.replace(
        "source.toolkit.fluxcd.io/v1beta1", "source.toolkit.fluxcd.io/v1"));
  }

  @Test
  void filesCopiedFromTheProfileAreNeverTouched() throws Exception {
    String userCopy = "apiVersion: kustomize.config.k8s.io/v1beta1\nresources: [a.yaml]\n"
        + "# helm.toolkit.fluxcd.io/v2beta1\nx: {apiVersion: helm.toolkit.fluxcd.io/v2beta1}\n";
    assertThat(migrated(COPIED, userCopy)).isEqualTo(userCopy);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a: [", "\u0000", "- [[[[", "key: value\nkey: again\n"})
  void unreadableFilesAreLeftAsTheyAre(String content) throws Exception {
    assertThat(migrated(RELEASE, content)).isEqualTo(content);
  }

  @Test
  void filesTheRendererDoesNotWriteAreLeftAlone() throws Exception {
    RenderedFiles installed = RenderedFiles.builder().put("notes.yaml",
        "apiVersion: helm.toolkit.fluxcd.io/v2beta1\n").build();
    assertThat(new FluxRenderer().migrate(REQUEST, installed)).isEqualTo(installed);
  }

  @Property(tries = 40)
  void anyNestingOfRetiredReferencesIsMigratedOrLeftNeverBroken(
      @ForAll("retired") String version, @ForAll("depths") int depth) throws Exception {
    StringBuilder nested = new StringBuilder();
    String indent = "  ";
    for (int i = 0; i < depth; i++) {
      nested.append(indent).append("n").append(i).append(":\n");
      indent += "  ";
    }
    nested.append(indent).append("apiVersion: helm.toolkit.fluxcd.io/").append(version)
        .append('\n').append(indent).append("kind: HelmRelease\n");
    String text = migrated(FLUX, PCTL_FLUX.replace("status: {}\n", "")
        .replace("spec:\n", "spec:\n  extra:\n" + nested.toString().indent(2)));
    if (depth < 60) {
      assertThat(text).doesNotContain("helm.toolkit.fluxcd.io/" + version);
    } else {
      // Beyond the bound the file is kept as it is: never an Error.
      assertThat(text).contains("helm.toolkit.fluxcd.io/" + version);
    }
  }

  @Provide
  Arbitrary<String> retired() {
    return Arbitraries.of("v2beta1", "v2beta2", "v2alpha1");
  }

  @Provide
  Arbitrary<Integer> depths() {
    return Arbitraries.oneOf(Arbitraries.integers().between(0, 20),
        Arbitraries.integers().between(70, 1000));
  }
}
