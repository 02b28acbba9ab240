package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.Progress;
import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.catalog.RepositoryScanException;
import dev.profiles.core.model.CatalogRepository;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.CancelledException;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.resolve.TransportFailedException;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.git.catalog.GitRepositoryScanner;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operations hooks: progress reported in JGit's style, cancellation by interrupt (before and in
 * the middle of a fetch from a server that has stopped sending) and by the progress callback,
 * transport timeouts. Each cancelled call leaves a cache that the next call uses.
 */
class OperationsTest {
  @TempDir static Path repos;
  @TempDir Path cache;
  private static GitHttpServer server;
  private static String url;
  private final ExecutorService caller = Executors.newSingleThreadExecutor();

  @BeforeAll
  static void start() {
    try (ProfileRepoFixture r = ProfileRepoFixture.create(repos.resolve("p.git"))) {
      byte[] blob = new byte[2 << 20];
      new Random(11).nextBytes(blob);
      r.profile("app", ProfileYamls.profile("app").kustomize("k", "k").toYaml())
          .file("app/k/blob.bin", blob).commit("one").tag("app/v1.0.0");
    }
    server = GitHttpServer.builder(repos).start();
    url = server.url("p.git");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void shutdown() {
    server.releasePause();
    caller.shutdownNow();
  }

  private GitProfiles.Builder git() {
    return GitProfiles.builder().allowHttp(true).cacheDirectory(cache);
  }

  private static ProfileSource v1() {
    return ProfileSource.ofTag(url, "app/v1.0.0");
  }

  /** Runs {@code work} on the caller thread and returns what it threw and its interrupt flag. */
  private record Outcome(Throwable thrown, boolean interrupted) {}

  private Future<Outcome> onCaller(ThrowingRunnable work) {
    return caller.submit(() -> {
      Throwable thrown = null;
      try {
        work.run();
      } catch (Throwable t) {
        thrown = t;
      }
      return new Outcome(thrown, Thread.interrupted());
    });
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void aResolveOnAnInterruptedThreadFailsBeforeAnyRequestAndKeepsTheFlag() throws Exception {
    int before = server.uploadPackRequests();
    try (GitProfiles git = git().build()) {
      Outcome o = onCaller(() -> {
        Thread.currentThread().interrupt();
        git.resolve(v1()).call();
      }).get(5, TimeUnit.MINUTES);
      assertThat(o.thrown()).isInstanceOf(CancelledException.class)
          .hasMessageContaining("interrupted");
      assertThat(o.interrupted()).as("interrupt flag restored").isTrue();

      Outcome list = onCaller(() -> {
        Thread.currentThread().interrupt();
        git.listVersions(url).call();
      }).get(5, TimeUnit.MINUTES);
      assertThat(list.thrown()).isInstanceOf(CancelledException.class);
      assertThat(list.interrupted()).isTrue();

      assertThat(server.uploadPackRequests()).isEqualTo(before);
      // The same client, on a thread that is not interrupted, works.
      assertThat(git.resolve(v1()).call().directory().read("k/blob.bin")).hasSize(2 << 20);
    }
  }

  @Test
  void anInterruptMidFetchReturnsWhileTheServerIsStillStalledAndTheCacheStaysUsable()
      throws Exception {
    server.pauseDuringNextFetch(64 * 1024);
    try (GitProfiles git = git().timeout(Duration.ofMinutes(10)).build()) {
      Future<Outcome> resolving = onCaller(() -> git.resolve(v1()).call());
      assertThat(server.awaitPause(60, TimeUnit.SECONDS)).as("fetch reached the pause").isTrue();
      caller.shutdownNow(); // interrupts the resolving thread
      // The server still sends nothing: only an interrupt honoured at once lets this return
      // (the read timeout is ten minutes away).
      Outcome o = resolving.get(5, TimeUnit.MINUTES);
      assertThat(o.thrown()).isInstanceOf(CancelledException.class);
      assertThat(o.interrupted()).isTrue();

      server.releasePause();
      ResolvedProfile p = git.resolve(v1()).call();
      assertThat(p.directory().read("k/blob.bin")).hasSize(2 << 20);
    }
    try (GitProfiles fresh = git().build()) {
      assertThat(fresh.resolve(v1()).call().directory().read("k/blob.bin")).hasSize(2 << 20);
    }
  }

  @Test
  void progressSeesTheFetchAndNothingWhenTheCacheAnswers() throws Exception {
    Recording progress = new Recording();
    try (GitProfiles git = git().progress(progress).build()) {
      git.resolve(v1()).call();
      assertThat(progress.tasks).isNotEmpty();
      assertThat(progress.updates.get()).isPositive();
      assertThat(progress.ends.get()).isPositive();

      Recording second = new Recording();
      git.resolve(v1()).progress(second).call();
      assertThat(second.tasks).as("a cache hit fetches nothing").isEmpty();
    }
  }

  @Test
  void aCancellingProgressStopsTheFetchAndTheNextCallCompletesIt() throws Exception {
    Recording cancelAfterFirstUpdate = new Recording() {
      @Override
      public boolean isCancelled() {
        return updates.get() > 0;
      }
    };
    try (GitProfiles git = git().build()) {
      assertThatThrownBy(() -> git.resolve(v1()).progress(cancelAfterFirstUpdate).call())
          .isInstanceOf(CancelledException.class);
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
      assertThat(cancelAfterFirstUpdate.updates.get()).isPositive();
      assertThat(git.resolve(v1()).call().directory().read("k/blob.bin")).hasSize(2 << 20);
    }
  }

  @Test
  void aProgressCancelledFromTheStartSendsNoRequest() throws Exception {
    int before = server.uploadPackRequests();
    Progress cancelled = new Recording() {
      @Override
      public boolean isCancelled() {
        return true;
      }
    };
    try (GitProfiles git = git().progress(cancelled).build()) {
      assertThatThrownBy(() -> git.resolve(v1()).call()).isInstanceOf(CancelledException.class);
      assertThatThrownBy(() -> git.listVersions(url).call())
          .isInstanceOf(CancelledException.class);
    }
    assertThat(server.uploadPackRequests()).isEqualTo(before);
  }

  @Test
  void aFailingProgressCallbackDoesNotFailTheFetch() throws Exception {
    Progress broken = new Progress() {
      @Override
      public void start(String task, int totalWork) {
        throw new IllegalStateException("broken callback");
      }

      @Override
      public void update(int completed) {
        throw new IllegalStateException("broken callback");
      }

      @Override
      public void end() {
        throw new IllegalStateException("broken callback");
      }

      @Override
      public boolean isCancelled() {
        throw new IllegalStateException("broken callback");
      }
    };
    try (GitProfiles git = git().progress(broken).build()) {
      assertThat(git.resolve(v1()).call().directory().read("k/blob.bin")).hasSize(2 << 20);
    }
  }

  @Test
  void aStalledServerFailsTheFetchAtTheReadTimeout() throws Exception {
    server.pauseDuringNextFetch(64 * 1024);
    try (GitProfiles git = git().timeout(Duration.ofMillis(1)).build()) {
      // 1 ms rounds up to JGit's one second: a stall longer than that fails, typed.
      assertThatThrownBy(() -> git.resolve(v1()).call())
          .isInstanceOf(TransportFailedException.class);
      server.releasePause();
      assertThat(git.resolve(v1()).call().directory().read("k/blob.bin")).hasSize(2 << 20);
    }
  }

  @Test
  void invalidSettingsAreRefusedWhenGiven() {
    assertThatThrownBy(() -> GitProfiles.builder().timeout(Duration.ZERO))
        .isInstanceOf(ProfilesConfigurationException.class);
    assertThatThrownBy(() -> GitProfiles.builder().timeout(Duration.ofSeconds(-1)))
        .isInstanceOf(ProfilesConfigurationException.class);
    assertThatThrownBy(() -> GitProfiles.builder().timeout(null))
        .isInstanceOf(ProfilesConfigurationException.class);
    assertThatThrownBy(() -> GitProfiles.builder().progress(null))
        .isInstanceOf(ProfilesConfigurationException.class);
    assertThatThrownBy(() -> GitRepositoryScanner.builder().timeout(Duration.ZERO))
        .isInstanceOf(ProfilesConfigurationException.class);
    assertThatThrownBy(() -> GitRepositoryScanner.builder().progress(null))
        .isInstanceOf(ProfilesConfigurationException.class);
    try (GitProfiles git = git().build()) {
      assertThatThrownBy(() -> git.resolve(v1()).progress(null))
          .isInstanceOf(ProfilesConfigurationException.class);
      assertThatThrownBy(() -> git.listVersions(url).progress(null))
          .isInstanceOf(ProfilesConfigurationException.class);
    }
  }

  @Test
  void scansReportProgressAndStopOnInterrupt() throws Exception {
    Recording progress = new Recording();
    CatalogRepository repo = CatalogRepository.builder().url(url).build();
    try (GitRepositoryScanner scanner = GitRepositoryScanner.builder().cacheDirectory(cache)
        .sourcePolicy(SourcePolicy.defaults().allowHttp(true)).progress(progress).build()) {
      Outcome o = onCaller(() -> {
        Thread.currentThread().interrupt();
        scanner.scan(repo, Set.of());
      }).get(5, TimeUnit.MINUTES);
      assertThat(o.thrown()).isInstanceOf(RepositoryScanException.class)
          .hasCauseInstanceOf(CancelledException.class);
      assertThat(((RepositoryScanException) o.thrown()).reason())
          .isEqualTo(RepositoryScanException.Reason.FAILED);
      assertThat(o.interrupted()).isTrue();
      assertThat(progress.tasks).isEmpty();

      server.pauseDuringNextFetch(64 * 1024);
      Future<Outcome> scanning = onCaller(() -> scanner.scan(repo, Set.of()));
      assertThat(server.awaitPause(60, TimeUnit.SECONDS)).isTrue();
      caller.shutdownNow();
      Outcome mid = scanning.get(5, TimeUnit.MINUTES);
      assertThat(mid.thrown()).hasCauseInstanceOf(CancelledException.class);
      assertThat(mid.interrupted()).isTrue();
      server.releasePause();

      assertThat(scanner.scan(repo, Set.of()).entries()).hasSize(1);
      assertThat(progress.tasks).isNotEmpty();
    }
  }

  /** Records what it is told, like a console progress bar would show it. */
  static class Recording implements Progress {
    final List<String> tasks = new CopyOnWriteArrayList<>();
    final AtomicInteger updates = new AtomicInteger();
    final AtomicInteger ends = new AtomicInteger();
    final AtomicBoolean unknownTotals = new AtomicBoolean();

    @Override
    public void start(String task, int totalWork) {
      tasks.add(task);
      if (totalWork == Progress.UNKNOWN) {
        unknownTotals.set(true);
      }
      assertThat(totalWork).isNotNegative();
    }

    @Override
    public void update(int completed) {
      updates.incrementAndGet();
    }

    @Override
    public void end() {
      ends.incrementAndGet();
    }
  }

}
