package dev.profiles.cli;

import dev.profiles.core.Progress;
import java.io.PrintStream;

/**
 * The SDK's {@link Progress} drawn on stderr: on a terminal a bar redrawn in place with
 * {@code \r} (only when its percentage changes), finished by {@code , done.} and a newline;
 * elsewhere one plain line per phase when it ends, never one per percent. A phase that ends
 * unfinished (a failed fetch) keeps its last count and no {@code done}.
 *
 * <pre>
 * Receiving objects   [########################]  100% (12/12), done.
 * Counting objects: 37, done.
 * </pre>
 */
final class ProgressPrinter implements Progress {
  static final int BAR = 24;
  private static final String GREEN = "\u001b[32m";
  private static final String RESET = "\u001b[0m";

  private final PrintStream err;
  private final Terminal terminal;
  private String task;
  private int total;
  private long done;
  private long drawn = -1;
  private int width;
  private boolean closed;

  ProgressPrinter(PrintStream err, Terminal terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public synchronized void start(String task, int totalWork) {
    if (closed) {
      return;
    }
    finish(false);
    this.task = task == null ? "" : task.strip();
    this.total = Math.max(totalWork, 0);
    this.done = 0;
    this.drawn = -1;
    this.width = 0;
    if (terminal.interactive()) {
      draw(false);
    }
  }

  @Override
  public synchronized void update(int completed) {
    if (task == null || closed) {
      return;
    }
    done += Math.max(completed, 0);
    if (terminal.interactive()) {
      draw(false);
    }
  }

  @Override
  public synchronized void end() {
    finish(true);
  }

  /**
   * Ends a bar that a failed fetch left open, so that the error starts on a line of its own;
   * later reports (an abandoned fetch still winding down) are ignored.
   */
  synchronized void close() {
    if (task != null && terminal.interactive() && drawn >= 0) {
      err.println();
      err.flush();
    }
    task = null;
    closed = true;
  }

  private void finish(boolean ended) {
    if (task == null) {
      return;
    }
    if (terminal.interactive()) {
      draw(true);
    } else if (ended) {
      err.println(line(true));
    }
    task = null;
  }

  /** Redraws when what is shown changes: the percentage, or the count when the total is unknown. */
  private void draw(boolean last) {
    long shown = total > 0 ? percent() : done;
    if (!last && shown == drawn) {
      return;
    }
    drawn = shown;
    String text = line(last);
    int visible = text.replaceAll("\u001b\\[[0-9;]*m", "").length();
    StringBuilder sb = new StringBuilder("\r").append(text);
    if (visible < width) {
      sb.append(" ".repeat(width - visible));
    }
    width = Math.max(width, visible);
    if (last) {
      sb.append(System.lineSeparator());
    }
    err.print(sb);
    err.flush();
  }

  private long percent() {
    return Math.min(100, done * 100 / total);
  }

  private String line(boolean last) {
    // JGit ends a task on failure too: only a finished one says "done".
    String suffix = last && (total <= 0 || done >= total) ? ", done." : "";
    if (total <= 0) {
      return task + ": " + done + suffix;
    }
    if (!terminal.interactive()) {
      return task + ": " + percent() + "% (" + Math.min(done, total) + "/" + total + ")"
          + suffix;
    }
    int filled = (int) (percent() * BAR / 100);
    String bar = "#".repeat(filled);
    if (terminal.color()) {
      bar = GREEN + bar + RESET;
    }
    return String.format("%-19s [%s%s] %3d%% (%d/%d)%s", task, bar, "-".repeat(BAR - filled),
        percent(), Math.min(done, total), total, suffix);
  }
}
