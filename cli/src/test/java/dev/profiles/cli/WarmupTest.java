package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The start-up warm-up runs for commands that reach git, and only for them. */
class WarmupTest {
  private static Optional<Thread> warmup() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("profiles-warmup")).findFirst();
  }

  private static void awaitNoWarmup() throws InterruptedException {
    for (Optional<Thread> t = warmup(); t.isPresent(); t = warmup()) {
      t.get().join(10_000);
    }
  }

  @Test
  void commandsThatNeverReachGitStartNothing() throws Exception {
    awaitNoWarmup();
    for (String[] args : new String[][] {{}, {"version"}, {"--help"}, {"docgen"},
        {"completion", "bash"}, {"-V"}}) {
      Warmup.start(args);
      assertThat(warmup()).as(String.join(" ", args)).isEmpty();
    }
  }

  @Test
  void aCommandThatReachesGitWarmsUpOnADaemonThreadThatEnds() throws Exception {
    awaitNoWarmup();

    Warmup.start(new String[] {"add", "--profile-repo-url=https://git.example.com/p.git"});

    Optional<Thread> t = warmup();
    if (t.isPresent()) {
      assertThat(t.get().isDaemon()).isTrue();
      t.get().join(30_000);
      assertThat(t.get().isAlive()).isFalse();
    }
    // Either still seen running above or already done: it never outlives its work.
    assertThat(warmup()).isEmpty();
  }
}
