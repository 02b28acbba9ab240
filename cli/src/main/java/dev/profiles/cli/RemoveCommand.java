package dev.profiles.cli;

import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.UninstallResult;
import dev.profiles.core.preview.Preview;
import dev.profiles.git.gitops.JGitOpsRepository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin
  GitDirOption gitDir;

  @Option(names = "--dry-run", description = "Preview what removing would do to the cluster"
      + " (every object removed, risk report); write nothing.")
  boolean dryRun;

  @Mixin
  PreviewOptions previewOptions;

  @Override
  public Integer call() throws Exception {
    previewOptions.requirePreview(spec.commandLine(), dryRun);
    try (Sdk sdk = new Sdk(main, spec.commandLine())) {
      JGitOpsRepository repo = sdk.repoFor(gitDir.path, installation);
      Profiles profiles = sdk.profiles();
      String dir = sdk.installation(profiles, repo, installation);
      if (dryRun) {
        Preview preview = previewOptions.call(profiles.preview(repo)
            .of(profiles.uninstall(repo).installation(dir)));
        previewOptions.print(main, "would remove " + preview.directory().orElse(dir), preview);
        return Main.OK;
      }
      UninstallResult result = profiles.uninstall(repo).installation(dir).call();
      main.out.println("removed " + result.directory()
          + result.commit().map(c -> " " + Output.commit(c.commitId())).orElse(""));
      return Main.OK;
    }
  }
}
