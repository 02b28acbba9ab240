package dev.profiles.flux;

import static dev.profiles.flux.Docs.at;
import static dev.profiles.flux.Docs.read;
import static dev.profiles.flux.Profiles.definition;
import static dev.profiles.flux.Profiles.installation;
import static dev.profiles.flux.Profiles.installationBuilder;
import static dev.profiles.flux.Profiles.kustomize;
import static dev.profiles.flux.Profiles.local;
import static dev.profiles.flux.Profiles.nested;
import static dev.profiles.flux.Profiles.remote;
import static dev.profiles.flux.Profiles.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.install.RenderRequest;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.model.CatalogReference;
import dev.profiles.core.model.LocalChartArtifact;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.RemoteChartArtifact;
import dev.profiles.core.resolve.ResolvedProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spec §4 layout, objects, names and references, checked field by field. */
class FluxRendererTest {
  /** The installation's directory in the GitOps repository: what Flux paths name. */
  private static final String ROOT = "clusters/dev/my-nginx/";
  /** Files are returned relative to the installation directory. */
  private static final String A = "artifacts/";

  /** The spec §1 example: remote chart with values, local chart, kustomize dir, nested profile. */
  static ResolvedProfile specExample() {
    ResolvedProfile base = resolved(
        definition("base", kustomize("crds", "manifests/crds"), remote("nginx", "crds")),
        Map.of("manifests/crds/crd.yaml", "kind: X\n", "profile.yaml", "ignored\n"));
    return resolved(
        definition("nginx",
            RemoteChartArtifact.builder().name("nginx-server")
                .url("https://charts.example.com/stable").chartName("nginx").chartVersion("8.9.1")
                .defaultValues("service: {type: ClusterIP}\n").build(),
            LocalChartArtifact.builder().name("local-chart").path("charts/mychart")
                .defaultValues("replicas: 2\n").build(),
            kustomize("crds", "manifests/crds"),
            nested("base", "crds"),
            remote("app", "base", "nginx-server")),
        InMemoryProfileDirectory.of(Map.of(
            "profile.yaml", "the profile itself, not copied\n",
            "charts/mychart/Chart.yaml", "name: mychart\nversion: 0.1.0\n",
            "charts/mychart/templates/cm.yaml", "kind: {{ .Values.kind }}\n",
            "manifests/crds/a.yaml", "kind: Y\n",
            "manifests/crds/sub/b.yaml", "kind: Z\n")),
        Map.of("base", base));
  }

  static RenderedFiles renderSpecExample() throws Exception {
    ProfileInstallation inst = installationBuilder("my-nginx").namespace("apps").configMap("my-values").build();
    return new FluxRenderer().render(RenderRequest.builder().installation(inst)
        .profile(specExample()).installationDirectory("./clusters//dev/my-nginx").build());
  }

  /** apiVersion, kind and metadata of an object rendered into namespace "apps". */
  private static void assertHeader(Map<String, Object> doc, String apiVersion, String kind,
      String name) {
    assertThat(doc).containsEntry("apiVersion", apiVersion).containsEntry("kind", kind);
    assertThat(at(doc, "metadata")).isEqualTo(Map.of("name", name, "namespace", "apps"));
  }

  @Test
  void writesExactlyTheSpecLayout() throws Exception {
    assertThat(renderSpecExample().paths()).containsExactly(
        A + "app/helm-chart/HelmRelease.yaml",
        A + "app/helm-chart/HelmRepository.yaml",
        A + "app/kustomization.yaml",
        A + "app/kustomize-flux.yaml",
        A + "base/crds/kustomization.yaml",
        A + "base/crds/kustomize-flux.yaml",
        A + "base/crds/manifests/crds/crd.yaml",
        A + "base/nginx/helm-chart/HelmRelease.yaml",
        A + "base/nginx/helm-chart/HelmRepository.yaml",
        A + "base/nginx/kustomization.yaml",
        A + "base/nginx/kustomize-flux.yaml",
        A + "crds/kustomization.yaml",
        A + "crds/kustomize-flux.yaml",
        A + "crds/manifests/crds/a.yaml",
        A + "crds/manifests/crds/sub/b.yaml",
        A + "local-chart/helm-chart/ConfigMap.yaml",
        A + "local-chart/helm-chart/HelmRelease.yaml",
        A + "local-chart/helm-chart/charts/mychart/Chart.yaml",
        A + "local-chart/helm-chart/charts/mychart/templates/cm.yaml",
        A + "local-chart/helm-chart/kustomization.yaml",
        A + "local-chart/kustomization.yaml",
        A + "local-chart/kustomize-flux.yaml",
        A + "nginx-server/helm-chart/ConfigMap.yaml",
        A + "nginx-server/helm-chart/HelmRelease.yaml",
        A + "nginx-server/helm-chart/HelmRepository.yaml",
        A + "nginx-server/kustomization.yaml",
        A + "nginx-server/kustomize-flux.yaml");
  }

