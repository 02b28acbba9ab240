package dev.profiles.cli;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.CancelledException;
import dev.profiles.core.resolve.ProfileResolver;
import dev.profiles.core.resolve.ResolvedProfile;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The profile a command line names by URL, resolved on a second thread from the moment the
 * flags are parsed, so that the fetch overlaps what the command does before it needs the
 * profile (opening the GitOps repository, its checks, the renderer's set-up). The command's
 * resolver takes the result once: the same profile, or the same exception, exactly as resolving
 * it there would have given; any other source resolves as usual. The source policy, the
 * credentials and the cache are the command's own ({@link Sdk#git()}), so nothing is fetched
 * that the command itself would refuse to fetch.
 */
final class Prefetch {
  private final ProfileSource source;
  private final FutureTask<ResolvedProfile> task;
  private final Thread thread;
  private boolean taken;

  private Prefetch(ProfileSource source, ProfileResolver resolver) {
    this.source = source;
    this.task = new FutureTask<>(() -> resolver.resolve(source));
    this.thread = new Thread(task, "profiles-prefetch");
    thread.setDaemon(true);
  }

  /** Starts resolving {@code source} with {@code resolver}. */
  static Prefetch start(ProfileSource source, ProfileResolver resolver) {
    Prefetch p = new Prefetch(source, resolver);
    p.thread.start();
    return p;
  }

  /**
   * Cancels the resolution if it is still running (the command ended without needing it: an
   * error, a dry run that failed first) and waits for it to stop, at most {@code 30} seconds,
   * so that nothing writes to the cache after the command returned.
   */
  void stop() {
    task.cancel(true);
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * {@code resolver}, except that the first request for the prefetched source gets the
   * prefetch's outcome.
   */
  ProfileResolver in(ProfileResolver resolver) {
    return requested -> {
      synchronized (this) {
        if (!taken && requested.equals(source)) {
          taken = true;
          return outcome();
        }
      }
      return resolver.resolve(requested);
    };
  }

  private ResolvedProfile outcome() throws ProfilesException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted while resolving the profile", e);
    } catch (java.util.concurrent.CancellationException e) {
      throw new CancelledException("the profile's resolution was stopped", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ProfilesException) {
        throw (ProfilesException) cause;
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    }
  }
}
