package dev.profiles.pullrequests.internal;

import dev.profiles.core.update.PullRequest;
import dev.profiles.core.update.PullRequestException;
import dev.profiles.core.update.PullRequestProvider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** What the four providers share: the API, the repository, and reading answers strictly. */
abstract class Provider implements PullRequestProvider {
  final HostApi api;
  final String repository;

  Provider(HostApi api, String repository) {
    this.api = api;
    this.repository = repository;
  }

  /** {@code value} as one URL path segment or query value ({@code /} encoded too). */
  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  String finding(String head) {
    return "finding the " + noun() + " of branch '" + head + "' on " + repository;
  }

  String opening(String head) {
    return "opening a " + noun() + " from '" + head + "' on " + repository;
  }

  String updating(PullRequest existing) {
    return "updating " + noun() + " " + existing.id() + " on " + repository;
  }

  String noun() {
    return "pull request";
  }

  /** The string at {@code path} (field names) under {@code node}, or a HOST_ERROR. */
  String text(JsonNode node, String operation, String... path) throws PullRequestException {
    JsonNode n = node;
    for (String p : path) {
      n = n.path(p);
    }
    if (n.isString()) {
      return n.stringValue();
    }
    if (n.isIntegralNumber()) {
      return n.asString();
    }
    throw api.malformed(operation, String.join(".", path) + ": expected a string, found "
        + (n.isMissingNode() ? "nothing" : n.getNodeType().toString().toLowerCase()));
  }

  /** The array answer of a list call, or a HOST_ERROR. */
  JsonNode array(JsonNode node, String operation, String field) throws PullRequestException {
    JsonNode n = field == null ? node : node.path(field);
    if (!n.isArray()) {
      throw api.malformed(operation, (field == null ? "the body" : field)
          + ": expected an array");
    }
    return n;
  }

  @Override
  public String toString() {
    return api.label() + " " + noun() + "s of " + repository + " at " + api.host();
  }
}