  @Test
  void remoteChartGetsHelmRepositoryReleaseAndValuesInOrder() throws Exception {
    RenderedFiles files = renderSpecExample();
    Map<String, Object> repo = read(files, A + "nginx-server/helm-chart/HelmRepository.yaml");
    assertHeader(repo, "source.toolkit.fluxcd.io/v1", "HelmRepository", "my-nginx-nginx-server");
    assertThat(at(repo, "spec.url")).isEqualTo("https://charts.example.com/stable");
    assertThat(Docs.map(repo, "spec")).doesNotContainKey("type");

    Map<String, Object> release = read(files, A + "nginx-server/helm-chart/HelmRelease.yaml");
    assertThat(release).containsEntry("apiVersion", "helm.toolkit.fluxcd.io/v2");
    assertThat(at(release, "metadata.name")).isEqualTo("my-nginx-nginx-server");
    assertThat(at(release, "spec.releaseName")).isEqualTo("nginx-server");
    assertThat(at(release, "spec.interval")).isEqualTo("5m");
    assertThat(at(release, "spec.chart.spec")).isEqualTo(Map.of("chart", "nginx",
        "version", "8.9.1", "sourceRef", Map.of("kind", "HelmRepository",
            "name", "my-nginx-nginx-server", "namespace", "apps")));
    assertThat(at(release, "spec.valuesFrom")).isEqualTo(List.of(
        Map.of("kind", "ConfigMap", "name", "my-nginx-nginx-server-defaultvalues",
            "valuesKey", "default-values.yaml"),
        Map.of("kind", "ConfigMap", "name", "my-values", "valuesKey", "nginx-server")));

    Map<String, Object> values = read(files, A + "nginx-server/helm-chart/ConfigMap.yaml");
    assertHeader(values, "v1", "ConfigMap", "my-nginx-nginx-server-defaultvalues");
    assertThat(at(values, "data")).isEqualTo(
        Map.of("default-values.yaml", "service: {type: ClusterIP}\n"));
  }

  @Test
  void ociRepositoryHasTypeOci() throws Exception {
    RemoteChartArtifact oci = RemoteChartArtifact.builder().name("podinfo")
        .url("oci://ghcr.io/stefanprodan/charts").chartName("podinfo").chartVersion("6.5.0")
        .build();
    RenderedFiles files = new FluxRenderer().render(
        RenderRequest.of(installation("x"), resolved(definition("p", oci))));
    Map<String, Object> repo = read(files, "artifacts/podinfo/helm-chart/HelmRepository.yaml");
    assertThat(at(repo, "spec")).isEqualTo(
        Map.of("type", "oci", "url", "oci://ghcr.io/stefanprodan/charts"));
  }

  @Test
  void withoutDefaultValuesOrUserConfigMapThereIsNoConfigMapAndNoValuesFrom() throws Exception {
    RenderedFiles files = new FluxRenderer().render(
        RenderRequest.of(installation("x"), resolved(definition("p", remote("web")))));
    assertThat(files.paths()).noneMatch(p -> p.endsWith("ConfigMap.yaml"));
    assertThat(Docs.map(read(files, "artifacts/web/helm-chart/HelmRelease.yaml"),
        "spec")).doesNotContainKey("valuesFrom");
  }

