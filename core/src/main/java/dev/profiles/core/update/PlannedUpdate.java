package dev.profiles.core.update;

import dev.profiles.core.install.Change;
import java.util.List;
import java.util.Optional;

/**
 * The planner's decision for one installation: the version it moves to, or why not.
 *
 * <pre>{@code
 * for (PlannedUpdate u : plan.entries()) {
 *   System.out.println(u.directory() + " " + u.from() + " -> " + u.to().orElse("-")
 *       + u.skipped().map(r -> " (" + r + ": " + u.detail() + ")").orElse(""));
 * }
 * }</pre>
 *
 * @param directory the installation directory, repository-relative
 * @param namespace the installation's namespace
 * @param name the installation's name
 * @param from the installed version (or ref, for an installation that has none)
 * @param to the version proposed; empty when skipped
 * @param skipped why nothing is proposed; empty when {@code to} is set
 * @param detail a sentence for people: the candidate and what ruled it out, or why it was chosen
 * @param conflicts files (repository-relative) whose three-way merge conflicted: committed with
 *     conflict markers on the update branch and listed in the request
 * @param change the upgrade as it would be committed (the merged files); empty when skipped or
 *     already up to date
 */
public record PlannedUpdate(String directory, String namespace, String name, String from,
    Optional<String> to, Optional<SkipReason> skipped, String detail, List<String> conflicts,
    Optional<Change> change) {
  public PlannedUpdate {
    conflicts = List.copyOf(conflicts);
  }

  /** Whether an update is proposed. */
  public boolean proposed() {
    return to.isPresent();
  }
}
