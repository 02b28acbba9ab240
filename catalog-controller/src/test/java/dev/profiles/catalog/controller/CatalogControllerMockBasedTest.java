package dev.profiles.catalog.controller;

import static dev.profiles.catalog.controller.MockCluster.await;
import static dev.profiles.catalog.controller.MockCluster.repository;
import static dev.profiles.catalog.controller.MockCluster.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The controller against fabric8's kubernetes-server-mock in CRUD mode (a stand-in for the API
 * server, hence MockBased) and real git repositories on loopback, talked to over real HTTP.
 */
class CatalogControllerMockBasedTest {
  @TempDir Path tmp;
  private MockCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static boolean conditionIs(MockCluster c, String ns, String name, String type,
      String status, String reason) {
    JsonNode cond = c.condition(ns, name, type);
    return cond.path("status").asString().equals(status)
        && (reason == null || cond.path("reason").asString().equals(reason));
  }

  @Test
  void createUpdateAndDeleteSourcesAreServedAndTheirStatusWritten() throws Exception {
    cluster = new MockCluster(tmp);
    String nginx = cluster.repo("nginx", "nginx", "v0.1.0", "v0.2.0");
    String redis = cluster.repo("redis", "redis", "v1.0.0");
    CatalogController controller = cluster.controller("a");
    assertThat(controller.awaitReady(java.time.Duration.ofSeconds(60))).isTrue();
    assertThat(cluster.get(controller, "/readyz").status()).isEqualTo(200);

    cluster.createSource("team-a", "team", spec(List.of(repository(nginx, null))));
    await("the source's entries are served", () ->
        cluster.servedTags(controller, "team").size() == 2);
    MockCluster.Reply latest = cluster.get(controller, "/v1/profiles/team/nginx");
    assertThat(latest.status()).isEqualTo(200);
    assertThat(latest.json().path("item").path("tag").asString()).isEqualTo("nginx/v0.2.0");
    assertThat(latest.json().path("item").path("url").asString()).isEqualTo(nginx);

    long firstGeneration = cluster.generation("team-a", "team");
    await("Ready=True with observedGeneration", () ->
        conditionIs(cluster, "team-a", "team", "Ready", "True", "Scanned")
            && cluster.status("team-a", "team").path("observedGeneration").asLong()
            == firstGeneration);
    JsonNode status = cluster.status("team-a", "team");
    assertThat(status.path("entryCount").asInt()).isEqualTo(2);
    assertThat(status.path("repositories").get(0).path("url").asString()).isEqualTo(nginx);
    assertThat(status.path("repositories").get(0).path("tagCount").asInt()).isEqualTo(2);
    assertThat(status.path("repositories").get(0).has("lastError")).isFalse();
    assertThat(status.path("repositories").get(0).path("lastScanTime").asString()).isNotEmpty();
    assertThat(status.path("scannedRepositories").get(0).path("tags").toString())
        .contains("nginx/v0.1.0", "nginx/v0.2.0");
    assertThat(cluster.condition("team-a", "team", "Error").path("status").asString())
        .isEqualTo("False");
    assertThat(cluster.condition("team-a", "team", "Scanning").path("status").asString())
        .isEqualTo("False");
    assertThat(cluster.condition("team-a", "team", "Ready").path("observedGeneration").asLong())
        .isEqualTo(firstGeneration);

    // Update: a second repository; the new generation is observed and its entries served.
    cluster.updateSpec("team-a", "team",
        spec(List.of(repository(nginx, null), repository(redis, null))));
    long secondGeneration = cluster.generation("team-a", "team");
    assertThat(secondGeneration).isGreaterThan(firstGeneration);
    await("the updated source's entries are served", () ->
        cluster.servedTags(controller, "team").contains("redis/v1.0.0"));
    await("observedGeneration follows the update", () ->
        cluster.status("team-a", "team").path("observedGeneration").asLong()
            == secondGeneration
            && cluster.status("team-a", "team").path("entryCount").asInt() == 3);
    assertThat(cluster.get(controller, "/v1/profiles/team/redis/1.0.0").status())
        .isEqualTo(200);

    // Delete: its entries go, other sources stay.
    cluster.createSource("team-b", "other", spec(List.of(repository(redis, null))));
    await("the second source is served", () ->
        cluster.servedTags(controller, "other").size() == 1);
    cluster.deleteSource("team-a", "team");
    await("the deleted source's entries are gone", () ->
        cluster.servedTags(controller, "team").isEmpty());
    assertThat(cluster.get(controller, "/v1/profiles/team/nginx").status()).isEqualTo(404);
    assertThat(cluster.servedTags(controller, "other")).containsExactly("redis/v1.0.0");
  }
}
