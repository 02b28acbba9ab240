package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.yaml.DocumentProblem;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.core.rules.ContainedPaths;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Lists the installations in a GitOps repository: every directory holding an {@link
 * Installation#RECORD_FILE installation record} ({@link Installation}),
 * including ones written by the original pctl, and, when an {@link UpdateFinder} is given, the
 * newer catalog versions of each catalog install.
 *
 * <pre>{@code
 * ListResult r = profiles.list(repo).withUpdates(finder).call();
 * }</pre>
 */
public final class ListCommand {
  private final GitOpsRepository repository;
  private Optional<UpdateFinder> updates = Optional.empty();
  private String directory = ".";

  ListCommand(GitOpsRepository repository) {
    this.repository = repository;
  }

  /** Also ask {@code finder} for available updates of catalog installs. */
  public ListCommand withUpdates(UpdateFinder finder) {
    this.updates = Optional.of(finder);
    return this;
  }

  /** Only look below {@code directory} (default: the whole repository). */
  public ListCommand under(String directory) {
    if (directory == null) {
      throw new dev.profiles.core.ProfilesConfigurationException("under: must not be null");
    }
    this.directory = directory;
    return this;
  }

  /**
   * Lists the installations. A record that cannot be read, or is inconsistent with its
   * directory (see {@link UpgradeCommand#call()}), does not fail the listing: it is left out of
   * {@link ListResult#installations()} and its located problems are reported in {@link
   * ListResult#problems()}, so one hand-edited record never hides the others.
   *
   * @throws ProfilesException when the repository cannot be read at all, or {@link
   *     #under(String)} names a directory outside it
   */
  public ListResult call() throws ProfilesException {
    return Guard.call("list", this::run);
  }

  private ListResult run() throws ProfilesException {
    Optional<String> dirProblem = ContainedPaths.problem(directory);
    if (dirProblem.isPresent()) {
      throw new InstallRefusedException(InstallRefusedException.Reason.INVALID_OPTIONS,
          "under: " + dirProblem.get());
    }
    var result = ListResult.builder();
    for (String path : Installation.findRecords(repository, directory)) {
      String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : ".";
      Optional<byte[]> bytes = repository.readFile(path);
      if (bytes.isEmpty()) {
        result.addProblem(new DocumentProblem(path, 0, 0, "", "not a regular file"));
        continue;
      }
      ProfileInstallation installation;
      try {
        installation = InstallationRecords.read(path, bytes.get());
      } catch (InvalidDocumentException e) {
        result.addAllProblems(e.problems());
        continue;
      }
      List<CatalogEntry> available = List.of();
      if (updates.isPresent() && installation.catalog().isPresent()) {
        try {
          available = updates.get().availableUpdates(installation.catalog().get()).stream()
              .filter(e -> e.versionTag().isPresent())
              .sorted(Comparator.comparing((CatalogEntry e) -> e.versionTag().orElseThrow()
                  .version()).reversed())
              .toList();
        } catch (ProfilesException | RuntimeException e) {
          result.addProblem(new DocumentProblem(path, 0, 0, "spec.catalog",
              "cannot look up updates: " + e.getMessage()));
        }
      }
      result.addInstallation(InstalledProfile.builder().directory(dir)
          .installation(installation).availableUpdates(available).build());
    }
    return result.build();
  }
}
