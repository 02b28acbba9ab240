package dev.profiles.pullrequests.internal;

import dev.profiles.core.update.PullRequest;
import dev.profiles.core.update.PullRequestChange;
import dev.profiles.core.update.PullRequestException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bitbucket Server and Data Center, REST API 1.0: {@code GET/POST
 * /rest/api/1.0/projects/{key}/repos/{slug}/pull-requests}, {@code PUT .../pull-requests/{id}}
 * with the request's current {@code version} (read first, so a concurrent edit is refused as
 * a conflict rather than overwritten). {@code DECLINED} is closed.
 */
public final class BitbucketServerProvider extends Provider {
  private final String project;
  private final String slug;

  public BitbucketServerProvider(HostApi api, String repository) {
    super(api, repository);
    int slash = repository.indexOf('/');
    this.project = repository.substring(0, slash);
    this.slug = repository.substring(slash + 1);
  }

  private String pullRequests() {
    return "/rest/api/1.0/projects/" + enc(project) + "/repos/" + enc(slug) + "/pull-requests";
  }

  @Override
  public Optional<PullRequest> find(String headBranch) throws PullRequestException {
    String op = finding(headBranch);
    JsonNode page = api.call("GET", pullRequests() + "?at=" + enc("refs/heads/" + headBranch)
        + "&direction=OUTGOING&state=ALL&order=NEWEST&limit=25", null, op);
    for (JsonNode pr : array(page, op, "values").values()) {
      if (("refs/heads/" + headBranch).equals(text(pr, op, "fromRef", "id"))) {
        return Optional.of(read(pr, op));
      }
    }
    return Optional.empty();
  }

  @Override
  public PullRequest open(PullRequestChange change) throws PullRequestException {
    String op = opening(change.headBranch());
    ObjectNode body = api.object().put("title", change.title())
        .put("description", change.body());
    body.set("fromRef", ref(change.headBranch()));
    body.set("toRef", ref(change.baseBranch()));
    return read(api.call("POST", pullRequests(), body, op), op);
  }

  private ObjectNode ref(String branch) {
    ObjectNode ref = api.object().put("id", "refs/heads/" + branch);
    ObjectNode repo = ref.putObject("repository").put("slug", slug);
    repo.putObject("project").put("key", project);
    return ref;
  }

  @Override
  public PullRequest update(PullRequest existing, PullRequestChange change)
      throws PullRequestException {
    String op = updating(existing);
    String path = pullRequests() + "/" + enc(existing.id());
    JsonNode current = api.call("GET", path, null, op);
    JsonNode version = current.path("version");
    if (!version.isIntegralNumber()) {
      throw api.malformed(op, "version: expected a number");
    }
    ObjectNode body = api.object().put("version", version.asLong())
        .put("title", change.title()).put("description", change.body());
    // The PUT replaces the reviewer list: keep the current one.
    ArrayNode reviewers = body.putArray("reviewers");
    for (JsonNode r : current.path("reviewers").values()) {
      JsonNode name = r.path("user").path("name");
      if (name.isString()) {
        reviewers.addObject().putObject("user").put("name", name.stringValue());
      }
    }
    return read(api.call("PUT", path, body, op), op);
  }

  private PullRequest read(JsonNode pr, String op) throws PullRequestException {
    String state = text(pr, op, "state");
    PullRequest.State s = switch (state) {
      case "OPEN" -> PullRequest.State.OPEN;
      case "DECLINED" -> PullRequest.State.CLOSED;
      case "MERGED" -> PullRequest.State.MERGED;
      default -> throw api.malformed(op, "state: expected OPEN, DECLINED or MERGED, found '"
          + state + "'");
    };
    JsonNode self = pr.path("links").path("self").path(0).path("href");
    if (!self.isString()) {
      throw api.malformed(op, "links.self[0].href: expected a string");
    }
    return new PullRequest(text(pr, op, "id"), self.stringValue(),
        branch(text(pr, op, "fromRef", "id")), branch(text(pr, op, "toRef", "id")),
        text(pr, op, "title"), s);
  }

  private static String branch(String ref) {
    return ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
  }
}