  @Test
  void localChartIsCopiedAndReferencedThroughTheGitRepository() throws Exception {
    RenderedFiles files = renderSpecExample();
    Map<String, Object> release = read(files, A + "local-chart/helm-chart/HelmRelease.yaml");
    assertThat(at(release, "spec.chart.spec")).isEqualTo(Map.of(
        "chart", "./clusters/dev/my-nginx/artifacts/local-chart/helm-chart/charts/mychart",
        "sourceRef", Map.of("kind", "GitRepository", "name", "flux-system",
            "namespace", "flux-system")));
    assertThat(files.text(A + "local-chart/helm-chart/charts/mychart/templates/cm.yaml"))
        .contains("kind: {{ .Values.kind }}\n");
    assertThat(at(read(files, A + "local-chart/helm-chart/kustomization.yaml"), "resources"))
        .isEqualTo(List.of("HelmRelease.yaml", "ConfigMap.yaml"));
    assertThat(files.contains(A + "local-chart/helm-chart/HelmRepository.yaml")).isFalse();
  }

  @Test
  void kustomizationsApplyRepoRelativePathsFromTheGoverningGitRepository() throws Exception {
    RenderedFiles files = renderSpecExample();
    Map<String, Object> crds = read(files, A + "crds/kustomize-flux.yaml");
    assertHeader(crds, "kustomize.toolkit.fluxcd.io/v1", "Kustomization", "my-nginx-crds");
    assertThat(at(crds, "spec")).isEqualTo(Map.of(
        "interval", "5m", "prune", true, "targetNamespace", "apps",
        "path", "./clusters/dev/my-nginx/artifacts/crds/manifests/crds",
        "sourceRef", Map.of("kind", "GitRepository", "name", "flux-system",
            "namespace", "flux-system")));
    Map<String, Object> chart = read(files, A + "nginx-server/kustomize-flux.yaml");
    assertThat(at(chart, "spec.path"))
        .isEqualTo("./clusters/dev/my-nginx/artifacts/nginx-server/helm-chart");
    assertThat(at(chart, "spec.healthChecks")).isEqualTo(List.of(Map.of(
        "apiVersion", "helm.toolkit.fluxcd.io/v2", "kind", "HelmRelease",
        "name", "my-nginx-nginx-server", "namespace", "apps")));
    assertThat(at(read(files, A + "crds/kustomization.yaml"), "resources"))
        .isEqualTo(List.of("kustomize-flux.yaml"));
  }

  @Test
  void atTheRepositoryRootPathsStartWithTheInstallationName() throws Exception {
    RenderedFiles files = new FluxRenderer().render(
        RenderRequest.of(installation("x"), resolved(definition("p", remote("web")))));
    assertThat(at(read(files, "artifacts/web/kustomize-flux.yaml"), "spec.path"))
        .isEqualTo("./x/artifacts/web/helm-chart");
    assertThat(at(read(files, "artifacts/web/kustomize-flux.yaml"), "metadata.namespace"))
        .isEqualTo("default");
  }

  @Test
  void nestedCollisionsAreDisambiguatedByPathAndTopLevelNamesStay() throws Exception {
    RenderedFiles files = renderSpecExample();
    // base/crds collides with top-level crds: the nested one takes its path.
    assertThat(at(read(files, A + "base/crds/kustomize-flux.yaml"), "metadata.name"))
        .isEqualTo("my-nginx-base-crds");
    assertThat(at(read(files, A + "crds/kustomize-flux.yaml"), "metadata.name"))
        .isEqualTo("my-nginx-crds");
    // base/nginx collides with nothing: named from its own artifact name, as the original did.
    Map<String, Object> release = read(files, A + "base/nginx/helm-chart/HelmRelease.yaml");
    assertThat(at(release, "metadata.name")).isEqualTo("my-nginx-nginx");
    assertThat(at(release, "spec.releaseName")).isEqualTo("nginx");
  }

  @Test
  void twoNestedProfilesWithTheSameArtifactNameGetDistinctNamesReleasesAndValueKeys()
      throws Exception {
    ResolvedProfile a = resolved(definition("a", remote("redis")));
    ResolvedProfile b = resolved(definition("b", remote("redis")));
    ResolvedProfile root = resolved(definition("root", nested("one"), nested("two")),
        InMemoryProfileDirectory.empty(), Map.of("one", a, "two", b));
    RenderedFiles files = new FluxRenderer().render(RenderRequest.of(
        installationBuilder("x").configMap("vals").build(), root));
    Map<String, Object> one = read(files, "artifacts/one/redis/helm-chart/HelmRelease.yaml");
    Map<String, Object> two = read(files, "artifacts/two/redis/helm-chart/HelmRelease.yaml");
    assertThat(at(one, "metadata.name")).isEqualTo("x-one-redis");
    assertThat(at(two, "metadata.name")).isEqualTo("x-two-redis");
    assertThat(at(one, "spec.releaseName")).isEqualTo("one-redis");
    assertThat(at(two, "spec.valuesFrom[0].valuesKey")).isEqualTo("two-redis");
    assertThat(at(two, "spec.chart.spec.sourceRef.name")).isEqualTo("x-two-redis");
  }

