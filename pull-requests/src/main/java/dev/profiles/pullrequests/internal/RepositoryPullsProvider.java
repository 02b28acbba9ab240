package dev.profiles.pullrequests.internal;

import dev.profiles.core.update.PullRequest;
import dev.profiles.core.update.PullRequestChange;
import dev.profiles.core.update.PullRequestException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code /repos/{owner}/{repo}/pulls} API that GitHub defined and Gitea (Forgejo) copied:
 * the same request bodies and the same answer fields; the two differ in where the API lives and
 * in how a branch's request is found.
 */
abstract class RepositoryPullsProvider extends Provider {
  final String owner;
  final String name;
  private final String apiPrefix;

  /** {@code repository} is {@code OWNER/NAME}; {@code apiPrefix} is the API's path on the host. */
  RepositoryPullsProvider(HostApi api, String repository, String apiPrefix) {
    super(api, repository);
    int slash = repository.indexOf('/');
    this.owner = repository.substring(0, slash);
    this.name = repository.substring(slash + 1);
    this.apiPrefix = apiPrefix;
  }

  final String pulls() {
    return apiPrefix + "/repos/" + enc(owner) + "/" + enc(name) + "/pulls";
  }

  @Override
  public final PullRequest open(PullRequestChange change) throws PullRequestException {
    String op = opening(change.headBranch());
    ObjectNode body = api.object().put("title", change.title()).put("head", change.headBranch())
        .put("base", change.baseBranch()).put("body", change.body());
    return read(api.call("POST", pulls(), body, op), op);
  }

  @Override
  public final PullRequest update(PullRequest existing, PullRequestChange change)
      throws PullRequestException {
    String op = updating(existing);
    ObjectNode body = api.object().put("title", change.title()).put("body", change.body());
    return read(api.call("PATCH", pulls() + "/" + enc(existing.id()), body, op), op);
  }

  /** A request of the answer; closed with {@code merged_at} set (or {@code merged}) is merged. */
  final PullRequest read(JsonNode pr, String op) throws PullRequestException {
    String state = text(pr, op, "state");
    PullRequest.State s;
    if (pr.path("merged_at").isString() || pr.path("merged").asBoolean(false)) {
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
