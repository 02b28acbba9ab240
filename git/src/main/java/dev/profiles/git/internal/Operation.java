package dev.profiles.git.internal;

import dev.profiles.core.Progress;
import dev.profiles.core.resolve.CancelledException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ProgressMonitor;

/**
 * One call's operations settings: where progress goes, the transport timeout, and whether the
 * caller has cancelled.
 *
 * <p>Why remote work runs on an I/O thread ({@link #interruptibly}): JGit's HTTP and SSH reads
 * block in sockets that ignore {@link Thread#interrupt()}, so a fetch from a server that has
 * stopped sending would hold an interrupted caller until the read timeout. The caller waits for
 * the I/O thread interruptibly instead; when interrupted it returns at once with {@link
 * CancelledException} (interrupt flag restored), and the abandoned work sees {@link
 * #isCancelled()} at its next progress poll (JGit polls between objects and packets) or fails
 * at the read timeout. The abandoned work keeps and releases its own cache lease, so the cache
 * is never written by two hands at once: an entry only gains complete packs, and refs move
 * only after them.
 */
public final class Operation {
  /** The default connect and read timeout of transports. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final ExecutorService IO = Executors.newCachedThreadPool(new ThreadFactory() {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "profiles-git-io-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  });

  private final Progress progress;
  private final int timeoutSeconds;
  private volatile boolean cancelled;

  /** Work that may throw {@code E}. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T run() throws E;
  }

  public Operation(Progress progress, Duration timeout) {
    this.progress = progress;
    // JGit takes whole seconds; a sub-second timeout rounds up rather than to "none".
    long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
    this.timeoutSeconds = (int) Math.min(Integer.MAX_VALUE, seconds);
  }

  /** No progress, the default timeout: for calls that have no settings of their own. */
  public static Operation defaults() {
    return new Operation(Progress.none(), DEFAULT_TIMEOUT);
  }

  /** The transport timeout in seconds, as {@code Transport.setTimeout} takes it. */
  public int timeoutSeconds() {
    return timeoutSeconds;
  }

  /** Whether the caller was interrupted while waiting, or its {@link Progress} cancels. */
  public boolean isCancelled() {
    if (cancelled) {
      return true;
    }
    try {
      return progress.isCancelled();
    } catch (RuntimeException e) {
      // A broken callback must not break the transfer: it just cannot cancel.
      return false;
    }
  }

  /**
   * Throws {@link CancelledException} when the current thread is interrupted (the flag stays
   * set) or the caller's progress cancels; {@code what} names the work for the message.
   */
  public void checkCancelled(String what) throws CancelledException {
    if (Thread.currentThread().isInterrupted()) {
      cancelled = true;
      throw new CancelledException(what + " was cancelled: the thread was interrupted");
    }
    if (isCancelled()) {
      throw new CancelledException(what + " was cancelled");
    }
  }

  /**
   * Runs {@code work} on an I/O thread and waits for it; see the class comment for why.
   *
   * @throws CancelledException when the caller is interrupted (at once, the interrupt flag
   *     restored) or cancels through its progress (when the work notices)
   * @throws E what the work throws
   */
  @SuppressWarnings("unchecked")
  public <T, E extends Exception> T interruptibly(String what, Work<T, E> work)
      throws E, CancelledException {
    checkCancelled(what);
    Future<T> future = IO.submit(work::run);
    try {
      return future.get();
    } catch (InterruptedException e) {
      cancelled = true;
      Thread.currentThread().interrupt();
      throw new CancelledException(what + " was cancelled: the thread was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (isCancelled() && !(cause instanceof CancelledException)) {
        throw new CancelledException(what + " was cancelled", cause);
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw (E) cause;
    }
  }

  /** The caller's {@link Progress} as JGit's monitor, which also polls for cancellation. */
  public ProgressMonitor monitor() {
    return new ProgressMonitor() {
      @Override
      public void start(int totalTasks) {}

      @Override
      public void beginTask(String title, int totalWork) {
        safely(() -> progress.start(title, Math.max(totalWork, Progress.UNKNOWN)));
      }

      @Override
      public void update(int completed) {
        safely(() -> progress.update(completed));
      }

      @Override
      public void endTask() {
        safely(progress::end);
      }

      @Override
      public boolean isCancelled() {
        return Operation.this.isCancelled();
      }

      @Override
      public void showDuration(boolean enabled) {}
    };
  }

  /** Serialized: JGit may report from helper threads, the callback is promised one at a time. */
  private synchronized void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      // The callback is the caller's: its failure is not the transfer's.
    }
  }
}