  @Test
  void dependsOnANestedProfileWaitsForEveryArtifactOfIt() throws Exception {
    RenderedFiles files = renderSpecExample();
    // app depends on [base, nginx-server]: base expands to both of its artifacts.
    assertThat(at(read(files, A + "app/kustomize-flux.yaml"), "spec.dependsOn")).isEqualTo(
        List.of(Map.of("name", "my-nginx-base-crds"), Map.of("name", "my-nginx-nginx"),
            Map.of("name", "my-nginx-nginx-server")));
  }

  @Test
  void aNestedProfilesOwnDependsOnAppliesToEachOfItsArtifacts() throws Exception {
    RenderedFiles files = renderSpecExample();
    // base depends on crds; inside base, nginx also depends on its sibling base/crds.
    assertThat(at(read(files, A + "base/crds/kustomize-flux.yaml"), "spec.dependsOn"))
        .isEqualTo(List.of(Map.of("name", "my-nginx-crds")));
    assertThat(at(read(files, A + "base/nginx/kustomize-flux.yaml"), "spec.dependsOn"))
        .isEqualTo(List.of(Map.of("name", "my-nginx-crds"), Map.of("name", "my-nginx-base-crds")));
    assertThat(Docs.map(read(files, A + "nginx-server/kustomize-flux.yaml"), "spec"))
        .doesNotContainKey("dependsOn");
  }

  @Test
  void neverWritesTheInstallationRecordWhichIsCores() throws Exception {
    ProfileInstallation inst = installationBuilder("my-nginx").catalog(CatalogReference.of("my-catalog", "nginx", "v0.1.0")).build();
    RenderedFiles files = new FluxRenderer().render(
        RenderRequest.of(inst, resolved(definition("nginx", remote("web")))));
    assertThat(files.paths()).noneMatch(p -> p.endsWith("profile-installation.yaml"))
        .allMatch(p -> p.startsWith("artifacts/"));
    assertThat(renderSpecExample().paths()).allMatch(p -> p.startsWith(A));
  }

  @Test
  void everyPathFluxIsToldToReadExistsInTheRenderedTree() throws Exception {
    RenderedFiles files = renderSpecExample();
    for (String path : files.paths()) {
      if (path.endsWith("/kustomize-flux.yaml")) {
        String fluxPath = ((String) at(read(files, path), "spec.path")).substring(2);
        assertThat(fluxPath).as(path).startsWith(ROOT);
        String dir = fluxPath.substring(ROOT.length());
        assertThat(files.paths()).as(path).anyMatch(p -> p.startsWith(dir + "/"));
      }
      if (path.endsWith("/HelmRelease.yaml")) {
        Map<String, Object> release = read(files, path);
        if ("GitRepository".equals(at(release, "spec.chart.spec.sourceRef.kind"))) {
          String chart = ((String) at(release, "spec.chart.spec.chart")).substring(2);
          assertThat(chart).as(path).startsWith(ROOT);
          chart = chart.substring(ROOT.length());
          assertThat(files.contains(chart + "/Chart.yaml")).as(path).isTrue();
        }
      }
    }
  }

  @Test
  void renderedFluxObjectsAreValidAgainstTheCrds() throws Exception {
    assertThat(ManifestValidator.bundled().validate(renderSpecExample())).isEmpty();
  }

  @Test
  void localChartAtTheProfileRootIsAllowed() throws Exception {
    ResolvedProfile p = resolved(definition("p", local("chart", ".")),
        Map.of("Chart.yaml", "name: c\n", "templates/x.yaml", "a: b\n"));
    RenderedFiles files = new FluxRenderer().render(RenderRequest.of(installation("x"), p));
    assertThat(at(read(files, "artifacts/chart/helm-chart/HelmRelease.yaml"),
        "spec.chart.spec.chart")).isEqualTo("./x/artifacts/chart/helm-chart");
    assertThat(files.contains("artifacts/chart/helm-chart/templates/x.yaml")).isTrue();
  }
}
