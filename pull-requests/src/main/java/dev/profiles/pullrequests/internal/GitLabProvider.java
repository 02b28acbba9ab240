package dev.profiles.pullrequests.internal;

import dev.profiles.core.update.PullRequest;
import dev.profiles.core.update.PullRequestChange;
import dev.profiles.core.update.PullRequestException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * GitLab (gitlab.com and self-managed), REST API v4 merge requests: {@code GET/POST
 * /api/v4/projects/{url-encoded path}/merge_requests}, {@code PUT .../merge_requests/{iid}}. A
 * request's id is its project-scoped {@code iid}; {@code locked} (being merged) counts as open.
 */
public final class GitLabProvider extends Provider {
  public GitLabProvider(HostApi api, String repository) {
    super(api, repository);
  }

  private String mergeRequests() {
    return "/api/v4/projects/" + enc(repository) + "/merge_requests";
  }

  @Override
  String noun() {
    return "merge request";
  }

  @Override
  public Optional<PullRequest> find(String headBranch) throws PullRequestException {
    String op = finding(headBranch);
    JsonNode list = array(api.call("GET", mergeRequests() + "?source_branch=" + enc(headBranch)
        + "&state=all&order_by=created_at&sort=desc&per_page=10", null, op), op, null);
    for (JsonNode mr : list.values()) {
      if (headBranch.equals(text(mr, op, "source_branch"))) {
        return Optional.of(read(mr, op));
      }
    }
    return Optional.empty();
  }

  @Override
  public PullRequest open(PullRequestChange change) throws PullRequestException {
    String op = opening(change.headBranch());
    ObjectNode body = api.object().put("source_branch", change.headBranch())
        .put("target_branch", change.baseBranch()).put("title", change.title())
        .put("description", change.body());
    return read(api.call("POST", mergeRequests(), body, op), op);
  }

  @Override
  public PullRequest update(PullRequest existing, PullRequestChange change)
      throws PullRequestException {
    String op = updating(existing);
    ObjectNode body = api.object().put("title", change.title())
        .put("description", change.body());
    return read(api.call("PUT", mergeRequests() + "/" + enc(existing.id()), body, op), op);
  }

  private PullRequest read(JsonNode mr, String op) throws PullRequestException {
    String state = text(mr, op, "state");
    PullRequest.State s = switch (state) {
      case "opened", "locked" -> PullRequest.State.OPEN;
      case "closed" -> PullRequest.State.CLOSED;
      case "merged" -> PullRequest.State.MERGED;
      default -> throw api.malformed(op, "state: expected opened, closed, merged or locked,"
          + " found '" + state + "'");
    };
    return new PullRequest(text(mr, op, "iid"), text(mr, op, "web_url"),
        text(mr, op, "source_branch"), text(mr, op, "target_branch"), text(mr, op, "title"), s);
  }
}
