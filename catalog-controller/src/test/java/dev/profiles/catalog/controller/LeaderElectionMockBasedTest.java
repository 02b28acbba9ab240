package dev.profiles.catalog.controller;

import static dev.profiles.catalog.controller.MockCluster.await;
import static dev.profiles.catalog.controller.MockCluster.repository;
import static dev.profiles.catalog.controller.MockCluster.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two controller replicas against one kubernetes-server-mock (CRUD mode, so the Lease is a real
 * stored object with optimistic locking): both serve the API, exactly one writes status, and
 * when the leader stops the other takes over and writes.
 */
class LeaderElectionMockBasedTest {
  @TempDir Path tmp;
  private MockCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private String holder() {
    Lease lease = cluster.client.leases().inNamespace("profiles-system")
        .withName("profiles-catalog-controller").get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  @Test
  void exactlyOneReplicaWritesStatusBothServeAndTheFollowerTakesOver() throws Exception {
    cluster = new MockCluster(tmp);
    String nginx = cluster.repo("nginx", "nginx", "v0.1.0", "v0.2.0");
    String redis = cluster.repo("redis", "redis", "v1.0.0");
    CatalogController a = cluster.controller("replica-a");
    CatalogController b = cluster.controller("replica-b");
    assertThat(a.awaitReady(Duration.ofSeconds(60))).isTrue();
    assertThat(b.awaitReady(Duration.ofSeconds(60))).isTrue();
    await("a leader is elected", () -> a.isLeader() || b.isLeader());
    CatalogController leader = a.isLeader() ? a : b;
    CatalogController follower = leader == a ? b : a;
    String leaderId = leader == a ? "replica-a" : "replica-b";
    String followerId = leader == a ? "replica-b" : "replica-a";
    assertThat(holder()).isEqualTo(leaderId);

    cluster.createSource("team-a", "one", spec(List.of(repository(nginx, null))));
    cluster.createSource("team-b", "two", spec(List.of(repository(redis, null))));
    for (CatalogController c : List.of(a, b)) {
      await("both sources served by every replica", () ->
          cluster.servedTags(c, "one").size() == 2 && cluster.servedTags(c, "two").size() == 1);
    }
    await("status written", () ->
        cluster.condition("team-a", "one", "Ready").path("status").asString().equals("True")
            && cluster.condition("team-b", "two", "Ready").path("status").asString()
            .equals("True"));
    assertThat(a.isLeader() ^ b.isLeader()).as("exactly one leader").isTrue();
    assertThat(leader.statusWrites()).isPositive();
    assertThat(follower.statusWrites()).as("the follower writes no status").isZero();
    assertThat(cluster.get(leader, "/metrics").body()).contains("profiles_catalog_leader 1");
    assertThat(cluster.get(follower, "/metrics").body()).contains("profiles_catalog_leader 0");

    // The leader stops (SIGTERM): it releases the Lease and the follower takes over.
    leader.close();
    await("the follower leads", follower::isLeader);
    await("the Lease names the new leader", () -> followerId.equals(holder()));
    long before = cluster.generation("team-a", "one");
    cluster.updateSpec("team-a", "one",
        spec(List.of(repository(nginx, null), repository(redis, null))));
    long after = cluster.generation("team-a", "one");
    assertThat(after).isGreaterThan(before);
    await("the new leader writes the new generation's status", () ->
        cluster.status("team-a", "one").path("observedGeneration").asLong() == after
            && cluster.status("team-a", "one").path("entryCount").asInt() == 3
            && cluster.condition("team-a", "one", "Ready").path("status").asString()
            .equals("True"));
    assertThat(follower.statusWrites()).isPositive();
    assertThat(cluster.servedTags(follower, "one")).contains("redis/v1.0.0", "nginx/v0.2.0");
    assertThat(cluster.get(follower, "/readyz").status()).isEqualTo(200);
  }

  @Test
  void closingTheLeaderReleasesTheLeaseAndStopsServing() throws Exception {
    cluster = new MockCluster(tmp);
    CatalogController only = cluster.controller("replica-a");
    assertThat(only.awaitReady(Duration.ofSeconds(60))).isTrue();
    await("it leads", only::isLeader);
    assertThat(holder()).isEqualTo("replica-a");
    java.net.URI uri = only.uri();
    only.close();
    assertThat(only.isLeader()).isFalse();
    assertThat(only.isReady()).isFalse();
    // Released, not left to run its 4 s: fabric8's release writes a one-second lease with no
    // holder (the mock's patch keeps the old holder's name, so the duration is what shows it).
    Lease lease = cluster.client.leases().inNamespace("profiles-system")
        .withName("profiles-catalog-controller").get();
    assertThat(lease.getSpec().getHolderIdentity() == null
        || lease.getSpec().getHolderIdentity().isEmpty()
        || lease.getSpec().getLeaseDurationSeconds() == 1).as("released: " + lease.getSpec())
        .isTrue();
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
        java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(uri.resolve("/healthz")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString())))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void aReplicaThatLosesTheLeaseStandsAgainAndLeadsWhenItIsFree() throws Exception {
    cluster = new MockCluster(tmp);
    String nginx = cluster.repo("nginx", "nginx", "v0.1.0");
    CatalogController only = cluster.controller("replica-a");
    assertThat(only.awaitReady(Duration.ofSeconds(60))).isTrue();
    await("it leads", only::isLeader);
    // Another holder takes the Lease (as after a partition): the replica loses leadership.
    // The replica renews the Lease meanwhile: a write that loses that race (409) is retried, as
    // any other client of a Lease would.
    await("the intruder takes the Lease", () -> {
      try {
        cluster.client.leases().inNamespace("profiles-system")
            .withName("profiles-catalog-controller").edit(l -> {
              l.getSpec().setHolderIdentity("intruder");
              l.getSpec().setLeaseDurationSeconds(6);
              l.getSpec().setRenewTime(java.time.ZonedDateTime.now());
              return l;
            });
        return true;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        return false;
      }
    });
    await("it no longer leads", () -> !only.isLeader());
    cluster.createSource("team-a", "during", spec(List.of(repository(nginx, null))));
    await("it still serves", () -> cluster.servedTags(only, "during").size() == 1);
    // The intruder never renews: once its lease runs out the replica leads and writes again.
    await("it leads again", only::isLeader);
    await("and writes the status it owes", () ->
        cluster.condition("team-a", "during", "Ready").path("status").asString()
            .equals("True"));
  }
}
