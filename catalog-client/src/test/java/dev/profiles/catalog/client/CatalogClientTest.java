package dev.profiles.catalog.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.core.catalog.PreReleases;
import dev.profiles.core.catalog.ScanResult;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.yaml.ProfileYaml;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the real catalog server over loopback HTTP. */
class CatalogClientTest {
  @TempDir static Path dir;
  static CatalogServer server;
  static CatalogClient client;

  static CatalogEntry entry(String name, String tag) {
    return CatalogEntry.builder().name(name).tag(tag).description(name + " profile")
        .url("https://github.com/org/profiles").build();
  }

  @BeforeAll
  static void start() throws Exception {
    ProfileCatalogSource team = ProfileCatalogSource.builder().name("team")
        .addProfile(entry("nginx", "nginx/v0.1.0"))
        .addProfile(entry("nginx", "nginx/v0.2.0"))
        .addProfile(entry("nginx", "nginx/v0.3.0-rc.1"))
        .addProfile(CatalogEntry.builder().from(entry("redis", "redis/1.0.0"))
            .maintainer("data-team").addAllPrerequisites(List.of("kubernetes 1.19", "helm")).build())
        .addProfile(entry("odd-name-co", "odd-name-co/1.0.0+build.1"))
        .build();
    ProfileCatalogSource other = ProfileCatalogSource.builder().name("other")
        .addProfile(entry("nginx", "nginx/v5.0.0")).build();
    Files.writeString(dir.resolve("team.yaml"), ProfileYaml.strict().writeCatalogSource(team));
    Files.writeString(dir.resolve("other.yaml"), ProfileYaml.strict().writeCatalogSource(other));
    server = CatalogServer.builder().sources(dir).port(0).build().start();
    server.refresh();
    client = CatalogClient.builder().baseUrl(server.uri()).build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> tags(List<CatalogEntry> entries) {
    return entries.stream().map(e -> e.catalogSource().orElseThrow() + ":" + e.tag().orElseThrow())
        .toList();
  }

  @Test
  void searchReturnsEntriesInTheCatalogsOrder() throws Exception {
    assertThat(tags(client.search(""))).containsExactly("other:nginx/v5.0.0",
        "team:nginx/v0.3.0-rc.1", "team:nginx/v0.2.0", "team:nginx/v0.1.0",
        "team:odd-name-co/1.0.0+build.1", "team:redis/1.0.0");
    assertThat(tags(client.search("name-"))).containsExactly("team:odd-name-co/1.0.0+build.1");
    assertThat(client.search("postgres")).isEmpty();
  }

  @Test
  void entriesCarryEveryField() throws Exception {
    CatalogEntry redis = client.get("team", "redis");
    assertThat(redis).isEqualTo(CatalogEntry.builder().name("redis").tag("redis/1.0.0")
        .catalogSource("team").url("https://github.com/org/profiles")
        .description("redis profile").maintainer("data-team")
        .addAllPrerequisites(List.of("kubernetes 1.19", "helm")).build());
  }

  @Test
  void getAndLatestAreTheHighestReleaseAndVersionsMatchByPrecedence() throws Exception {
    assertThat(client.get("team", "nginx").tag()).contains("nginx/v0.2.0");
    assertThat(client.version("team", "nginx", CatalogClient.LATEST).tag())
        .contains("nginx/v0.2.0");
    assertThat(client.version("team", "nginx", "0.1.0").tag()).contains("nginx/v0.1.0");
    assertThat(client.version("team", "nginx", "v0.3.0-rc.1").tag())
        .contains("nginx/v0.3.0-rc.1");
    assertThat(client.version("team", "odd-name-co", "1.0.0+build.1").tag())
        .contains("odd-name-co/1.0.0+build.1");
  }

  @Test
  void availableUpdatesAreHighestFirstAndEmptyWhenNone() throws Exception {
    assertThat(tags(client.availableUpdates("team", "nginx", "v0.1.0")))
        .containsExactly("team:nginx/v0.2.0");
    assertThat(tags(client.availableUpdates("team", "nginx", "v0.1.0", PreReleases.INCLUDE)))
        .containsExactly("team:nginx/v0.3.0-rc.1", "team:nginx/v0.2.0");
    assertThat(client.availableUpdates("team", "nginx", "v0.2.0")).isEmpty();
    assertThat(client.availableUpdates("team", "mysql", "v0.2.0")).isEmpty();
    assertThat(tags(client.availableUpdates("other", "nginx", "1.0.0")))
        .containsExactly("other:nginx/v5.0.0");
  }

  @Test
  void unknownProfilesAndVersionsAreNotFound() {
    assertThatThrownBy(() -> client.get("team", "mysql"))
        .isInstanceOf(CatalogNotFoundException.class)
        .hasMessageContaining("HTTP 404").hasMessageContaining("team/mysql not found");
    assertThatThrownBy(() -> client.version("team", "nginx", "v9.0.0"))
        .isInstanceOf(CatalogNotFoundException.class)
        .hasMessageContaining("version v9.0.0 of team/nginx not found");
  }

  @Test
  void badParametersAreRequestErrorsThatAreNotRetried() {
    assertThatThrownBy(() -> client.version("team", "nginx", "banana"))
        .isInstanceOfSatisfying(CatalogRequestException.class, e -> {
          assertThat(e).isNotInstanceOf(CatalogNotFoundException.class);
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains("'banana' is not a semantic version");
        });
    assertThatThrownBy(() -> client.version("team", "", "v1.0.0"))
        .isInstanceOfSatisfying(CatalogRequestException.class,
            e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void connectionErrorsAreRetriedThenReportedWithoutCredentials() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    CatalogClient unreachable = CatalogClient.builder()
        .baseUrl(URI.create("http://bob:hunter2@127.0.0.1:" + closedPort))
        .maxRetries(2).initialBackoff(Duration.ofMillis(1)).build();
    assertThat(unreachable.toString()).doesNotContain("hunter2");
    assertThatThrownBy(() -> unreachable.search("x"))
        .isInstanceOfSatisfying(CatalogUnavailableException.class, e -> {
          assertThat(e.status()).isEmpty();
          assertThat(e.getMessage()).contains("failed after 3 attempts")
              .endsWith(": connection refused").doesNotContain("hunter2")
              .doesNotContain("bob");
        });
  }

  @Test
  void aServerThatIsStillLoadingIsUnavailableWith503() throws Exception {
    Path other = Files.createTempDirectory(dir, "loading");
    Files.writeString(other.resolve("a.yaml"), ProfileYaml.strict().writeCatalogSource(
        ProfileCatalogSource.builder().name("slow").addRepository(
            dev.profiles.core.model.CatalogRepository.builder().url("https://x.example/r")
                .build()).build()));
    CountDownLatch scanning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (CatalogServer loading = CatalogServer.builder().sources(other).port(0)
        .scanner((repo, known) -> {
          scanning.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return ScanResult.builder().build();
        }).build().start()) {
      scanning.await();
      CatalogClient c = CatalogClient.builder().baseUrl(loading.uri()).maxRetries(0).build();
      assertThatThrownBy(() -> c.search(""))
          .isInstanceOfSatisfying(CatalogUnavailableException.class, e -> {
            assertThat(e.status()).hasValue(503);
            assertThat(e.getMessage()).contains("failed after 1 attempt: HTTP 503")
                .contains("the catalog is loading");
          });
      release.countDown();
      loading.refresh();
      assertThat(c.search("")).isEmpty();
    } finally {
      release.countDown();
    }
  }

  @Test
  void configurationErrorsAreTyped() {
    assertThatThrownBy(() -> CatalogClient.builder().build())
        .isInstanceOf(CatalogConfigurationException.class);
    assertThatThrownBy(() -> CatalogClient.builder()
        .baseUrl(URI.create("ftp://user:pw@host/x")).build())
        .isInstanceOf(CatalogConfigurationException.class).hasMessageNotContaining("pw");
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(dir.resolve("missing")).build())
        .isInstanceOf(CatalogConfigurationException.class).hasMessageContaining("cannot be read");
  }

  @Test
  void aBaseUrlMayHaveAPathPrefix() throws IOException, CatalogException {
    CatalogClient c = CatalogClient.builder().baseUrl(URI.create(server.uri() + "/")).build();
    assertThat(c.search("redis")).hasSize(1);
  }
}
