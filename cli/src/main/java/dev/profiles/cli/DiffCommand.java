package dev.profiles.cli;

import dev.profiles.core.install.InstalledProfile;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.UpgradeCommand;
import dev.profiles.core.preview.Preview;
import dev.profiles.git.gitops.JGitOpsRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code profiles diff}: what upgrading (or refreshing) one installation, or every one, would
 * do to the cluster — the SDK's preview of the dry-run upgrade — with exit code {@value
 * #CHANGES} when something would change, for CI gates.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Preview what upgrading installations would do to the cluster, writing"
        + " nothing: the Kubernetes objects added, changed and removed (Flux objects expanded"
        + " where an expander is installed), field by field, with a risk report.",
        "Without DIR|NAME every installation; tag installs go to VERSION, else to the latest"
            + " release (the catalog's when --catalog-url or a kubeconfig is given and the"
            + " installation came from a catalog); branch installs are refreshed.",
        "Exits 0 when nothing would change and " + DiffCommand.CHANGES + " when something"
            + " would."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:nothing would change", "1:error", "2:usage",
        "3:an upgrade would stop on merge conflicts", "4:something would change"})
final class DiffCommand implements Callable<Integer> {
  /** Exit code of a diff that found changes. */
  static final int CHANGES = 4;

  @ParentCommand
  Main main;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR|NAME",
      description = "One installation's directory or name (default: every installation).")
  String installation;

  @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION",
      description = "The version to preview an upgrade to (e.g. v0.2.0, or the tag app/v0.2.0).")
  String version;

  @Option(names = "--latest", description = "Preview the upgrade to the latest release"
      + " (the default for tag installs).")
  boolean latest;

  @Mixin
  GitDirOption gitDir;

  @Mixin
  PreviewOptions previewOptions;

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    if (version != null && latest) {
      throw new CommandLine.ParameterException(cl,
          "Specify either VERSION or --latest, not both");
    }
    try (Sdk sdk = new Sdk(main, cl)) {
      JGitOpsRepository repo = installation == null ? sdk.repo(gitDir.path)
          : sdk.repoFor(gitDir.path, installation);
      Profiles profiles = sdk.profiles();
      List<String> dirs = new ArrayList<>();
      List<InstalledProfile> all = profiles.list(repo).call().installations();
      if (installation != null) {
        dirs.add(sdk.installation(profiles, repo, installation));
      } else {
        if (version != null) {
          throw new CommandLine.ParameterException(cl, "VERSION needs DIR|NAME: name the"
              + " installation to upgrade to " + version);
        }
        all.forEach(i -> dirs.add(i.directory()));
      }
      List<Preview> previews = new ArrayList<>();
      for (String dir : dirs) {
        Optional<InstalledProfile> installed = all.stream()
            .filter(i -> i.directory().equals(dir)).findFirst();
        UpgradeCommand upgrade = profiles.upgrade(repo).installation(dir);
        boolean tag = installed.map(i -> i.installation().source().isTag()).orElse(true);
        if (version != null) {
          upgrade.toVersion(version);
        } else if (!tag) {
          upgrade.refresh(); // with or without --latest: a branch's latest is its head
        } else {
          var catalog = installed.isPresent() && installed.get().installation().catalog()
              .isPresent() ? sdk.catalogIfConfigured() : Optional.<dev.profiles.catalog.client
                  .CatalogClient>empty();
          if (catalog.isPresent()) {
            upgrade.toLatest(catalog.get().updateFinder());
          } else {
            upgrade.toLatest();
          }
        }
        // One installation's conflicts stop nothing: every one is previewed, the conflicted
        // ones listing their files (in JSON too), and the exit code says conflicts.
        previews.add(previewOptions.call(profiles.preview(repo).of(upgrade)));
      }
      if (previews.isEmpty() && previewOptions.format == PreviewPrinter.Format.text) {
        main.out.println("no installations");
        return Main.OK;
      }
      PreviewPrinter.print(main, previews, previewOptions.format);
      List<Preview> conflicted = previews.stream().filter(p -> !p.conflicts().isEmpty())
          .toList();
      conflicted.forEach(p -> Main.printConflicts(main.err, p.directory().orElse("?"),
          p.conflicts(), false));
      return !conflicted.isEmpty() ? Main.CONFLICTS
          : previews.stream().anyMatch(Preview::hasChanges) ? CHANGES : Main.OK;
    }
  }
}
