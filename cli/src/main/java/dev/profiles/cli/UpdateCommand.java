package dev.profiles.cli;

import dev.profiles.catalog.client.CatalogClient;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.catalog.PreReleases;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.UpdateFinder;
import dev.profiles.core.update.PlannedUpdate;
import dev.profiles.core.update.UpdateDescriber;
import dev.profiles.core.update.UpdateOutcome;
import dev.profiles.core.update.UpdatePlan;
import dev.profiles.core.update.UpdatePlanner;
import dev.profiles.git.gitops.JGitOpsRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code profiles update}: the update planner over the GitOps repository. {@code --dry-run}
 * prints each installation's decision; without it every allowed upgrade is committed on its
 * update branch ({@code profiles/update/NAMESPACE-NAME}, or {@code profiles/update/all}),
 * locally, or pushed with a pull request per branch ({@code --create-pr}).
 */
@Command(name = "update", mixinStandardHelpOptions = true,
    description = {"Propose the newest version each installation's update policy allows:"
        + " commit each upgrade on its own branch (profiles/update/NAMESPACE-NAME), push it and"
        + " open a pull request with --create-pr. The checked-out branch is never touched.",
        "Exits 3, listing the files, when a proposed update has merge conflicts (still"
        + " committed, with conflict markers)."})
final class UpdateCommand implements Callable<Integer> {
  /** How update branches are grouped. */
  enum Group { installation, all }

  /** The dry run's form. */
  enum Format { text, json }

  @ParentCommand
  Main main;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  GitDirOption gitDir;

  @Option(names = "--dry-run",
      description = "Print what each installation's policy allows; write nothing.")
  boolean dryRun;

  @Option(names = "--group", paramLabel = "RULE", defaultValue = "installation",
      description = "One branch per installation, or all updates on one branch: installation"
          + " or all (default: ${DEFAULT-VALUE}).")
  Group group;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "The output's form: text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Mixin
  PullRequestOptions pr;

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    pr.validate(cl, dryRun);
    if (pr.branch != null || pr.message != null || pr.title != null) {
      throw new CommandLine.ParameterException(cl, "--pr-branch, --pr-message and --pr-title"
          + " do not apply to update: it names its branches profiles/update/NAMESPACE-NAME and"
          + " its requests after the versions");
    }
    try (Sdk sdk = new Sdk(main, cl)) {
      JGitOpsRepository repo = sdk.repo(gitDir.path);
      Profiles profiles = sdk.profiles();
      PullRequests prs = pr.createPr
          ? PullRequests.prepare(main, sdk, cl, pr, repo, "profiles-update") : null;
      Optional<CatalogClient> catalog = sdk.catalogIfConfigured();
      // The policy filters pre-releases itself, so the catalog is asked for all of them.
      UpdateFinder finder = catalog.<UpdateFinder>map(c -> ref -> c.availableUpdates(
          ref.catalog(), ref.profile(), ref.version(), PreReleases.INCLUDE))
          .orElse(ref -> {
            throw new ProfilesException("an installation comes from catalog '" + ref.catalog()
                + "' (profile " + ref.profile() + "): give --catalog-url, --kubeconfig or"
                + " --context to find its newer versions");
          });
      UpdatePlanner.Builder b = UpdatePlanner.builder().profiles(profiles).updateFinder(finder)
          .versionLister(sdk.git().asVersionLister())
          .describer(UpdateDescriber.withPreview(profiles, repo))
          .grouping(group == Group.all ? UpdatePlanner.Grouping.ALL
              : UpdatePlanner.Grouping.PER_INSTALLATION)
          .baseBranch(pr.base);
      if (prs != null) {
        b.pullRequests(prs.provider());
      } else {
        b.push(false);
      }
      UpdatePlanner planner = b.build();
      if (dryRun) {
        UpdatePlan plan = planner.plan(repo);
        if (format == Format.json) {
          main.out.print(Output.json(json(plan, List.of())));
        } else {
          table(plan);
          main.err.println(plan.proposed().size() + " of " + plan.entries().size()
              + " installations would be updated (dry run: nothing written)");
        }
        return conflicts(plan.proposed());
      }
      UpdatePlan plan = planner.plan(repo);
      List<UpdateOutcome> outcomes = planner.run(repo, plan);
      if (format == Format.json) {
        main.out.print(Output.json(json(plan, outcomes)));
      } else {
        for (UpdateOutcome o : outcomes) {
          String what = switch (o.action()) {
            case OPENED -> "opened pull request " + url(o);
            case UPDATED -> "updated pull request " + url(o);
            case RESPECTED_CLOSED -> "left alone: pull request " + url(o) + " was closed";
            case UNCHANGED -> o.request().isPresent() ? "unchanged: pull request " + url(o)
                : o.committed() ? "committed " + shortId(o) : "unchanged " + shortId(o);
          };
          main.out.println(o.branch() + ": " + what);
        }
        if (outcomes.isEmpty()) {
          main.out.println("nothing to update");
        }
      }
      return conflicts(plan.proposed());
    }
  }

  private static String url(UpdateOutcome o) {
    return o.request().map(r -> r.url()).orElse("?");
  }

  private static String shortId(UpdateOutcome o) {
    return o.commitId().map(Output::commit).orElse("");
  }

  private int conflicts(List<PlannedUpdate> proposed) {
    int code = Main.OK;
    for (PlannedUpdate u : proposed) {
      if (!u.conflicts().isEmpty()) {
        main.err.println("warning: the update of " + u.directory() + " to " + u.to().orElseThrow()
            + " has merge conflicts in:");
        u.conflicts().forEach(f -> main.err.println("  " + f));
        code = Main.CONFLICTS;
      }
    }
    return code;
  }

  private void table(UpdatePlan plan) {
    List<List<String>> rows = new ArrayList<>();
    for (PlannedUpdate u : plan.entries()) {
      String reason = u.skipped().map(r -> r.name().toLowerCase(Locale.ROOT).replace('_', '-')
          + ": " + u.detail()).orElse(u.conflicts().isEmpty() ? "allowed"
              : "allowed, conflicts in " + u.conflicts().size() + " file(s)");
      rows.add(List.of(u.namespace(), u.name(), u.from(), u.to().orElse("-"), reason));
    }
    Output.table(main.out, List.of("NAMESPACE", "NAME", "FROM", "TO", "REASON"), rows);
  }

  private static Map<String, Object> json(UpdatePlan plan, List<UpdateOutcome> outcomes) {
    List<Object> entries = new ArrayList<>();
    for (PlannedUpdate u : plan.entries()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("directory", u.directory());
      e.put("namespace", u.namespace());
      e.put("name", u.name());
      e.put("from", u.from());
      e.put("to", u.to().orElse(null));
      e.put("skipped", u.skipped().map(r -> r.name()).orElse(null));
      e.put("detail", u.detail());
      e.put("conflicts", u.conflicts());
      entries.add(e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("entries", entries);
    List<Object> done = new ArrayList<>();
    for (UpdateOutcome o : outcomes) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("branch", o.branch());
      e.put("directories", o.directories());
      e.put("action", o.action().name());
      e.put("committed", o.committed());
      e.put("commit", o.commitId().orElse(null));
      e.put("pullRequest", o.request().map(r -> r.url()).orElse(null));
      done.add(e);
    }
    out.put("outcomes", done);
    return out;
  }
}
