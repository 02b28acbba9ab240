package dev.profiles.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --git-dir}: the GitOps repository a command reads and writes (a picocli mixin). */
final class GitDirOption {
  @Option(names = "--git-dir", paramLabel = "REPO",
      description = "The GitOps repository's working tree (default: the current directory).")
  Path path;
}
