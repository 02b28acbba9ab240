package dev.profiles.cli;

import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.UpdatePolicyCommand;
import dev.profiles.core.model.UpdatePolicy;
import dev.profiles.git.gitops.JGitOpsRepository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code profiles policy}: records an installation's update policy ({@code spec.updatePolicy}
 * of its record), which {@code profiles update} follows; one commit changing only the record.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
    description = "Set (or --clear) the update policy `profiles update` follows for an"
        + " installation, in one commit that changes only its record.")
final class PolicyCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR|NAME",
      description = "The installation's directory or name.")
  String installation;

  @Option(names = "--range", paramLabel = "RANGE",
      description = "The semver range proposed versions must satisfy, e.g. '^1.2', '>=1.2 <2'.")
  String range;

  @Option(names = "--pre-releases", description = "Allow pre-releases inside the range.")
  boolean preReleases;

  @Option(names = "--pinned", description = "Keep the installation at its version.")
  boolean pinned;

  @Option(names = "--minimum-age", paramLabel = "AGE",
      description = "How old a version's tag must be before it is proposed, e.g. 3d, 12h, 30m.")
  String minimumAge;

  @Option(names = "--clear", description = "Remove the policy (every newer release may be"
      + " proposed).")
  boolean clear;

  @Mixin
  GitDirOption gitDir;

  @Option(names = "--dry-run", description = "Check everything, write nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    boolean any = range != null || preReleases || pinned || minimumAge != null;
    if (clear == any) {
      throw new CommandLine.ParameterException(cl, "Specify --clear, or at least one of"
          + " --range, --pre-releases, --pinned, --minimum-age (not both)");
    }
    try (Sdk sdk = new Sdk(main, cl)) {
      JGitOpsRepository repo = sdk.repoFor(gitDir.path, installation);
      Profiles profiles = sdk.profiles();
      String dir = sdk.installation(profiles, repo, installation);
      UpdatePolicyCommand c = profiles.updatePolicy(repo).installation(dir).dryRun(dryRun);
      if (clear) {
        c.clear();
      } else {
        UpdatePolicy.Builder b = UpdatePolicy.builder().preReleases(preReleases).pinned(pinned);
        if (range != null) {
          b.range(range);
        }
        if (minimumAge != null) {
          b.minimumAge(minimumAge);
        }
        c.policy(b.build());
      }
      var commit = c.call();
      main.out.println(commit.map(r -> (clear ? "cleared the update policy of " : "set the"
          + " update policy of ") + dir + " " + Output.commit(r.commitId()))
          .orElse(dryRun ? "would update the policy of " + dir + " (dry run: nothing written)"
              : dir + ": the policy is already so"));
      return Main.OK;
    }
  }
}
