package dev.profiles.pullrequests.internal;

import dev.profiles.core.update.PullRequest;
import dev.profiles.core.update.PullRequestException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * GitHub and GitHub Enterprise Server, REST API v3: {@code GET/POST /repos/{owner}/{repo}/pulls},
 * {@code PATCH /repos/{owner}/{repo}/pulls/{number}}. A closed request with {@code merged_at}
 * was merged.
 */
public final class GitHubProvider extends RepositoryPullsProvider {
  public GitHubProvider(HostApi api, String repository) {
    super(api, repository, "");
  }

  @Override
  public Optional<PullRequest> find(String headBranch) throws PullRequestException {
    String op = finding(headBranch);
    JsonNode list = array(api.call("GET", pulls() + "?head=" + enc(owner + ":" + headBranch)
        + "&state=all&sort=created&direction=desc&per_page=10", null, op), op, null);
    for (JsonNode pr : list.values()) {
      // The head filter is the host's; a fork's branch of the same name is not ours.
      if (headBranch.equals(text(pr, op, "head", "ref"))) {
        return Optional.of(read(pr, op));
      }
    }
    return Optional.empty();
  }
}
