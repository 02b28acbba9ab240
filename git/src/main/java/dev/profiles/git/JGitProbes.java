package dev.profiles.git;

import dev.profiles.core.internal.Loggers;
import dev.profiles.git.internal.ProbeAnswers;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;

/**
 * Start-up tuning for short-lived processes (command lines, jobs): the first repository JGit
 * opens in a process runs {@code git --version}, {@code git config --system --show-origin
 * --list -z} and {@code sh -c umask} to learn where git's system configuration is and what the
 * umask is; {@link #answerWithoutProcesses()} gives it both answers from the environment and
 * {@code /proc} instead, on Linux, saving the three process starts (tens of milliseconds).
 *
 * <p>Process-wide (it sets JGit's {@link FS#DETECTED}); call it once, first thing in {@code
 * main}. Elsewhere, or where an answer cannot be told (git outside {@code <prefix>/bin}, no
 * {@code /proc}), JGit probes as before. {@code GIT_CONFIG_NOSYSTEM} and {@code
 * GIT_CONFIG_SYSTEM} are honoured as git honours them.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   JGitProbes.answerWithoutProcesses();
 *   ...
 * }
 * }</pre>
 */
public final class JGitProbes {
  static {
    // Before JGit asks SLF4J for its first logger: see Loggers.
    Loggers.init();
  }

  private JGitProbes() {}

  /** Answers JGit's probes from the environment and {@code /proc}, where it can (Linux). */
  public static void answerWithoutProcesses() {
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      return;
    }
    answer(FS.DETECTED, System.getenv(), Path.of("/proc/self/status"));
  }

  static void answer(FS fs, Map<String, String> env, Path procStatus) {
    ProbeAnswers.SystemConfig config = ProbeAnswers.systemConfig(env);
    if (config instanceof ProbeAnswers.SystemConfig.At at) {
      fs.setGitSystemConfig(at.file());
    } else if (config instanceof ProbeAnswers.SystemConfig.None) {
      fs.setGitSystemConfig(null);
    }
    if (fs instanceof FS_POSIX posix) {
      ProbeAnswers.read(procStatus).map(ProbeAnswers::umask).filter(OptionalInt::isPresent)
          .ifPresent(u -> posix.setUmask(u.getAsInt()));
    }
  }
}
