package dev.profiles.core.update;

import dev.profiles.core.ProfilesException;
import java.util.Optional;

/**
 * Port: opens and updates pull requests on one repository of a git host (GitHub, GitLab,
 * Gitea/Forgejo, Bitbucket Server/Data Center — module {@code profiles-pull-requests}). The
 * update planner uses it to keep exactly one request per update branch: it {@link #find}s the
 * request of a branch, {@link #update}s it when open, respects it when closed, and {@link
 * #open}s one otherwise.
 *
 * <p>Implementations never log or return their credentials; every failure is a {@link
 * PullRequestException} saying what the host answered.
 *
 * <pre>{@code
 * Optional<PullRequest> existing = provider.find("profiles/update/team-nginx");
 * PullRequest pr = existing.filter(p -> p.state() == PullRequest.State.OPEN)
 *     .map(p -> provider.update(p, change))
 *     .orElseGet(() -> provider.open(change));
 * }</pre>
 */
public interface PullRequestProvider {
  /**
   * The most recent request (open, closed or merged) whose head is {@code headBranch} on this
   * repository, if any.
   */
  Optional<PullRequest> find(String headBranch) throws ProfilesException;

  /** Opens a request for {@code change}; its head branch has been pushed. */
  PullRequest open(PullRequestChange change) throws ProfilesException;

  /** Sets the title and description of the open request {@code existing} to {@code change}'s. */
  PullRequest update(PullRequest existing, PullRequestChange change) throws ProfilesException;
}
