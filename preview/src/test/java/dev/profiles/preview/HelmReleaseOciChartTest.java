package dev.profiles.preview;

import static dev.profiles.preview.HelmReleaseLocalChartTest.at;
import static dev.profiles.preview.HelmReleaseLocalChartTest.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.preview.Expansion;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.PreviewException;
import dev.profiles.testing.junit.Prerequisites;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HelmReleases with OCI charts, from a real registry on loopback (Debian's
 * {@code docker-registry}, plain HTTP) to which the test pushes a chart with helm-java: a
 * HelmRepository of type oci (as flux-render writes for {@code oci://} URLs), and a
 * {@code chartRef} to an OCIRepository.
 */
class HelmReleaseOciChartTest {
  static final String DIR = "clusters/dev/my-nginx/artifacts/podinfo/helm-chart";

  @TempDir static Path tmp;
  static OciRegistry registry;

  @BeforeAll
  static void startRegistry() throws Exception {
    Prerequisites.require(OciRegistry.installed(),
        "docker-registry (Debian package docker-registry) for a loopback OCI registry");
    registry = OciRegistry.start(tmp);
    registry.push(TestCharts.packaged("web", "1.2.0", tmp));
    registry.push(TestCharts.packaged("web", "2.0.0", tmp));
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  static MapContext helmRepositorySide(String url, String version) {
    return new MapContext()
        .put(DIR + "/HelmRelease.yaml", """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: my-nginx-podinfo, namespace: apps}
            spec:
              chart:
                spec:
                  chart: web
                  sourceRef: {kind: HelmRepository, name: my-nginx-podinfo, namespace: apps}
                  version: "%s"
              interval: 5m
              releaseName: podinfo
              values:
                replicas: 6
            """.formatted(version))
        .put(DIR + "/HelmRepository.yaml", """
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: HelmRepository
            metadata: {name: my-nginx-podinfo, namespace: apps}
            spec:
              type: oci
              insecure: true
              url: %s
            """.formatted(url));
  }

  static MapContext ociRepositorySide(String url, String tag) {
    return new MapContext()
        .put("apps/web/release.yaml", """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: my-nginx-podinfo, namespace: apps}
            spec:
              chartRef: {kind: OCIRepository, name: web-chart}
              interval: 5m
            ---
            apiVersion: source.toolkit.fluxcd.io/v1beta2
            kind: OCIRepository
            metadata: {name: web-chart, namespace: apps}
            spec:
              insecure: true
              url: %s
              ref: {tag: "%s"}
            """.formatted(url, tag));
  }

  static Expansion expand(MapContext side) throws Exception {
    KubeObject release = side.object("HelmRelease", "my-nginx-podinfo");
    return new HelmReleaseExpander().expand(release, side);
  }

  @Test
  void rendersAChartFromAnOciHelmRepository() throws Exception {
    Expansion expansion = expand(helmRepositorySide(registry.url(), "1.2.0"));
    KubeObject deployment = find(expansion, "Deployment", "podinfo-web");
    assertThat(deployment.id().namespace()).isEqualTo("apps");
    assertThat(at(deployment, "spec", "replicas")).isEqualTo(6);
    assertThat(expansion.objects().get(0).id().kind()).isEqualTo("CustomResourceDefinition");
  }

  @Test
  void rendersAChartFromAnOciRepositoryChartRefWithTheDefaultReleaseName() throws Exception {
    Expansion expansion = expand(ociRepositorySide(registry.url() + "/web", "2.0.0"));
    assertThat(find(expansion, "Deployment", "my-nginx-podinfo-web").id().namespace())
        .isEqualTo("apps");
  }

  @Test
  void aMissingTagIsAnErrorNamingTheArtifact() {
    assertThatThrownBy(() -> expand(helmRepositorySide(registry.url(), "3.0.0")))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("HelmRelease apps/my-nginx-podinfo (" + DIR)
        .hasMessageContaining("manifest of " + registry.url() + "/web:3.0.0 not found")
        .hasMessageContaining("HTTP 404");
    assertThatThrownBy(() -> expand(ociRepositorySide(registry.url() + "/nope", "1.0.0")))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining(registry.url() + "/nope:1.0.0");
  }

  @Test
  void anUnreachableRegistryIsAnError() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    assertThatThrownBy(() -> expand(helmRepositorySide("oci://127.0.0.1:" + closed + "/charts",
        "1.2.0")))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("HelmRelease apps/my-nginx-podinfo")
        .hasMessageContaining("cannot fetch manifest of oci://127.0.0.1:" + closed
            + "/charts/web:1.2.0");
  }

  @Test
  void anOciChartWithoutAnExactVersionIsNotExpanded() throws Exception {
    Expansion expansion = expand(helmRepositorySide(registry.url(), "*"));
    assertThat(expansion.notExpanded()).hasValueSatisfying(r -> assertThat(r)
        .contains("exact versions"));
  }
}
