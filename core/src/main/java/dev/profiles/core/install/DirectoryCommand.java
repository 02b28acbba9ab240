package dev.profiles.core.install;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.InstallRefusedException.Reason;
import dev.profiles.core.rules.ContainedPaths;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Commits one generated directory of a GitOps repository (such as the catalog's own
 * installation, {@code dev.profiles.flux.catalog.CatalogInstallation}) with the guarantees of
 * every other command: one commit, all or nothing, never an invented author ({@link
 * InstallRefusedException.Reason#MISSING_AUTHOR}), and refused before anything is written when
 * the directory has uncommitted changes.
 *
 * <p>The directory is owned wholly by its files: writing it again with the same files commits
 * nothing ({@link DirectoryResult#unchanged()}); different files replace the directory only
 * when {@link #replaceExisting(boolean) asked}, else the command is refused with {@link
 * InstallRefusedException.Reason#TARGET_EXISTS}. Why not {@link InstallCommand}: that one
 * resolves and renders a profile and writes an installation record; this one writes files
 * already rendered, through the same {@link GitOpsRepository#commit} port.
 *
 * <pre>{@code
 * DirectoryResult r = Profiles.directory(repo)
 *     .directory("profiles-system/catalog")
 *     .files(rendered)
 *     .message("Install the profiles catalog")
 *     .call();
 * }</pre>
 */
public final class DirectoryCommand extends CommitOptions<DirectoryCommand> {
  private final GitOpsRepository repository;
  private Optional<String> directory = Optional.empty();
  private Optional<RenderedFiles> files = Optional.empty();
  private boolean replaceExisting;
  private boolean dryRun;

  DirectoryCommand(GitOpsRepository repository) {
    this.repository = repository;
  }

  @Override
  DirectoryCommand self() {
    return this;
  }

  /** The directory (repository-relative, '/'-separated) the files fill; required. */
  public DirectoryCommand directory(String directory) {
    if (directory == null) {
      throw new ProfilesConfigurationException("directory must not be null");
    }
    this.directory = Optional.of(directory);
    return this;
  }

  /** The files, by repository-relative path, each inside {@link #directory}; required. */
  public DirectoryCommand files(RenderedFiles files) {
    if (files == null) {
      throw new ProfilesConfigurationException("files must not be null");
    }
    this.files = Optional.of(files);
    return this;
  }

  /** Replace the directory when it exists with other content (default: refuse). */
  public DirectoryCommand replaceExisting(boolean replaceExisting) {
    this.replaceExisting = replaceExisting;
    return this;
  }

  /** Check everything and return the change without writing anything. */
  public DirectoryCommand dryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  /**
   * Checks, then writes and commits the directory (or, in a dry run, only checks).
   *
   * @throws InstallRefusedException when the options are invalid ({@code INVALID_OPTIONS}),
   *     the directory has uncommitted changes ({@code UNCOMMITTED_CHANGES}), holds other
   *     content and replacing was not asked ({@code TARGET_EXISTS}), or no author is known
   *     ({@code MISSING_AUTHOR}); nothing was written
   * @throws ProfilesException when committing fails; the repository is then as it was
   */
  public DirectoryResult call() throws ProfilesException {
    return Guard.call("write directory", this::run);
  }

  private DirectoryResult run() throws ProfilesException {
    if (directory.isEmpty() || files.isEmpty()) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS,
          "write directory needs a directory and its files");
    }
    Optional<String> problem = ContainedPaths.problemInRepository(directory.get());
    if (problem.isPresent()) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS,
          "directory '" + directory.get() + "': " + problem.get());
    }
    String dir = ContainedPaths.normalize(directory.get());
    if (dir.equals(".") || dir.equals(".git") || dir.startsWith(".git/")) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS,
          "directory '" + directory.get() + "' is not a directory files can be written to");
    }
    Optional<String> reserved = Installation.inConfigDirectory(dir);
    if (reserved.isPresent()) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS, "directory " + reserved.get());
    }
    Optional<String> installation = Installation.installationAtOrAround(repository, dir);
    if (installation.isPresent()) {
      throw new InstallRefusedException(Reason.TARGET_EXISTS, "directory '" + dir + "' would"
          + " replace files of the profile installation '" + installation.get() + "'; write"
          + " it elsewhere (or remove the installation first)");
    }
    RenderedFiles content = files.get();
    if (content.size() == 0) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS,
          "no files to write to " + dir);
    }
    for (String path : content.paths()) {
      if (!path.startsWith(dir + "/")) {
        throw new InstallRefusedException(Reason.INVALID_OPTIONS,
            "'" + path + "' is outside the directory " + dir);
      }
    }
    List<String> dirty = repository.uncommittedChanges(dir);
    if (!dirty.isEmpty()) {
      throw new InstallRefusedException(Reason.UNCOMMITTED_CHANGES, dir
          + " has uncommitted changes (" + String.join(", ", dirty.subList(0,
              Math.min(5, dirty.size()))) + "); commit or discard them first");
    }
    boolean exists = repository.exists(dir);
    Change change = changeBuilder("Write " + dir).files(content)
        .removals(exists ? List.of(dir) : List.of()).build();
    boolean unchanged = exists && sameContent(dir, content);
    if (exists && !unchanged && !replaceExisting) {
      throw new InstallRefusedException(Reason.TARGET_EXISTS, dir + " exists with other"
          + " content; replace it explicitly (it is rewritten wholly)");
    }
    DirectoryResult.Builder result = DirectoryResult.builder().directory(dir).change(change)
        .dryRun(dryRun).unchanged(unchanged);
    if (!dryRun && !unchanged) {
      result.commit(repository.commit(change));
    }
    return result.build();
  }

  private boolean sameContent(String dir, RenderedFiles content) throws ProfilesException {
    List<String> present = repository.listFiles(dir);
    if (!present.equals(List.copyOf(content.paths()))) {
      return false;
    }
    for (String path : present) {
      Optional<byte[]> bytes = repository.readFile(path);
      if (bytes.isEmpty() || !Arrays.equals(bytes.get(), content.bytes(path).orElseThrow())) {
        return false;
      }
    }
    return true;
  }
}
