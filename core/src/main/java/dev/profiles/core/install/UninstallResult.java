package dev.profiles.core.install;

import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfilesStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What an uninstall did (or, in a dry run, would do): which installation, the change and the
 * commit.
 *
 * <pre>{@code
 * UninstallResult r = profiles.uninstall(repo).installation("my-nginx").dryRun(true).call();
 * r.change().removals(); // [my-nginx]
 * r.commit();            // Optional.empty: a dry run
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface UninstallResult {
  /** The removed installation's directory, relative to the repository root. */
  String directory();

  /** The record of the removed installation. */
  ProfileInstallation installation();

  /** The change committed, or in a dry run the change that would be. */
  @Value.Auxiliary
  Change change();

  /** Whether this was a dry run: nothing was written. */
  @Value.Default
  default boolean dryRun() {
    return false;
  }

  /** The commit; empty in a dry run. */
  Optional<CommitResult> commit();

  /** A builder of {@link UninstallResult}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link UninstallResult}: {@code UninstallResult.builder()...build()}. */
  final class Builder extends ImmutableUninstallResult.Builder {
    Builder() {}
  }
}
