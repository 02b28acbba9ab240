package dev.profiles.preview;

import static dev.profiles.preview.HelmReleaseLocalChartTest.at;
import static dev.profiles.preview.HelmReleaseLocalChartTest.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.preview.Expansion;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.PreviewException;
import dev.profiles.testing.charts.ChartRepositoryServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HelmReleases whose chart comes from an HTTP Helm repository (a loopback server with a chart
 * packaged by helm-java), as flux-render writes them: HelmRepository beside the release.
 */
class HelmReleaseRemoteChartTest {
  static final String DIR = "clusters/dev/my-nginx/artifacts/nginx-server/helm-chart";

  @TempDir static Path tmp;
  static ChartRepositoryServer server;
  static Path archive120;

  @BeforeAll
  static void serve() throws Exception {
    archive120 = TestCharts.packaged("web", "1.2.0", tmp);
    Path archive130 = TestCharts.packaged("web", "1.3.0", tmp);
    server = new ChartRepositoryServer()
        .add("web", "1.2.0", archive120, sha256(archive120))
        .add("web", "1.3.0", archive130, null)
        .add("web", "1.4.0-rc.1", archive130, null)
        .add("tampered", "1.0.0", archive130, sha256(archive120))
        .add("bomb", "1.0.0", bomb(tmp.resolve("bomb-1.0.0.tgz")), null)
        .add("garbage", "1.0.0", java.nio.file.Files.writeString(tmp.resolve("garbage-1.0.0.tgz"),
            "this is not a gzip archive"), null);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A small gzip of 2 MiB of zeros: over a 1 MiB input bound once expanded. */
  static Path bomb(Path file) throws Exception {
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(new byte[2 << 20]);
    }
    return file;
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(file)));
  }

  static MapContext side(String url, String chart, String version) {
    return new MapContext()
        .put(DIR + "/HelmRelease.yaml", """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: my-nginx-nginx-server
              namespace: apps
            spec:
              chart:
                spec:
                  chart: %s
                  sourceRef:
                    kind: HelmRepository
                    name: my-nginx-nginx-server
                    namespace: apps
                  version: "%s"
              interval: 5m
              releaseName: nginx-server
              valuesFrom:
              - kind: ConfigMap
                name: my-nginx-nginx-server-defaultvalues
                valuesKey: default-values.yaml
              - kind: ConfigMap
                name: my-values
                valuesKey: nginx-server
            """.formatted(chart, version))
        .put(DIR + "/HelmRepository.yaml", """
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: HelmRepository
            metadata:
              name: my-nginx-nginx-server
              namespace: apps
            spec:
              interval: 5m
              url: %s
            """.formatted(url))
        .put(DIR + "/ConfigMap.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: my-nginx-nginx-server-defaultvalues
              namespace: apps
            data:
              default-values.yaml: |
                service: {type: NodePort}
            """);
  }

  static Expansion expand(HelmReleaseExpander expander, MapContext side) throws Exception {
    KubeObject release = side.object("HelmRelease", "my-nginx-nginx-server");
    return expander.expand(release, side);
  }

  @Test
  void rendersTheChartFromTheRepositoryWithItsValuesAndCachesTheArchive() throws Exception {
    HelmReleaseExpander expander = new HelmReleaseExpander();
    MapContext side = side(server.url(), "web", "1.2.0");
    int before = server.archiveRequests();

    Expansion expansion = expand(expander, side);
    KubeObject service = find(expansion, "Service", "nginx-server-web");
    assertThat(service.id().namespace()).isEqualTo("apps");
    assertThat(at(service, "spec", "type")).isEqualTo("NodePort");
    assertThat(at(find(expansion, "Deployment", "nginx-server-web"), "metadata", "labels"))
        .asString().contains("nginx-server");
    assertThat(expansion.objects().get(0).id().kind()).isEqualTo("CustomResourceDefinition");

    Expansion again = expand(expander, side);
    assertThat(again).isEqualTo(expansion);
    assertThat(server.archiveRequests() - before).isEqualTo(1);
  }

  @Test
  void starPicksTheHighestReleaseAndAnExactVersionItself() throws Exception {
    HelmReleaseExpander expander = new HelmReleaseExpander();
    Expansion latest = expand(expander, side(server.url(), "web", "*"));
    assertThat(at(find(latest, "Deployment", "nginx-server-web"), "metadata", "labels"))
        .asString().contains("release=nginx-server");
    assertThat(latest.objects()).isNotEmpty();
    // The chart's own Chart.yaml version is not rendered into objects; the index entry is what
    // was chosen: a missing 1.4.0 (only an rc exists) proves '*' skipped the pre-release.
    assertThatThrownBy(() -> expand(expander, side(server.url(), "web", "1.4.0")))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("chart web has no version '1.4.0'");
  }

  @Test
  void aVersionRangeIsNotExpanded() throws Exception {
    Expansion expansion = expand(new HelmReleaseExpander(),
        side(server.url(), "web", ">=1.0.0 <2.0.0"));
    assertThat(expansion.notExpanded()).hasValueSatisfying(r -> assertThat(r)
        .contains("is a range"));
  }

  @Test
  void aMissingChartVersionOrChartIsAnErrorNamingTheRepository() {
    HelmReleaseExpander expander = new HelmReleaseExpander();
    assertThatThrownBy(() -> expand(expander, side(server.url(), "web", "9.9.9")))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("HelmRelease apps/my-nginx-nginx-server (" + DIR)
        .hasMessageContaining("no version '9.9.9'")
        .hasMessageContaining(server.url() + "/index.yaml");
    assertThatThrownBy(() -> expand(expander, side(server.url(), "nope", "1.0.0")))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("chart 'nope' is not in the repository");
  }

  @Test
  void aRepositoryWithoutIndexOrUnreachableIsAnError() throws Exception {
    HelmReleaseExpander expander = new HelmReleaseExpander();
    assertThatThrownBy(() -> expand(expander, side(server.url() + "/missing", "web", "1.2.0")))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("index.yaml not found")
        .hasMessageContaining("HTTP 404");
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    assertThatThrownBy(() -> expand(expander, side("http://127.0.0.1:" + closed + "/charts",
        "web", "1.2.0")))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("HelmRelease apps/my-nginx-nginx-server")
        .hasMessageContaining("cannot fetch index.yaml from http://127.0.0.1:" + closed
            + "/charts/index.yaml: connection refused");
  }

  @Test
  void aHelmRepositoryNotDeclaredIsAnError() {
    MapContext side = side(server.url(), "web", "1.2.0");
    side.put(DIR + "/HelmRepository.yaml", "# removed\n");
    assertThatThrownBy(() -> expand(new HelmReleaseExpander(), side))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("HelmRepository apps/my-nginx-nginx-server is not declared");
  }

  @Test
  void anArchiveOverTheLimitOrNotMatchingItsDigestIsAnError() {
    HelmReleaseExpander small = new HelmReleaseExpander(ExpanderSettings.defaults()
        .withLimits(100, 10_000, 32L << 20, 64L << 20));
    assertThatThrownBy(() -> expand(small, side(server.url(), "web", "1.2.0")))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("is larger than 100 bytes");
    assertThatThrownBy(() -> expand(new HelmReleaseExpander(),
        side(server.url(), "tampered", "1.0.0")))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("does not match the digest");
  }

  @Test
  void tooManyDocumentsIsAnError() {
    HelmReleaseExpander few = new HelmReleaseExpander(ExpanderSettings.defaults()
        .withLimits(20L << 20, 3, 32L << 20, 64L << 20));
    assertThatThrownBy(() -> expand(few, side(server.url(), "web", "1.2.0")))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("more than 3");
  }

  @Test
  void anArchiveThatIsNotAChartIsAnErrorNamingTheChart() {
    assertThatThrownBy(() -> expand(new HelmReleaseExpander(),
        side(server.url(), "garbage", "1.0.0")))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("HelmRelease apps/my-nginx-nginx-server")
        .hasMessageContaining("chart garbage 1.0.0 from " + server.url());
  }

  @Test
  void aRepositoryThatNeverAnswersIsStoppedByTheTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // Accepts the connection (the backlog) and never answers.
      HelmReleaseExpander impatient = new HelmReleaseExpander(ExpanderSettings.defaults()
          .withTimeout(java.time.Duration.ofMillis(500)));
      assertThatThrownBy(() -> expand(impatient, side("http://127.0.0.1:"
          + silent.getLocalPort() + "/charts", "web", "1.2.0")))
          .isInstanceOf(PreviewException.class)
          .hasMessageContaining("cannot fetch index.yaml from http://127.0.0.1:"
              + silent.getLocalPort() + "/charts/index.yaml: timed out");
    }
  }

  @Test
  void anArchiveExpandingPastTheInputBoundIsRefusedBeforeHelmUnpacksIt() {
    HelmReleaseExpander bounded = new HelmReleaseExpander(ExpanderSettings.defaults()
        .withLimits(20L << 20, 10_000, 32L << 20, 1L << 20));
    assertThatThrownBy(() -> expand(bounded, side(server.url(), "bomb", "1.0.0")))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("chart archive bomb-1.0.0 expands to more than 1048576 bytes");
  }

  @Test
  void aRepositoryNeedingCredentialsIsNotExpandedAndNoSecretIsRead() throws Exception {
    MapContext side = side(server.url(), "web", "1.2.0");
    side.put(DIR + "/HelmRepository.yaml", """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: {name: my-nginx-nginx-server, namespace: apps}
        spec:
          url: %s
          secretRef: {name: repo-credentials}
        """.formatted(server.url()));
    side.put("clusters/dev/repo-credentials.yaml", """
        apiVersion: v1
        kind: Secret
        metadata: {name: repo-credentials, namespace: apps}
        stringData: {username: u, password: s3cr3t-value}
        """);
    Expansion expansion = expand(new HelmReleaseExpander(), side);
    assertThat(expansion.notExpanded()).hasValueSatisfying(r -> assertThat(r)
        .contains("needs credentials").doesNotContain("s3cr3t-value"));
  }
}
