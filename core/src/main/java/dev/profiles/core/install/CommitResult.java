package dev.profiles.core.install;

import dev.profiles.core.model.ProfilesStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link GitOpsRepository#commit} made: the commit and where it lives.
 *
 * <pre>{@code
 * CommitResult c = repo.commit(change);
 * System.out.println(c.commitId() + " on " + c.branch());
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface CommitResult {
  /** The new commit's id, 40 hex digits. */
  String commitId();

  /** The branch the commit is on (short name). */
  String branch();

  /** The remote the branch was pushed to, when pushed. */
  Optional<String> pushedTo();

  /**
   * Whether nothing new was committed because the branch already held exactly this change
   * ({@link Change#replaceBranch()}); {@link #commitId()} is then the branch's existing tip.
   */
  @Value.Default
  default boolean unchanged() {
    return false;
  }

  /** A builder of {@link CommitResult}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CommitResult}: {@code CommitResult.builder()...build()}. */
  final class Builder extends ImmutableCommitResult.Builder {
    Builder() {}
  }
}
