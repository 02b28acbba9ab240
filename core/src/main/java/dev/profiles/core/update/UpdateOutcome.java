package dev.profiles.core.update;

import java.util.List;
import java.util.Optional;

/**
 * What the planner did for one update branch.
 *
 * @param branch the update branch ({@code profiles/update/<namespace>-<name>} or {@code
 *     profiles/update/all})
 * @param directories the installations the branch updates
 * @param commitId the branch's tip
 * @param committed whether a new commit was made (false: the branch already held it)
 * @param request the pull request, when a provider was given and one exists now
 * @param action what was done with the request
 */
public record UpdateOutcome(String branch, List<String> directories, Optional<String> commitId,
    boolean committed, Optional<PullRequest> request, Action action) {
  /** What was done with the request. */
  public enum Action {
    /** A request was opened. */
    OPENED,
    /** The open request's title and body were updated. */
    UPDATED,
    /** Nothing to do: branch and request were as they should be (or no provider was given). */
    UNCHANGED,
    /** A closed or merged request for this very version exists: respected, nothing pushed. */
    RESPECTED_CLOSED
  }

  public UpdateOutcome {
    directories = List.copyOf(directories);
  }
}
