package dev.profiles.core.install;

import dev.profiles.core.yaml.DocumentWarning;

import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfilesStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What an upgrade (or refresh) did: from which installation to which, the merge conflicts, and
 * the commit when there were none.
 *
 * <pre>{@code
 * UpgradeResult r = profiles.upgrade(repo).installation("my-nginx").toVersion("v0.2.0").call();
 * if (r.conflicts().isEmpty()) System.out.println("committed " + r.commit().get().commitId());
 * else System.out.println("resolve, then commit: " + r.conflicts());
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface UpgradeResult {
  /** The installation directory. */
  String directory();

  /** The installation record before. */
  ProfileInstallation from();

  /** The installation record after. */
  ProfileInstallation to();

  /**
   * Files whose merge conflicted; written with markers and left uncommitted in the working
   * tree for the user to resolve and commit. Empty when the upgrade was committed.
   */
  List<String> conflicts();

  /**
   * With conflicts: the commit message (with trailers) to commit the resolved files with, so
   * later refreshes find this upgrade's baseline.
   */
  Optional<String> commitMessage();

  /** The commit, when the merge was clean, something changed and it was not a dry run. */
  Optional<CommitResult> commit();

  /**
   * The change committed (or written with conflicts), or in a {@link
   * UpgradeCommand#dryRun(boolean) dry run} the one that would be; empty when up to date.
   */
  @Value.Auxiliary
  Optional<Change> change();

  /** Whether this was a dry run: nothing was written. */
  @Value.Default
  default boolean dryRun() {
    return false;
  }

  /**
   * Located deprecation warnings from reading the target version's profile and the profiles it
   * nests, each once (see {@link InstallResult#warnings()}).
   */
  List<DocumentWarning> warnings();

  /** Whether nothing had to change (already at that version, nothing new upstream). */
  default boolean upToDate() {
    return change().isEmpty();
  }

  /** A builder of {@link UpgradeResult}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link UpgradeResult}: {@code UpgradeResult.builder()...build()}. */
  final class Builder extends ImmutableUpgradeResult.Builder {
    Builder() {}
  }
}
