package dev.profiles.core.install;

import dev.profiles.core.model.ProfilesStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link DirectoryCommand} did: the change it committed (or, in a dry run or when nothing
 * changed, the change it would have committed) and the commit.
 *
 * <pre>{@code
 * DirectoryResult r = Profiles.directory(repo).directory("catalog").files(files).call();
 * if (r.unchanged()) System.out.println("already up to date");
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface DirectoryResult {
  /** The directory written, repository-relative and normalized. */
  String directory();

  /** The change committed, or that would have been. */
  @Value.Auxiliary
  Change change();

  /** Whether this was a dry run: nothing was written. */
  @Value.Default
  default boolean dryRun() {
    return false;
  }

  /** Whether the directory already held exactly these files: nothing was committed. */
  @Value.Default
  default boolean unchanged() {
    return false;
  }

  /** The commit; empty in a dry run or when {@link #unchanged()}. */
  Optional<CommitResult> commit();

  /** A builder of {@link DirectoryResult}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DirectoryResult}: {@code DirectoryResult.builder()...build()}. */
  final class Builder extends ImmutableDirectoryResult.Builder {
    Builder() {}
  }
}
