package dev.profiles.core.update;

/**
 * Why the update planner proposes no update for an installation.
 *
 * <pre>{@code
 * plan.skipped().forEach(p -> System.out.println(p.directory() + ": " + p.skipped().get()));
 * }</pre>
 */
public enum SkipReason {
  /** The policy says {@code pinned: true}. */
  PINNED,
  /** No version newer than the installed one exists. */
  NONE_NEWER,
  /** Newer versions exist, but none is as old as the policy's {@code minimumAge}. */
  TOO_YOUNG,
  /** The newer versions that would qualify are withdrawn in the catalog. */
  WITHDRAWN,
  /** Newer versions exist, but none satisfies the policy's range (or is a pre-release). */
  OUT_OF_RANGE,
  /** The installation follows a branch (or a tag that is no version): it has no versions. */
  NOT_VERSIONED
}
