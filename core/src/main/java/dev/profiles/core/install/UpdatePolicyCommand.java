package dev.profiles.core.install;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.InstallRefusedException.Reason;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.UpdatePolicy;
import java.util.List;
import java.util.Optional;

/**
 * Sets or clears the {@link UpdatePolicy} of an existing installation, in one commit that
 * changes only its record ({@code spec.updatePolicy}). The installation's files and baseline
 * are untouched: the commit names no installation, so a later refresh still merges against
 * the baseline of the last install or upgrade.
 *
 * <pre>{@code
 * profiles.updatePolicy(repo).installation("clusters/prod/my-nginx")
 *     .policy(UpdatePolicy.builder().range("^1.2").minimumAge("3d").build()).call();
 * profiles.updatePolicy(repo).installation("clusters/prod/my-nginx").clear().call();
 * }</pre>
 */
public final class UpdatePolicyCommand extends CommitOptions<UpdatePolicyCommand> {
  private final GitOpsRepository repository;
  private Optional<String> directory = Optional.empty();
  private Optional<UpdatePolicy> policy = Optional.empty();
  private boolean set;
  private boolean dryRun;

  UpdatePolicyCommand(GitOpsRepository repository) {
    this.repository = repository;
  }

  @Override
  UpdatePolicyCommand self() {
    return this;
  }

  /** The installation directory, relative to the repository root. */
  public UpdatePolicyCommand installation(String directory) {
    if (directory == null) {
      throw new ProfilesConfigurationException("directory must not be null");
    }
    this.directory = Optional.of(directory);
    return this;
  }

  /** The policy to record. */
  public UpdatePolicyCommand policy(UpdatePolicy policy) {
    if (policy == null) {
      throw new ProfilesConfigurationException("policy must not be null; use clear()");
    }
    this.policy = Optional.of(policy);
    this.set = true;
    return this;
  }

  /** Remove the policy: every newer release may be proposed again. */
  public UpdatePolicyCommand clear() {
    this.policy = Optional.empty();
    this.set = true;
    return this;
  }

  /** Check everything, write nothing. */
  public UpdatePolicyCommand dryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  /**
   * Records the policy.
   *
   * @return the commit; empty when the record already says so or in a dry run
   * @throws InstallRefusedException when no directory or policy was given, it holds no
   *     installation, or its record has uncommitted changes (nothing was written)
   * @throws dev.profiles.core.yaml.InvalidDocumentException when the record is invalid
   *     (a hand-edited policy included), located
   */
  public Optional<CommitResult> call() throws ProfilesException {
    return Guard.call("update policy", this::run);
  }

  private Optional<CommitResult> run() throws ProfilesException {
    Installation inst = Installation.at(directory.orElseThrow(() -> new InstallRefusedException(
        Reason.INVALID_OPTIONS, "name the installation directory")));
    if (!set) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS,
          "give the policy to record, or clear()");
    }
    ProfileInstallation record = inst.readRecord(repository).orElseThrow(() ->
        new InstallRefusedException(Reason.NOT_AN_INSTALLATION, "no installation at '"
            + inst.directory() + "': " + inst.recordPath() + " is missing"));
    InstallCommand.refuseUncommitted(repository, inst.recordPath(),
        "commit or discard your edits of the record first");
    ProfileInstallation updated = ProfileInstallation.builder().from(record)
        .updatePolicy(policy).build();
    byte[] bytes = Installation.writeRecord(updated);
    Optional<byte[]> now = repository.readFile(inst.recordPath());
    if (now.isPresent() && java.util.Arrays.equals(now.get(), bytes)) {
      return Optional.empty();
    }
    Change change = changeBuilder((policy.isPresent() ? "Set the update policy of "
        : "Clear the update policy of ") + inst.directory())
        .files(RenderedFiles.builder().put(inst.recordPath(), bytes).build())
        .removals(List.of(inst.recordPath())).build();
    return dryRun ? Optional.empty() : Optional.of(repository.commit(change));
  }
}
