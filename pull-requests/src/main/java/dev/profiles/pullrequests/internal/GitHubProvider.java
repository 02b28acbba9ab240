package dev.profiles.pullrequests.internal;

import dev.profiles.core.update.PullRequest;
import dev.profiles.core.update.PullRequestChange;
import dev.profiles.core.update.PullRequestException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * GitHub and GitHub Enterprise Server, REST API v3: {@code GET/POST /repos/{owner}/{repo}/pulls},
 * {@code PATCH /repos/{owner}/{repo}/pulls/{number}}. A closed request with {@code merged_at}
 * was merged.
 */
public final class GitHubProvider extends Provider {
  private final String owner;
  private final String name;

  public GitHubProvider(HostApi api, String repository) {
    super(api, repository);
    int slash = repository.indexOf('/');
    this.owner = repository.substring(0, slash);
    this.name = repository.substring(slash + 1);
  }

  private String pulls() {
    return "/repos/" + enc(owner) + "/" + enc(name) + "/pulls";
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

  @Override
  public PullRequest open(PullRequestChange change) throws PullRequestException {
    String op = opening(change.headBranch());
    ObjectNode body = api.object().put("title", change.title()).put("head", change.headBranch())
        .put("base", change.baseBranch()).put("body", change.body());
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
    JsonNode merged = pr.path("merged_at");
    PullRequest.State s;
    if (merged.isString() || pr.path("merged").asBoolean(false)) {
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
