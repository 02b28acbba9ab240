package dev.profiles.cli;

import dev.profiles.core.install.InstallCommand;
import dev.profiles.core.install.InstallResult;
import dev.profiles.core.preview.Preview;
import dev.profiles.git.gitops.JGitOpsRepository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code profiles add}: install a profile and commit it. */
@Command(name = "add", aliases = "apply", mixinStandardHelpOptions = true,
    description = "Install a profile into the GitOps repository and commit it.")
final class AddCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  InstallOptions options;

  @Mixin
  GitDirOption gitDir;

  @Option(names = "--dry-run", description = "Preview what the install would do to the"
      + " cluster (objects added, risk report); write nothing. 'profiles render' prints the"
      + " files.")
  boolean dryRun;

  @Option(names = "--replace", description = "Replace an installation of the same name: it is"
      + " rendered afresh from the profile, edits to its files are lost ('profiles upgrade'"
      + " keeps them).")
  boolean replace;

  @Mixin
  PullRequestOptions pr;

  @Mixin
  PreviewOptions previewOptions;

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    options.validate(cl);
    pr.validate(cl, dryRun);
    previewOptions.requirePreview(cl, dryRun);
    try (Sdk sdk = new Sdk(main, spec.commandLine())) {
      options.prefetch(sdk);
      JGitOpsRepository repo = sdk.repo(gitDir.path);
      PullRequests prs = pr.createPr ? PullRequests.prepare(main, sdk, cl, pr, repo,
          "profiles-add-" + (options.name != null ? options.name : "profile")) : null;
      InstallCommand install = options.configure(sdk.profiles().install(repo).dryRun(dryRun),
          sdk, cl).replaceExisting(replace);
      if (dryRun) {
        Preview preview = previewOptions.call(sdk.profiles().preview(repo).of(install));
        String dir = preview.directory().orElse("?");
        // The installation directory is <out>/NAME.
        previewOptions.print(main, "would install " + dir.substring(dir.lastIndexOf('/') + 1)
            + " in " + dir + "/", preview);
        return Main.OK;
      }
      if (prs != null) {
        install.branch(prs.branch()).push(true);
        prs.message().ifPresent(install::message);
      }
      InstallResult result = install.call();
      result.warnings().forEach(w -> main.err.println("warning: " + w));
      main.out.println("installed " + result.installation().name() + " in "
          + result.directory() + "/" + result.commit()
          .map(c -> " " + Output.commit(c.commitId())).orElse(""));
      if (prs != null) {
        prs.propose(result.commit(), "Install " + result.installation().name() + " in "
            + result.directory() + "/", PullRequests.body("add", result.files().paths()));
      }
      return Main.OK;
    }
  }
}
