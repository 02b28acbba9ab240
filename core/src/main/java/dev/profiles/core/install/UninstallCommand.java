package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.InstallRefusedException.Reason;
import dev.profiles.core.model.ProfileInstallation;
import java.util.Optional;

/**
 * Removes one installation: its whole directory, in one commit, all or nothing like an
 * install.
 *
 * <p>It refuses, before anything is written, a directory that holds no valid installation
 * record ({@link Installation}: present, valid, consistent with its directory) and a directory
 * with uncommitted changes (they would be lost). A {@link #dryRun(boolean) dry run} returns the
 * change it would commit and writes nothing.
 *
 * <pre>{@code
 * UninstallResult r = profiles.uninstall(repo).installation("clusters/prod/my-nginx").call();
 * r.removed().name(); // "my-nginx"
 * }</pre>
 */
public final class UninstallCommand extends CommitOptions<UninstallCommand> {
  private final GitOpsRepository repository;
  private Optional<String> directory = Optional.empty();
  private boolean dryRun;

  UninstallCommand(GitOpsRepository repository) {
    this.repository = repository;
  }

  @Override
  UninstallCommand self() {
    return this;
  }

  /** The repository this command changes (a preview checks it is its own). */
  GitOpsRepository repository() {
    return repository;
  }

  /** The installation directory, relative to the repository root (e.g. {@code my-nginx}). */
  public UninstallCommand installation(String directory) {
    if (directory == null) {
      throw new dev.profiles.core.ProfilesConfigurationException("directory must not be null");
    }
    this.directory = Optional.of(directory);
    return this;
  }

  /** Whether this is set to be a dry run (for {@link PreviewCommand}, which puts it back). */
  boolean isDryRun() {
    return dryRun;
  }

  /** Compute and check everything, but write nothing: the result holds the change. */
  public UninstallCommand dryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  /**
   * Removes the installation.
   *
   * @throws InstallRefusedException when no directory was named, it holds no installation
   *     record ({@link Reason#NOT_AN_INSTALLATION}) or it has uncommitted changes (nothing was
   *     written)
   * @throws dev.profiles.core.yaml.InvalidDocumentException when its record is invalid or
   *     inconsistent with the directory, located (nothing was written)
   * @throws ProfilesException when committing fails; the repository is then as it was
   */
  public UninstallResult call() throws ProfilesException {
    return Guard.call("uninstall", this::run);
  }

  private UninstallResult run() throws ProfilesException {
    Installation inst = Installation.at(directory.orElseThrow(() -> new InstallRefusedException(
        Reason.INVALID_OPTIONS, "name the installation directory to uninstall")));
    ProfileInstallation record = inst.readRecord(repository).orElseThrow(() ->
        new InstallRefusedException(Reason.NOT_AN_INSTALLATION, "'" + inst.directory()
            + "' is not an installation (" + inst.recordPath() + " is missing); refusing to"
            + " remove it"));
    InstallCommand.refuseUncommitted(repository, inst.directory(),
        "commit or discard them first, they would be lost");
    Change change = inst.removal(this, "Uninstall " + record.name() + " ("
        + inst.directory() + ")");
    var result = UninstallResult.builder().directory(inst.directory()).installation(record)
        .change(change).dryRun(dryRun);
    if (!dryRun) {
      result.commit(repository.commit(change));
    }
    return result.build();
  }
}
