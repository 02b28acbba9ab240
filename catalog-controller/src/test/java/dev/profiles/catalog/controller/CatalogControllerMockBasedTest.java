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
    assertThat(status.path("repositories").get(0).path("lastScannedCommit").asString())
        .isEqualTo(cluster.head("nginx"));
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

  @Test
  void secretRotationRescansWithTheNewCredentialsAndNeverShowsThem() throws Exception {
    String user = "bob";
    String right = "s3cret-Passw0rd-right";
    String wrong = "s3cret-Passw0rd-wrong";
    cluster = new MockCluster(tmp, Optional.of(new String[] {user, right}));
    String url = cluster.repo("private", "nginx", "v1.0.0", "v1.1.0");
    cluster.secret("team-a", "git-creds", Map.of("username", user, "password", wrong));
    CatalogController controller = cluster.controller("a");
    assertThat(controller.awaitReady(java.time.Duration.ofSeconds(60))).isTrue();

    cluster.createSource("team-a", "private", spec(List.of(repository(url, "git-creds"))));
    await("the wrong password is reported", () ->
        conditionIs(cluster, "team-a", "private", "Ready", "False", "AuthenticationRequired"));
    assertThat(cluster.condition("team-a", "private", "Error").path("status").asString())
        .isEqualTo("True");
    assertThat(cluster.servedTags(controller, "private")).isEmpty();

    // Rotation: only the Secret changes (the rescan interval is an hour away).
    cluster.secret("team-a", "git-creds", Map.of("username", user, "password", right));
    await("the rotated Secret is used", () ->
        cluster.servedTags(controller, "private").size() == 2);
    await("Ready=True after the rotation", () ->
        conditionIs(cluster, "team-a", "private", "Ready", "True", "Scanned"));

    // A secretRef to a Secret that does not exist yet, then appears.
    cluster.createSource("team-a", "later", spec(List.of(repository(url, "later-creds"))));
    await("the missing Secret is reported", () ->
        conditionIs(cluster, "team-a", "later", "Ready", "False", "SecretNotFound"));
    assertThat(cluster.condition("team-a", "later", "Ready").path("message").asString())
        .contains("later-creds", "team-a");
    cluster.secret("team-a", "later-creds", Map.of("username", user, "password", right));
    await("the new Secret is used", () ->
        cluster.servedTags(controller, "later").size() == 2);

    // A Secret of the same name in another namespace is not this source's.
    cluster.createSource("team-b", "elsewhere", spec(List.of(repository(url, "git-creds"))));
    await("a Secret of another namespace is not used", () ->
        conditionIs(cluster, "team-b", "elsewhere", "Ready", "False", "SecretNotFound"));

    String everything = cluster.status("team-a", "private").toString()
        + cluster.status("team-a", "later") + cluster.status("team-b", "elsewhere")
        + cluster.get(controller, "/v1/status").body()
        + cluster.get(controller, "/v1/profiles").body()
        + cluster.get(controller, "/metrics").body();
    assertThat(everything).doesNotContain(right).doesNotContain(wrong);
  }

  @Test
  void badSourcesAreReportedInTheirStatusAndNeverStopTheController() throws Exception {
    cluster = new MockCluster(tmp);
    String good = cluster.repo("good", "nginx", "v1.0.0");
    CatalogController controller = cluster.controller("a");
    assertThat(controller.awaitReady(java.time.Duration.ofSeconds(60))).isTrue();
    Path pwned = tmp.resolve("pwned");

    cluster.createSource("team-a", "unreachable",
        spec(List.of(repository("http://127.0.0.1:9/nothing.git", null))));
    cluster.createSource("team-a", "hostile",
        spec(List.of(repository("ext::sh -c touch% " + pwned, null))));
    cluster.createSource("team-a", "local", spec(List.of(repository("file:///etc", null))));
    cluster.createSource("team-a", "nourl",
        Map.of("repositories", List.of(Map.of("secretRef", Map.of("name", "x")))));
    cluster.createSource("team-a", "notalist", Map.of("repositories", "not a list"));
    cluster.createSource("team-a", "good", spec(List.of(repository(good, null))));
    cluster.createSource("team-z", "good", spec(List.of(repository(good, null))));

    await("unreachable", () -> conditionIs(cluster, "team-a", "unreachable", "Ready", "False",
        "RepositoryUnreachable"));
    await("ext:: refused", () -> conditionIs(cluster, "team-a", "hostile", "Ready", "False",
        "SourceRefused"));
    await("file:// refused", () -> conditionIs(cluster, "team-a", "local", "Ready", "False",
        "SourceRefused"));
    await("no url", () -> conditionIs(cluster, "team-a", "nourl", "Ready", "False",
        "InvalidSpec"));
    await("not a list", () -> conditionIs(cluster, "team-a", "notalist", "Ready", "False",
        "InvalidSpec"));
    await("duplicate name", () -> conditionIs(cluster, "team-z", "good", "Ready", "False",
        "DuplicateName"));
    await("the good source is ready", () ->
        conditionIs(cluster, "team-a", "good", "Ready", "True", "Scanned"));
    assertThat(cluster.condition("team-a", "nourl", "Ready").path("message").asString())
        .contains("url");
    assertThat(cluster.status("team-a", "unreachable").path("repositories").get(0)
        .path("lastError").asString()).startsWith("unreachable");
    assertThat(cluster.status("team-z", "good").path("entryCount").asInt()).isZero();
    assertThat(cluster.servedTags(controller, "good")).containsExactly("nginx/v1.0.0");
    assertThat(cluster.get(controller, "/v1/profiles/good/nginx").json().path("item")
        .path("url").asString()).isEqualTo(good);
    assertThat(pwned).doesNotExist();
    assertThat(cluster.get(controller, "/healthz").status()).isEqualTo(200);

    // Fixing a bad source makes it ready; deleting the winner hands its name to the other.
    cluster.updateSpec("team-a", "nourl", spec(List.of(repository(good, null))));
    await("the fixed source is ready", () ->
        conditionIs(cluster, "team-a", "nourl", "Ready", "True", "Scanned"));
    assertThat(cluster.servedTags(controller, "nourl")).containsExactly("nginx/v1.0.0");
    cluster.deleteSource("team-a", "good");
    await("the duplicate takes over the name", () ->
        conditionIs(cluster, "team-z", "good", "Ready", "True", "Scanned"));
    assertThat(cluster.servedTags(controller, "good")).containsExactly("nginx/v1.0.0");
  }

  @Test
  void anUnchangedRescanCostsOneRefAdvertisementPerRepositoryAndWritesNothing()
      throws Exception {
    cluster = new MockCluster(tmp);
    String nginx = cluster.repo("nginx", "nginx", "v0.1.0", "v0.2.0");
    String redis = cluster.repo("redis", "redis", "v1.0.0");
    CatalogController controller = cluster.controller("a");
    assertThat(controller.awaitReady(java.time.Duration.ofSeconds(60))).isTrue();
    cluster.createSource("team-a", "team",
        spec(List.of(repository(nginx, null), repository(redis, null))));
    await("ready", () -> conditionIs(cluster, "team-a", "team", "Ready", "True", "Scanned"));
    await("served", () -> cluster.servedTags(controller, "team").size() == 3);

    int requests = cluster.git.uploadPackRequests();
    int packs = cluster.git.packsSent();
    long scans = controller.scans();
    long writes = controller.statusWrites();
    controller.rescanNow();
    await("the rescan ran", () -> controller.scans() == scans + 1);
    assertThat(cluster.git.uploadPackRequests() - requests).as("ref advertisements")
        .isEqualTo(2);
    assertThat(cluster.git.packsSent() - packs).as("packs").isZero();
    assertThat(controller.statusWrites()).as("status writes").isEqualTo(writes);

    JsonNode before = cluster.status("team-a", "team").path("repositories");
    String firstNginx = cluster.head("nginx");
    assertThat(before.get(0).path("lastScannedCommit").asString()).isEqualTo(firstNginx);
    assertThat(before.get(1).path("lastScannedCommit").asString())
        .isEqualTo(cluster.head("redis"));

    // A new tag on a new commit is found by the next rescan, and is the newest version.
    String newer = cluster.commitAndTag("nginx", "nginx/v0.3.0");
    assertThat(newer).isNotEqualTo(firstNginx);
    controller.rescanNow();
    await("the new tag is served", () ->
        cluster.servedTags(controller, "team").contains("nginx/v0.3.0"));
    await("its status counts it and names its commit", () ->
        cluster.status("team-a", "team").path("entryCount").asInt() == 4
            && cluster.status("team-a", "team").path("repositories").get(0)
                .path("lastScannedCommit").asString().equals(newer));
    assertThat(cluster.status("team-a", "team").path("repositories").get(1)
        .path("lastScannedCommit").asString()).isEqualTo(cluster.head("redis"));

    // A later commit tagged with an older version is served, but is not the newest version.
    cluster.commitAndTag("nginx", "nginx/v0.2.5");
    controller.rescanNow();
    await("the older version is counted", () ->
        cluster.status("team-a", "team").path("entryCount").asInt() == 5);
    assertThat(cluster.status("team-a", "team").path("repositories").get(0)
        .path("lastScannedCommit").asString()).isEqualTo(newer);

    String metrics = cluster.get(controller, "/metrics").body();
    assertThat(metrics).contains("# TYPE profiles_catalog_source_scans_total counter",
        "profiles_catalog_entries 5", "profiles_catalog_sources 1", "profiles_catalog_leader 1",
        "profiles_catalog_ready 1", "profiles_catalog_scan_duration_seconds_count "
            + controller.scans());
    assertThat(cluster.get(controller, "/readyz").status()).isEqualTo(200);
    assertThat(cluster.get(controller, "/healthz").body()).isEqualTo("ok\n");
  }

  @Test
  void withoutAnApiServerItIsAliveButNeitherReadyNorServing() throws Exception {
    cluster = new MockCluster(tmp);
    io.fabric8.kubernetes.client.KubernetesClient nowhere =
        new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
            new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:9")
                .withRequestRetryBackoffLimit(0).build()).build();
    try (CatalogController controller = CatalogController.builder().client(nowhere).port(0)
        .workDirectory(tmp.resolve("work")).cacheDirectory(tmp.resolve("cache")).build()
        .start()) {
      assertThat(controller.awaitReady(java.time.Duration.ofSeconds(2))).isFalse();
      assertThat(cluster.get(controller, "/readyz").status()).isEqualTo(503);
      // The informers gave up: not alive any more, so that the kubelet restarts the pod.
      await("unhealthy", () -> cluster.get(controller, "/healthz").status() == 503);
      assertThat(cluster.get(controller, "/v1/profiles").status()).isEqualTo(503);
      assertThat(cluster.get(controller, "/metrics").body()).contains("profiles_catalog_ready 0");
    } finally {
      nowhere.close();
    }
  }

  @Test
  void aConfiguredSetOfNamespacesIsAllThatIsWatched() throws Exception {
    cluster = new MockCluster(tmp);
    String nginx = cluster.repo("nginx", "nginx", "v0.1.0");
    CatalogController controller = cluster.controller("a", CatalogController.builder()
        .namespaces(java.util.Set.of("team-a", "team-b")));
    assertThat(controller.awaitReady(java.time.Duration.ofSeconds(60))).isTrue();
    cluster.createSource("team-c", "outside", spec(List.of(repository(nginx, null))));
    cluster.createSource("team-a", "inside-a", spec(List.of(repository(nginx, null))));
    cluster.createSource("team-b", "inside-b", spec(List.of(repository(nginx, null))));
    await("both watched namespaces served", () ->
        cluster.servedTags(controller, "inside-a").size() == 1
            && cluster.servedTags(controller, "inside-b").size() == 1);
    await("their status written", () ->
        conditionIs(cluster, "team-b", "inside-b", "Ready", "True", "Scanned"));
    assertThat(cluster.servedTags(controller, "outside")).isEmpty();
    assertThat(cluster.status("team-c", "outside").size()).isZero();
    assertThat(cluster.get(controller, "/v1/status").body()).doesNotContain("team-c");
  }

  @Test
  void sourcesPresentAtStartUpAreScannedBeforeReady() throws Exception {
    cluster = new MockCluster(tmp);
    String nginx = cluster.repo("nginx", "nginx", "v0.1.0", "v0.2.0");
    for (int i = 0; i < 5; i++) {
      cluster.createSource("team-" + i, "s" + i, spec(List.of(repository(nginx, null))));
    }
    CatalogController controller = cluster.controller("a");
    assertThat(controller.awaitReady(java.time.Duration.ofSeconds(60))).isTrue();
    // Ready means the first full sync is done: everything present at start-up is served.
    for (int i = 0; i < 5; i++) {
      assertThat(cluster.servedTags(controller, "s" + i))
          .containsExactlyInAnyOrder("nginx/v0.1.0", "nginx/v0.2.0");
    }
    assertThat(cluster.get(controller, "/readyz").status()).isEqualTo(200);
  }

  @Test
  void aSlowRepositoryDelaysOnlyItsOwnSource() throws Exception {
    cluster = new MockCluster(tmp);
    String slow = cluster.repo("slow", "nginx", "v0.1.0");
    String fast = cluster.repo("fast", "redis", "v1.0.0");
    CatalogController controller = cluster.controller("a");
    assertThat(controller.awaitReady(java.time.Duration.ofSeconds(60))).isTrue();
    cluster.git.pauseDuringNextFetch(1);
    try {
      cluster.createSource("team-a", "slow", spec(List.of(repository(slow, null))));
      assertThat(cluster.git.awaitPause(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      cluster.createSource("team-a", "fast", spec(List.of(repository(fast, null))));
      await("the other source is served while the slow fetch hangs", () ->
          cluster.servedTags(controller, "fast").size() == 1);
      assertThat(cluster.servedTags(controller, "slow")).isEmpty();
    } finally {
      cluster.git.releasePause();
    }
    // The stalled fetch ends (the kit cuts it: reported as unreachable); the next scan serves.
    await("the stalled scan ended", () ->
        !cluster.condition("team-a", "slow", "Ready").path("status").asString().isEmpty());
    controller.rescanNow();
    await("the slow source is served by the next scan", () ->
        cluster.servedTags(controller, "slow").size() == 1);
  }
}
