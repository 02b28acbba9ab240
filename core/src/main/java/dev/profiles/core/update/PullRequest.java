package dev.profiles.core.update;

import dev.profiles.core.ProfilesConfigurationException;

/**
 * A pull request (GitHub, Gitea/Forgejo, Bitbucket) or merge request (GitLab) as a {@link
 * PullRequestProvider} reports it.
 *
 * <pre>{@code
 * PullRequest pr = new PullRequest("42", "https://git.example.com/platform/gitops/pulls/42",
 *     "profiles/update/team-nginx", "main", "Update nginx to v0.2.0", PullRequest.State.OPEN);
 * }</pre>
 *
 * @param id the host's number for it (GitLab: the project-scoped {@code iid})
 * @param url where a person reads it
 * @param headBranch the branch with the change
 * @param baseBranch the branch it merges into
 * @param title its title
 * @param state open, closed without merging, or merged
 */
public record PullRequest(String id, String url, String headBranch, String baseBranch,
    String title, State state) {
  /** Where a request stands. */
  public enum State {
    OPEN, CLOSED, MERGED
  }

  public PullRequest {
    if (id == null || url == null || headBranch == null || baseBranch == null || title == null
        || state == null) {
      throw new ProfilesConfigurationException("a pull request has an id, url, head and base"
          + " branch, title and state");
    }
  }
}
