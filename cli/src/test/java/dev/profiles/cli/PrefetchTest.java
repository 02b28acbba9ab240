package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.CancelledException;
import dev.profiles.core.resolve.MissingRefException;
import dev.profiles.core.resolve.ProfileResolver;
import dev.profiles.core.resolve.ResolvedProfile;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The prefetched source's outcome is what resolving it in the command would have given, taken
 * once; every other request goes to the command's resolver.
 */
class PrefetchTest {
  private static final ProfileSource SOURCE =
      ProfileSource.ofTag("https://git.example.com/profiles.git", "web/v1.0.0");
  private static final ProfileSource OTHER =
      ProfileSource.ofTag("https://git.example.com/profiles.git", "web/v1.1.0");

  private final List<ProfileSource> fallbackCalls = new ArrayList<>();
  private final ResolvedProfile fromFallback = profile();
  private final ProfileResolver fallback = s -> {
    fallbackCalls.add(s);
    return fromFallback;
  };

  private static ResolvedProfile profile() {
    return (ResolvedProfile) Proxy.newProxyInstance(PrefetchTest.class.getClassLoader(),
        new Class<?>[] {ResolvedProfile.class}, (p, m, a) -> {
          throw new UnsupportedOperationException(m.getName());
        });
  }

  @Test
  void theFirstRequestForTheSourceTakesThePrefetchedProfileAndLaterOnesResolveAgain()
      throws Exception {
    ResolvedProfile prefetched = profile();
    ProfileResolver resolver = Prefetch.start(SOURCE, s -> prefetched).in(fallback);

    assertThat(resolver.resolve(OTHER)).isSameAs(fromFallback);
    assertThat(resolver.resolve(ProfileSource.ofTag("https://git.example.com/profiles.git",
        "web/v1.0.0"))).isSameAs(prefetched);
    assertThat(resolver.resolve(SOURCE)).isSameAs(fromFallback);
    assertThat(fallbackCalls).containsExactly(OTHER, SOURCE);
  }

  @Test
  void theFailureIsTheOneResolvingInTheCommandWouldHaveMet() {
    MissingRefException missing = new MissingRefException("tag web/v1.0.0 not found");
    ProfileResolver resolver = Prefetch.start(SOURCE, s -> {
      throw missing;
    }).in(fallback);

    assertThatThrownBy(() -> resolver.resolve(SOURCE)).isSameAs(missing);
    assertThat(fallbackCalls).isEmpty();
  }

  @Test
  void uncheckedFailuresPassUnchanged() {
    IllegalStateException bug = new IllegalStateException("bug");
    ProfileResolver resolver = Prefetch.start(SOURCE, s -> {
      throw bug;
    }).in(fallback);

    assertThatThrownBy(() -> resolver.resolve(SOURCE)).isSameAs(bug);
  }

  @Test
  void anInterruptedCommandStopsThePrefetchAndKeepsItsInterrupt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    ProfileResolver resolver = Prefetch.start(SOURCE, s -> {
      started.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        stopped.countDown();
        throw new CancelledException("cancelled");
      }
      throw new ProfilesException("not reached");
    }).in(fallback);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> resolver.resolve(SOURCE)).isInstanceOf(CancelledException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void stoppingCancelsARunningResolutionAndWaitsForItsThread() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    boolean[] interrupted = {false};
    Prefetch prefetch = Prefetch.start(SOURCE, s -> {
      started.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // Cleaning up takes a moment; stop() waits for it.
        java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
        interrupted[0] = true;
        throw new CancelledException("cancelled");
      }
      throw new ProfilesException("not reached");
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    prefetch.stop();

    assertThat(interrupted[0]).isTrue();
    assertThatThrownBy(() -> prefetch.in(fallback).resolve(SOURCE))
        .isInstanceOf(CancelledException.class);
  }

  @Test
  void stoppingAFinishedPrefetchChangesNothing() throws Exception {
    ResolvedProfile prefetched = profile();
    Prefetch prefetch = Prefetch.start(SOURCE, s -> prefetched);
    ProfileResolver resolver = prefetch.in(fallback);
    assertThat(resolver.resolve(SOURCE)).isSameAs(prefetched);

    prefetch.stop();

    assertThat(resolver.resolve(OTHER)).isSameAs(fromFallback);
  }
}
