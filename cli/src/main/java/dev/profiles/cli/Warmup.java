package dev.profiles.cli;

import java.util.Set;

/**
 * Start-up for a command that reaches git: JGit is told the machine's git setup without the
 * processes it would start to learn it ({@link dev.profiles.git.JGitProbes}), then work is done
 * on a second thread while the main one builds picocli's model and parses the command line (a
 * fresh JVM spends most of its first 150 ms on class loading and static initialisation, one
 * thread at a time): JGit's configuration readers, the JDK's HTTP client
 * classes and, when a URL on the command line is {@code https}, the default TLS context (its
 * trust store). Nothing here has an effect a command could observe: each step is the first
 * call a command would make anyway, and its failure is left for that command to meet.
 */
final class Warmup {
  /** Commands that never reach a git repository. */
  private static final Set<String> NO_GIT = Set.of("version", "docgen", "completion", "help",
      "-h", "--help", "-V", "--version");

  private Warmup() {}

  static void start(String[] args) {
    if (args.length == 0 || NO_GIT.contains(args[0])) {
      return;
    }
    // Before any repository is opened: JGit reads the answers when it first needs them.
    dev.profiles.git.JGitProbes.answerWithoutProcesses();
    boolean tls = java.util.Arrays.stream(args)
        .anyMatch(a -> a.startsWith("https://") || a.contains("=https://"));
    Thread t = new Thread(() -> run(tls), "profiles-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.NORM_PRIORITY - 1);
    t.start();
  }

  private static void run(boolean tls) {
    try {
      org.eclipse.jgit.util.SystemReader.getInstance().getUserConfig();
      new org.eclipse.jgit.transport.URIish("https://example.invalid/x.git");
      org.eclipse.jgit.transport.Transport.getTransportProtocols();
      if (tls) {
        javax.net.ssl.SSLContext.getDefault();
      }
    } catch (Exception | LinkageError e) {
      // The command that needs the same step meets the same problem and reports it.
    }
  }
}
