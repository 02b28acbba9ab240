package dev.profiles.git.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The two facts of the machine that JGit learns by starting processes, worked out without
 * them: where git's system configuration is ({@code git --version}, then {@code git config
 * --system --show-origin --list -z}) and the process's umask ({@code sh -c umask}).
 */
public final class ProbeAnswers {
  private ProbeAnswers() {}

  /** Where the system configuration is, as far as it can be told without running git. */
  public sealed interface SystemConfig {
    /** JGit needs no probe (it reads no system configuration) or the answer is unknown. */
    record Probe() implements SystemConfig {}

    /** No system configuration: no git on the PATH. */
    record None() implements SystemConfig {}

    /** This file, which need not exist (git then reads none either). */
    record At(File file) implements SystemConfig {}
  }

  /**
   * git's system configuration file for {@code env}: {@code GIT_CONFIG_SYSTEM} when set (git
   * 2.32 and later), else {@code <prefix>/etc/gitconfig} for the first {@code git} on the
   * {@code PATH} at {@code <prefix>/bin/git} — {@code /etc/gitconfig} when the prefix is {@code
   * /usr}, as git's build places it. {@link SystemConfig.Probe} when {@code GIT_CONFIG_NOSYSTEM}
   * is set (JGit then reads none and starts nothing), when git is not in a {@code bin}
   * directory, or when it is a Nix or Guix store's (built with {@code /etc} as sysconfdir).
   */
  public static SystemConfig systemConfig(Map<String, String> env) {
    if (!isEmpty(env.get("GIT_CONFIG_NOSYSTEM"))) {
      return new SystemConfig.Probe();
    }
    if (!isEmpty(env.get("GIT_CONFIG_SYSTEM"))) {
      return new SystemConfig.At(new File(env.get("GIT_CONFIG_SYSTEM")));
    }
    String path = env.get("PATH");
    if (isEmpty(path)) {
      return new SystemConfig.None();
    }
    for (String entry : path.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path git;
      try {
        git = Path.of(entry, "git");
      } catch (RuntimeException notAPath) {
        continue;
      }
      if (!Files.isRegularFile(git) || !Files.isExecutable(git)) {
        continue;
      }
      // Nix and Guix build git with sysconfdir /etc whatever its store prefix: ask git there.
      try {
        String real = git.toRealPath().toString();
        if (real.contains("/nix/store/") || real.contains("/gnu/store/")) {
          return new SystemConfig.Probe();
        }
      } catch (java.io.IOException | RuntimeException e) {
        return new SystemConfig.Probe();
      }
      Path bin = git.toAbsolutePath().normalize().getParent();
      if (bin == null || bin.getFileName() == null
          || !bin.getFileName().toString().equals("bin") || bin.getParent() == null) {
        return new SystemConfig.Probe();
      }
      Path prefix = bin.getParent();
      Path etc = prefix.equals(Path.of("/usr")) ? Path.of("/etc") : prefix.resolve("etc");
      return new SystemConfig.At(etc.resolve("gitconfig").toFile());
    }
    return new SystemConfig.None();
  }

  /**
   * The umask in the text of Linux's {@code /proc/self/status} (its {@code Umask:} line, Linux
   * 4.7 and later), if it has one.
   */
  public static OptionalInt umask(String procStatus) {
    for (String line : procStatus.split("\n")) {
      if (line.startsWith("Umask:")) {
        String value = line.substring("Umask:".length()).strip();
        if (value.isEmpty() || value.length() > 6) {
          return OptionalInt.empty();
        }
        try {
          int mask = Integer.parseInt(value, 8);
          return mask >= 0 && mask <= 0777 ? OptionalInt.of(mask) : OptionalInt.empty();
        } catch (NumberFormatException e) {
          return OptionalInt.empty();
        }
      }
    }
    return OptionalInt.empty();
  }

  /** The text of {@code file}, if it can be read (at most 64 KiB). */
  public static Optional<String> read(Path file) {
    try (var in = Files.newInputStream(file)) {
      return Optional.of(new String(in.readNBytes(64 * 1024),
          java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }
}
