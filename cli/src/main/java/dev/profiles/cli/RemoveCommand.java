package dev.profiles.cli;

import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.UninstallResult;
import dev.profiles.git.gitops.JGitOpsRepository;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code profiles remove}: uninstall an installation and commit. */
@Command(name = "remove", mixinStandardHelpOptions = true,
    description = "Remove an installation from the GitOps repository and commit.")
final class RemoveCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME",
      description = "The installation's name or directory.")
  String installation;

  @Option(names = "--git-dir", paramLabel = "REPO",
      description = "The GitOps repository's working tree (default: the current directory).")
  Path gitDir;

  @Option(names = "--dry-run", description = "Print what would be removed; write nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    try (Sdk sdk = new Sdk(main, spec.commandLine())) {
      JGitOpsRepository repo = sdk.repo(gitDir);
      Profiles profiles = sdk.profiles();
      String dir = sdk.installation(profiles, repo, installation);
      UninstallResult result = profiles.uninstall(repo).installation(dir).dryRun(dryRun).call();
      main.out.println((dryRun ? "would remove " : "removed ") + result.directory()
          + result.commit().map(c -> " (commit "
              + c.commitId().substring(0, Math.min(7, c.commitId().length())) + ")").orElse("")
          + (dryRun ? " (dry run: nothing written)" : ""));
      return Main.OK;
    }
  }
}
