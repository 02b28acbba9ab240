package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.yaml.DocumentProblem;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.core.rules.ContainedPaths;
import dev.profiles.core.version.VersionTag;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lists the installations in a GitOps repository: every directory holding an {@link
 * Installation#RECORD_FILE installation record} ({@link Installation}),
 * including ones written by the original pctl, and, when an {@link UpdateFinder} is given, the
 * newer catalog versions of each catalog install; with {@link #withTagUpdates()}, the newer
 * release tags of each install from a git tag.
 *
 * <pre>{@code
 * ListResult r = profiles.list(repo).withUpdates(finder).withTagUpdates().call();
 * }</pre>
 */
public final class ListCommand {
  private final GitOpsRepository repository;
  private final Optional<VersionLister> versionLister;
  private Optional<UpdateFinder> updates = Optional.empty();
  private boolean tagUpdates;
  private String directory = ".";

  ListCommand(GitOpsRepository repository, Optional<VersionLister> versionLister) {
    this.repository = repository;
    this.versionLister = versionLister;
  }

  /** Also ask {@code finder} for available updates of catalog installs. */
  public ListCommand withUpdates(UpdateFinder finder) {
    this.updates = Optional.of(finder);
    return this;
  }

  /**
   * Also list, for each install from a git tag, the newer release tags of its profile
   * ({@link InstalledProfile#newerTags()}), read with the {@link VersionLister} the {@link
   * Profiles} was built with; each repository is asked once per call, and one that cannot be
   * read is a problem of the listing, not a failure.
   *
   * @throws dev.profiles.core.ProfilesConfigurationException when no {@link VersionLister} is
   *     known ({@code Profiles.builder().versionLister(...)})
   */
  public ListCommand withTagUpdates() {
    if (versionLister.isEmpty()) {
      throw new dev.profiles.core.ProfilesConfigurationException("withTagUpdates() reads the"
          + " repositories' tags, and no VersionLister is known: set Profiles.builder()"
          + ".versionLister(gitProfiles.asVersionLister())");
    }
    this.tagUpdates = true;
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
    Optional<String> dirProblem = ContainedPaths.problemInRepository(directory);
    if (dirProblem.isPresent()) {
      throw new InstallRefusedException(InstallRefusedException.Reason.INVALID_OPTIONS,
          "under: " + dirProblem.get());
    }
    var result = ListResult.builder();
    Map<String, List<VersionTag>> tagsByUrl = new HashMap<>();
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
      List<VersionTag> newer = List.of();
      Optional<VersionTag> current = installation.source().tag().flatMap(VersionTag::parse);
      if (tagUpdates && installation.catalog().isEmpty() && current.isPresent()) {
        try {
          newer = newerTags(tagsByUrl, installation.source().url(), current.get());
        } catch (ProfilesException | RuntimeException e) {
          result.addProblem(new DocumentProblem(path, 0, 0, "spec.source",
              "cannot look up newer tags: " + e.getMessage()));
        }
      }
      result.addInstallation(InstalledProfile.builder().directory(dir)
          .installation(installation).availableUpdates(available).newerTags(newer).build());
    }
    return result.build();
  }

  /** The release tags of {@code current}'s profile above it, highest first. */
  private List<VersionTag> newerTags(Map<String, List<VersionTag>> tagsByUrl, String url,
      VersionTag current) throws ProfilesException {
    List<VersionTag> tags = tagsByUrl.get(url);
    if (tags == null) {
      tags = List.copyOf(versionLister.orElseThrow().versionTags(url));
      tagsByUrl.put(url, tags);
    }
    return tags.stream()
        .filter(t -> t.profileName().equals(current.profileName()))
        .filter(t -> !t.version().isPreRelease())
        .filter(t -> t.version().comparePrecedence(current.version()) > 0)
        .sorted(Comparator.comparing(VersionTag::version).reversed())
        .toList();
  }
}
