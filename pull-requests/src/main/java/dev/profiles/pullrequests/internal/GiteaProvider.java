package dev.profiles.pullrequests.internal;

import dev.profiles.core.update.PullRequest;
import dev.profiles.core.update.PullRequestChange;
import dev.profiles.core.update.PullRequestException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gitea and Forgejo (Codeberg), API v1: {@code GET/POST /api/v1/repos/{owner}/{repo}/pulls},
 * {@code PATCH .../pulls/{index}}. The list cannot filter by head branch, so {@link #find}
 * reads the most recently updated requests page by page, at most {@link #MAX_PAGES} pages of
 * {@link #PAGE_SIZE}.
 */
public final class GiteaProvider extends Provider {
  /** Requests per page (Gitea's default maximum is 50). */
  public static final int PAGE_SIZE = 30;
  /** Pages read at most by {@link #find}: the 300 most recently updated requests. */
  public static final int MAX_PAGES = 10;
  private static final Logger LOG = LoggerFactory.getLogger(GiteaProvider.class);

  private final String owner;
  private final String name;

  public GiteaProvider(HostApi api, String repository) {
    super(api, repository);
    int slash = repository.indexOf('/');
    this.owner = repository.substring(0, slash);
    this.name = repository.substring(slash + 1);
  }

  private String pulls() {
    return "/api/v1/repos/" + enc(owner) + "/" + enc(name) + "/pulls";
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

  @Override
  public PullRequest open(PullRequestChange change) throws PullRequestException {
    String op = opening(change.headBranch());
    ObjectNode body = api.object().put("head", change.headBranch())
        .put("base", change.baseBranch()).put("title", change.title())
        .put("body", change.body());
    return read(api.call("POST", pulls(), body, op), op);
  }

  @Override
  public PullRequest update(PullRequest existing, PullRequestChange change)
      throws PullRequestException {
    String op = updating(existing);
    ObjectNode body = api.object().put("title", change.title()).put("body", change.body());
    return read(api.call("PATCH", pulls() + "/" + enc(existing.id()), body, op), op);
  }

  private PullRequest read(JsonNode pr, String op) throws PullRequestException {
    String state = text(pr, op, "state");
    PullRequest.State s;
    if (pr.path("merged").asBoolean(false)) {
      s = PullRequest.State.MERGED;
    } else if (state.equals("open")) {
      s = PullRequest.State.OPEN;
    } else if (state.equals("closed")) {
      s = PullRequest.State.CLOSED;
    } else {
      throw api.malformed(op, "state: expected open or closed, found '" + state + "'");
    }
    return new PullRequest(text(pr, op, "number"), text(pr, op, "html_url"),
        text(pr, op, "head", "ref"), text(pr, op, "base", "ref"), text(pr, op, "title"), s);
  }
}
