package dev.profiles.core;

/**
 * Progress of long-running work (fetches, repository scans, pushes), reported in the style of
 * JGit's {@code ProgressMonitor}: a sequence of tasks, each started with a title and an amount
 * of work, updated as units complete, and ended. Implementations must be cheap and must not
 * throw; they may be called from a thread other than the caller's, though never concurrently.
 *
 * <p>Cancellation: {@link #isCancelled()} is polled while work proceeds; returning {@code true}
 * stops it at the next poll with {@link dev.profiles.core.resolve.CancelledException}.
 * Interrupting the calling thread does the same and is noticed even while the remote sends
 * nothing.
 *
 * <pre>{@code
 * Progress toConsole = new Progress() {
 *   public void start(String task, int totalWork) { System.out.println(task); }
 *   public void update(int completed) {}
 *   public void end() {}
 * };
 * git.resolve(source).progress(toConsole).call();
 * }</pre>
 */
public interface Progress {
  /** The {@code totalWork} of a task whose size is not known in advance. */
  int UNKNOWN = 0;

  /**
   * A task begins.
   *
   * @param task what is being done, e.g. {@code "Receiving objects"}; never holds credentials
   * @param totalWork the units of work the task will take, or {@link #UNKNOWN}
   */
  void start(String task, int totalWork);

  /** {@code completed} more units of the current task are done (an increment, not a total). */
  void update(int completed);

  /** The current task is done. */
  void end();

  /** Whether the caller wants the work stopped; polled between units of work. */
  default boolean isCancelled() {
    return false;
  }

  /** Progress that reports nothing and never cancels: the default. */
  static Progress none() {
    return dev.profiles.core.internal.NoProgress.INSTANCE;
  }
}
