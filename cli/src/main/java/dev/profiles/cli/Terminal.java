package dev.profiles.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What stderr is: a terminal (progress bars redrawn with {@code \r}) or a file or pipe (one
 * line per phase), and whether ANSI colour may be used there.
 *
 * <p>Java 17 cannot ask whether stderr alone is a terminal ({@code System.console()} answers
 * for stdin and stdout), so on Linux the target of {@code /proc/self/fd/2} decides; elsewhere
 * {@code System.console()} is the best guess. {@code PROFILES_TERMINAL=yes|no} overrides the
 * guess (CI systems whose log viewers render {@code \r}, and in-process tests); a stream other
 * than {@code System.err} is never a terminal. Colour needs a terminal, an empty or unset
 * {@code NO_COLOR} (<a href="https://no-color.org">no-color.org</a>) and a {@code TERM} other
 * than {@code dumb}.
 */
record Terminal(boolean interactive, boolean color) {
  static final String OVERRIDE = "PROFILES_TERMINAL";

  static Terminal of(PrintStream err, Map<String, String> env) {
    String forced = env.get(OVERRIDE);
    boolean tty;
    if (forced != null && !forced.isEmpty()) {
      String f = forced.toLowerCase(Locale.ROOT);
      tty = f.equals("yes") || f.equals("true") || f.equals("1");
    } else {
      tty = err == System.err && stderrIsATerminal();
    }
    String noColor = env.get("NO_COLOR");
    boolean color = tty && (noColor == null || noColor.isEmpty())
        && !"dumb".equals(env.get("TERM"));
    return new Terminal(tty, color);
  }

  private static boolean stderrIsATerminal() {
    Path fd = Path.of("/proc/self/fd/2");
    try {
      if (Files.isSymbolicLink(fd)) {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux, or no /proc: fall back
    }
    return System.console() != null;
  }
}
