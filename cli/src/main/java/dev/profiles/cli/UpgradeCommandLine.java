package dev.profiles.cli;

import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.UpgradeCommand;
import dev.profiles.core.install.UpgradeResult;
import dev.profiles.core.preview.Preview;
import dev.profiles.core.version.VersionTag;
import dev.profiles.git.gitops.JGitOpsRepository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code profiles upgrade}: three-way merge an installation to another version. */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
    description = {"Upgrade an installation to VERSION or --latest (three-way merge with your"
        + " edits).", "Exits 3, listing the files, when the merge stops on conflicts."})
final class UpgradeCommandLine implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR|NAME",
      description = "The installation's directory or name.")
  String installation;

  @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION",
      description = "The version to upgrade to (e.g. v0.2.0, or the whole tag app/v0.2.0).")
  String version;

  @Option(names = "--latest", description = "Upgrade to the latest release (a branch"
      + " install: to the branch's current head).")
  boolean latest;

  @Mixin
  GitDirOption gitDir;

  @Option(names = "--dry-run", description = "Merge in memory and preview what the upgrade"
      + " would do to the cluster (objects changed, risk report); write nothing.")
  boolean dryRun;

  @Mixin
  PullRequestOptions pr;

  @Mixin
  PreviewOptions previewOptions;

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    if ((version == null) == !latest) {
      throw new CommandLine.ParameterException(cl,
          "Specify either VERSION or --latest, not both and not neither");
    }
    pr.validate(cl, dryRun);
    previewOptions.requirePreview(cl, dryRun);
    try (Sdk sdk = new Sdk(main, spec.commandLine())) {
      JGitOpsRepository repo = sdk.repoFor(gitDir.path, installation);
      Profiles profiles = sdk.profiles();
      String dir = sdk.installation(profiles, repo, installation);
      PullRequests prs = pr.createPr ? PullRequests.prepare(main, sdk, cl, pr, repo,
          "profiles-upgrade-" + dir + "-" + (latest ? "latest" : version)) : null;
      UpgradeCommand upgrade = profiles.upgrade(repo).installation(dir).dryRun(dryRun);
      if (prs != null) {
        upgrade.branch(prs.branch()).push(true);
        prs.message().ifPresent(upgrade::message);
      }
      boolean branch = dev.profiles.core.install.Installation.at(dir).readRecord(repo)
          .map(r -> !r.source().isTag()).orElse(false);
      if (latest && branch) {
        // A branch's latest is its head: what the SDK calls a refresh.
        upgrade.refresh();
      } else if (latest) {
        var catalog = sdk.catalogIfConfigured();
        if (catalog.isPresent()) {
          upgrade.toLatest(catalog.get().updateFinder());
        } else {
          upgrade.toLatest();
        }
      } else {
        upgrade.toVersion(version);
      }
      if (dryRun) {
        Preview preview = previewOptions.call(profiles.preview(repo).of(upgrade));
        // "would upgrade inst to app/v1.1.0", as add's "would install" and remove's "would
        // remove"; an installation up to date says so as it is. Conflicts are printed with the
        // rest (their files are in the JSON too), then stop with their exit code.
        String op = preview.operation();
        previewOptions.print(main, op.contains(" is up to date (") ? op
            : "would " + Character.toLowerCase(op.charAt(0)) + op.substring(1), preview);
        if (!preview.conflicts().isEmpty()) {
          throw new Main.Conflicts(dir, preview.conflicts(), false);
        }
        return Main.OK;
      }
      UpgradeResult result = upgrade.call();
      result.warnings().forEach(w -> main.err.println("warning: " + w));
      if (!result.conflicts().isEmpty()) {
        throw new Main.Conflicts(result.directory(), result.conflicts(), true);
      }
      if (result.upToDate()) {
        main.out.println(result.directory() + " is up to date");
      } else {
        // An older version asked for by name is done as asked, and said as what it is.
        boolean down = result.from().source().tag().flatMap(VersionTag::parse)
            .flatMap(f -> result.to().source().tag().flatMap(VersionTag::parse)
                .map(t -> t.version().compareTo(f.version()) < 0)).orElse(false);
        main.out.println((down ? "downgraded " : "upgraded ") + result.directory() + " to "
            + ref(result) + result.commit()
            .map(c -> " " + Output.commit(c.commitId())).orElse(""));
        if (prs != null) {
          prs.propose(result.commit(), "Upgrade " + result.directory() + " to " + ref(result),
              PullRequests.body("upgrade", result.change()
                  .<java.util.Collection<String>>map(c -> c.files().paths())
                  .orElse(java.util.List.of())));
        }
      }
      return Main.OK;
    }
  }

  private static String ref(UpgradeResult result) {
    var s = result.to().source();
    return s.tag().or(s::branch).orElse(s.refName());
  }
}
