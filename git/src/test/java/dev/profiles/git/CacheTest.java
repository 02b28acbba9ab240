package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persistent cache: crashes, leftovers, corruption and concurrent users. */
class CacheTest {
  @TempDir static Path repos;
  @TempDir Path cache;
  private static GitHttpServer server;
  private static String url;

  @BeforeAll
  static void start() {
    try (ProfileRepoFixture r = ProfileRepoFixture.create(repos.resolve("p.git"))) {
      byte[] blob = new byte[2 << 20];
      new Random(7).nextBytes(blob);
      r.profile("app", ProfileYamls.profile("app").kustomize("k", "k").toYaml())
          .file("app/k/blob.bin", blob).commit("one").tag("app/v1.0.0")
          .file("app/k/two.yaml", "two").commit("two").tag("app/v2.0.0");
    }
    server = GitHttpServer.builder(repos).basicAuth("u", "pw-pw-pw").start();
    url = server.url("p.git");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private GitProfiles git() {
    return GitProfiles.builder().allowHttp(true).cacheDirectory(cache)
        .credentials(GitCredentials.basic("u", "pw-pw-pw")).build();
  }

  private static Path entry(Path cache) throws Exception {
    try (Stream<Path> s = Files.list(cache.resolve("repos"))) {
      return s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }

  @Test
  void aProcessKilledMidFetchLeavesAUsableCache() throws Exception {
    server.pauseDuringNextFetch(256 * 1024);
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), ResolveMain.class.getName(),
        cache.toString(), url, "app/v1.0.0", "u", "pw-pw-pw")
        .redirectErrorStream(true).redirectOutput(cache.resolve("child.log").toFile())
        .start();
    try {
      assertThat(server.awaitPause(60, TimeUnit.SECONDS)).as("child reached the pause").isTrue();
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    } finally {
      child.destroyForcibly();
      server.releasePause();
    }
    int before = server.packsSent();

    try (GitProfiles git = git()) {
      ResolvedProfile p = git.resolve(ProfileSource.ofTag(url, "app/v1.0.0")).call();
      assertThat(p.directory().read("k/blob.bin")).hasSize(2 << 20);
      assertThat(git.resolve(ProfileSource.ofTag(url, "app/v1.0.0")).call().commit())
          .isEqualTo(p.commit());
    }
    assertThat(server.packsSent() - before).isEqualTo(1);
  }

  @Test
  void leftoversOfACrashAreCleanedBeforeTheNextFetch() throws Exception {
    try (GitProfiles git = git()) {
      git.resolve(ProfileSource.ofTag(url, "app/v1.0.0")).call();
    }
    Path entry = entry(cache);
    Files.createDirectories(entry.resolve("refs/tags/app"));
    Files.writeString(entry.resolve("refs/tags/app/v2.0.0.lock"), "stale");
    Files.writeString(entry.resolve("packed-refs.lock"), "stale");
    Files.writeString(entry.resolve("shallow.lock"), "stale");
    Files.write(entry.resolve("objects/pack/incoming_123.pack"), new byte[100]);
    Files.write(entry.resolve("objects/pack/pack-0000000000000000000000000000000000000000.pack"),
        new byte[100]);
    Files.createDirectories(entry.resolveSibling(entry.getFileName() + ".tmp-crashed/objects"));

    try (GitProfiles git = git()) {
      ResolvedProfile p = git.resolve(ProfileSource.ofTag(url, "app/v2.0.0")).call();
      assertThat(p.directory().read("k/two.yaml")).asString().isEqualTo("two");
    }
    assertThat(entry.resolve("refs/tags/app/v2.0.0.lock")).doesNotExist();
    assertThat(entry.resolve("objects/pack/incoming_123.pack")).doesNotExist();
    assertThat(entry.resolveSibling(entry.getFileName() + ".tmp-crashed")).doesNotExist();
  }

  @Test
  void anUnreadableEntryIsFetchedAfresh() throws Exception {
    try (GitProfiles git = git()) {
      git.resolve(ProfileSource.ofTag(url, "app/v1.0.0")).call();
    }
    Path packs = entry(cache).resolve("objects/pack");
    try (Stream<Path> s = Files.list(packs)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.delete(p);
      }
    }

    try (GitProfiles git = git()) {
      ResolvedProfile p = git.resolve(ProfileSource.ofTag(url, "app/v1.0.0")).call();
      assertThat(p.directory().read("k/blob.bin")).hasSize(2 << 20);
    }
  }

  @Test
  void concurrentUsersOfOneCacheDirectoryAgree() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (GitProfiles a = git(); GitProfiles b = git()) {
      List<Callable<String>> jobs = List.of(
          () -> a.resolve(ProfileSource.ofTag(url, "app/v1.0.0")).call().commit(),
          () -> b.resolve(ProfileSource.ofTag(url, "app/v1.0.0")).call().commit(),
          () -> a.resolve(ProfileSource.ofTag(url, "app/v2.0.0")).call().commit(),
          () -> b.resolve(ProfileSource.ofTag(url, "app/v2.0.0")).call().commit());
      List<Future<String>> results = pool.invokeAll(jobs);
      assertThat(results.get(0).get()).isEqualTo(results.get(1).get());
      assertThat(results.get(2).get()).isEqualTo(results.get(3).get())
          .isNotEqualTo(results.get(0).get());
    } finally {
      pool.shutdownNow();
    }
  }
}
