package dev.profiles.pullrequests.internal;

import dev.profiles.core.update.PullRequest;
import dev.profiles.core.update.PullRequestException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Gitea and Forgejo (Codeberg), API v1: {@code GET/POST /api/v1/repos/{owner}/{repo}/pulls},
 * {@code PATCH .../pulls/{index}}. The list cannot filter by head branch, so {@link #find}
 * reads the most recently updated requests page by page, at most {@link #MAX_PAGES} pages of
 * {@link #PAGE_SIZE}.
 */
public final class GiteaProvider extends RepositoryPullsProvider {
  /** Requests per page (Gitea's default maximum is 50). */
  public static final int PAGE_SIZE = 30;
  /** Pages read at most by {@link #find}: the 300 most recently updated requests. */
  public static final int MAX_PAGES = 10;
  private static final Logger LOG = LoggerFactory.getLogger(GiteaProvider.class);

  public GiteaProvider(HostApi api, String repository) {
    super(api, repository, "/api/v1");
  }

  @Override
  public Optional<PullRequest> find(String headBranch) throws PullRequestException {
    String op = finding(headBranch);
    for (int page = 1; page <= MAX_PAGES; page++) {
      JsonNode list = array(api.call("GET", pulls() + "?state=all&sort=recentupdate&page="
          + page + "&limit=" + PAGE_SIZE, null, op), op, null);
      JsonNode best = null;
      long bestNumber = -1;
      for (JsonNode pr : list.values()) {
        if (headBranch.equals(text(pr, op, "head", "ref"))) {
          long n = pr.path("number").asLong(-1);
          if (n > bestNumber) {
            best = pr;
            bestNumber = n;
          }
        }
      }
      if (best != null) {
        return Optional.of(read(best, op));
      }
      if (list.size() < PAGE_SIZE) {
        return Optional.empty();
      }
    }
    LOG.warn("{}: no pull request of branch '{}' among the {} most recently updated of {};"
        + " treating it as having none", api.label(), headBranch, MAX_PAGES * PAGE_SIZE,
        repository);
    return Optional.empty();
  }
}
