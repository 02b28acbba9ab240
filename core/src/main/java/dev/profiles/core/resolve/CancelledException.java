package dev.profiles.core.resolve;

/**
 * The work was cancelled: the calling thread was interrupted, or {@link
 * dev.profiles.core.Progress#isCancelled()} answered {@code true}. Nothing was written to the
 * GitOps repository; a transfer stopped midway leaves the cache usable (the next call fetches
 * what is missing). When the cause was an interrupt, the thread's interrupt flag is set again
 * before this is thrown, so that code further up still sees it.
 *
 * <pre>{@code
 * try {
 *   git.resolve(source).call();
 * } catch (CancelledException e) {
 *   // Thread.currentThread().isInterrupted() is true if we were interrupted
 * }
 * }</pre>
 */
public final class CancelledException extends ResolveException {
  private static final long serialVersionUID = 1L;

  public CancelledException(String message) {
    super(message);
  }

  public CancelledException(String message, Throwable cause) {
    super(message, cause);
  }
}
