package dev.profiles.core.install;

import dev.profiles.core.model.ModelViolation;
import dev.profiles.core.model.InvalidModelException;
import dev.profiles.core.model.ProfilesStyle;
import dev.profiles.core.rules.ContainedPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One change to a GitOps repository, committed at once by {@link GitOpsRepository#commit}:
 * directories to remove (an installation being replaced), files to write, and how to commit.
 *
 * <p>What the change is about is typed, never encoded in the message: {@link #installation()}
 * names the installation directory it writes and {@link #baseline()} its pristine render. How
 * a store keeps them (the git module: commit trailers {@code Profiles-Installation:} and
 * {@code Profiles-Baseline:}) is the store's business; {@link #message()} is the user's text.
 * Changes to installations are built by {@link Installation}; a dry run returns the change
 * that would have been committed.
 *
 * <pre>{@code
 * Change change = Change.builder()
 *     .files(rendered)
 *     .message("Install profile nginx (nginx/v0.1.0) as my-nginx")
 *     .author(Signature.of("Platform Bot", "bot@example.com"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface Change {
  /** Directories (relative to the repository root) removed before the files are written. */
  List<String> removals();

  /** The files to write, by repository-relative path. */
  RenderedFiles files();

  /** The commit message as the user reads it (no trailers: the store adds its own). */
  String message();

  /**
   * The installation directory (repository-relative) this change installs, upgrades, refreshes
   * or removes; empty for other changes (bootstrap). {@link GitOpsRepository#baseline} finds the
   * baseline of the latest such change.
   */
  Optional<String> installation();

  /** The commit author; the repository's configured user when absent. */
  Optional<Signature> author();

  /** The committer; the author when absent. */
  Optional<Signature> committer();

  /** A new branch to create from HEAD and commit on, leaving the current branch as it was. */
  Optional<String> branch();

  /**
   * The pristine render of the installation this change writes, before any merge with user
   * edits, by path relative to the {@link #installation()} directory (the renderer's output,
   * no record), recorded beside the commit so a later refresh can three-way merge against it.
   */
  Optional<RenderedFiles> baseline();

  /**
   * Whether an existing {@link #branch()} may be replaced (the update planner's own branches):
   * the new commit is made on {@code HEAD} as always, and the branch is moved to it only if it
   * still points where it did when read; a push then overwrites the remote branch only if that
   * still points where this repository last saw it (force-with-lease). When the branch already
   * holds exactly this change on today's {@code HEAD} (its tip's parent is {@code HEAD} and its
   * tree is the one this change gives), nothing new is committed ({@link
   * CommitResult#unchanged()}). The checked-out branch is never replaced.
   */
  @Value.Default
  default boolean replaceBranch() {
    return false;
  }

  /** Whether to push the resulting branch to the repository's configured remote. */
  @Value.Default
  default boolean push() {
    return false;
  }

  @Value.Check
  default void check() {
    List<ModelViolation> out = new ArrayList<>();
    for (int i = 0; i < removals().size(); i++) {
      String r = removals().get(i);
      int index = i;
      ContainedPaths.problemInRepository(r).ifPresent(p -> out.add(
          new ModelViolation("removals[" + index + "]", p)));
      if (ContainedPaths.problemInRepository(r).isEmpty()
          && ContainedPaths.normalize(r).equals(".")) {
        out.add(new ModelViolation("removals[" + i + "]", "must not remove the repository root"));
      }
    }
    if (message().isBlank()) {
      out.add(new ModelViolation("message", "must not be empty"));
    }
    if (baseline().isPresent() && installation().isEmpty()) {
      out.add(new ModelViolation("baseline", "a baseline belongs to an installation: set"
          + " installation too"));
    }
    installation().ifPresent(dir -> {
      Optional<String> p = ContainedPaths.problemInRepository(dir);
      if (p.isPresent()) {
        out.add(new ModelViolation("installation", p.get()));
      } else if (ContainedPaths.normalize(dir).equals(".")) {
        out.add(new ModelViolation("installation", "an installation is not the repository root"));
      }
    });
    if (replaceBranch() && branch().isEmpty()) {
      out.add(new ModelViolation("replaceBranch", "replacing needs a branch: the checked-out"
          + " branch is never replaced"));
    }
    if (push() && branch().isEmpty()) {
      out.add(new ModelViolation("push", "pushing needs a branch: never push the current one"
          + " implicitly"));
    }
    InvalidModelException.throwIfAny(out);
  }

  /** A builder of {@link Change}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Change}: {@code Change.builder()...build()}. */
  final class Builder extends ImmutableChange.Builder {
    Builder() {}
  }
}
