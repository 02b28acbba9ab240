package dev.profiles.cli;

import dev.profiles.core.install.InstallCommand;
import dev.profiles.core.install.InstallResult;
import dev.profiles.git.gitops.JGitOpsRepository;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code profiles add}: install a profile and commit it. */
@Command(name = "add", mixinStandardHelpOptions = true,
    description = "Install a profile into the GitOps repository and commit it.")
final class AddCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  InstallOptions options;

  @Option(names = "--git-dir", paramLabel = "REPO",
      description = "The GitOps repository's working tree (default: the current directory).")
  Path gitDir;

  @Option(names = "--dry-run", description = "Print what would be written; write nothing.")
  boolean dryRun;

  @Mixin
  PullRequestOptions pr;

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    options.validate(cl);
    pr.validate(cl, dryRun);
    try (Sdk sdk = new Sdk(main, spec.commandLine())) {
      JGitOpsRepository repo = sdk.repo(gitDir);
      PullRequests prs = pr.createPr ? PullRequests.prepare(main, sdk, cl, pr, repo,
          "profiles-add-" + (options.name != null ? options.name : "profile")) : null;
      InstallCommand install = options.configure(sdk.profiles().install(repo).dryRun(dryRun),
          sdk, cl);
      if (prs != null) {
        install.branch(prs.branch()).push(true);
        prs.message().ifPresent(install::message);
      }
      InstallResult result = install.call();
      result.warnings().forEach(w -> main.err.println("warning: " + w));
      if (dryRun) {
        main.out.println("would install " + result.installation().name() + " in "
            + result.directory() + "/ (dry run: nothing written)");
        result.files().paths().forEach(p -> main.out.println("  " + p));
      } else {
        main.out.println("installed " + result.installation().name() + " in "
            + result.directory() + "/" + result.commit()
            .map(c -> " (commit " + c.commitId().substring(0, Math.min(7, c.commitId().length()))
                + ")").orElse(""));
        if (prs != null) {
          prs.propose(result.commit(), "Install " + result.installation().name() + " in "
              + result.directory() + "/", PullRequests.body("add", result.files().paths()));
        }
      }
      return Main.OK;
    }
  }
}
