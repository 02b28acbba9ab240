package dev.profiles.catalog.client.internal;

import dev.profiles.catalog.client.CatalogResponseException;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.InvalidModelException;
import dev.profiles.core.rules.ControlCharacters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the API's JSON bodies strictly enough to give clear errors: every field that is there
 * has the type the API defines. Unknown fields are ignored, so a newer server can add some.
 *
 * <p>The API's bodies nest four levels deep; anything nested deeper than {@value #MAX_DEPTH}
 * levels is refused by the parser itself, before it builds a tree, so no body can exhaust the
 * stack.
 */
public final class EntryJson {
  static final int MAX_DEPTH = 32;
  private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .build()).build();
  private static final int MAX_MESSAGE = 300;

  private EntryJson() {}

  /** The entries of {@code {"items":[...]}}. */
  public static List<CatalogEntry> items(Transport.Response r) throws CatalogResponseException {
    JsonNode items = root(r).get("items");
    if (items == null || !items.isArray()) {
      throw malformed(r, "items: expected an array");
    }
    List<CatalogEntry> out = new ArrayList<>(items.size());
    int i = 0;
    for (JsonNode item : items.values()) {
      out.add(entry(r, item, "items[" + i++ + "]"));
    }
    return List.copyOf(out);
  }

  /** The entry of {@code {"item":{...}}}. */
  public static CatalogEntry item(Transport.Response r) throws CatalogResponseException {
    return entry(r, root(r).get("item"), "item");
  }

  private static JsonNode root(Transport.Response r) throws CatalogResponseException {
    JsonNode root;
    try {
      root = JSON.readTree(r.body());
    } catch (StreamConstraintsException e) {
      throw malformed(r, "nested deeper than " + MAX_DEPTH + " levels, or otherwise beyond"
          + " the parser's limits");
    } catch (JacksonException e) {
      throw new CatalogResponseException("malformed catalog response to " + r.request()
          + ": not JSON (" + shorten(String.valueOf(e.getOriginalMessage())) + ")");
    }
    if (root == null || !root.isObject()) {
      throw malformed(r, "expected a JSON object");
    }
    return root;
  }

  private static CatalogEntry entry(Transport.Response r, JsonNode node, String path)
      throws CatalogResponseException {
    if (node == null || !node.isObject()) {
      throw malformed(r, path + ": expected an object");
    }
    CatalogEntry.Builder b = CatalogEntry.builder();
    b.name(name(r, node, path, "name")
        .orElseThrow(() -> malformed(r, path + ".name: missing")));
    b.tag(name(r, node, path, "tag"));
    b.catalogSource(name(r, node, path, "catalogSource"));
    b.url(name(r, node, path, "url"));
    b.description(string(r, node, path, "description"));
    b.maintainer(string(r, node, path, "maintainer"));
    JsonNode pre = node.get("prerequisites");
    if (pre != null && !pre.isNull()) {
      if (!pre.isArray()) {
        throw malformed(r, path + ".prerequisites: expected an array of strings");
      }
      for (JsonNode p : pre.values()) {
        if (!p.isString()) {
          throw malformed(r, path + ".prerequisites: expected an array of strings");
        }
        b.addPrerequisite(p.stringValue());
      }
    }
    JsonNode withdrawn = node.get("withdrawn");
    if (withdrawn != null && !withdrawn.isNull()) {
      if (!withdrawn.isBoolean()) {
        throw malformed(r, path + ".withdrawn: expected true or false");
      }
      b.withdrawn(withdrawn.booleanValue());
    }
    try {
      return b.build();
    } catch (InvalidModelException e) {
      throw malformed(r, path + ": " + e.getMessage());
    }
  }

  /**
   * A field that ends up in a file name, an object name, a ref or a URL (spec: no control
   * characters there), so a catalog cannot smuggle a newline into a GitOps repository.
   */
  private static Optional<String> name(Transport.Response r, JsonNode node, String path,
      String field) throws CatalogResponseException {
    Optional<String> v = string(r, node, path, field);
    if (v.isPresent()) {
      Optional<String> problem = ControlCharacters.problem(v.get());
      if (problem.isPresent()) {
        throw malformed(r, path + "." + field + ": '" + shorten(v.get()) + "' " + problem.get());
      }
    }
    return v;
  }

  private static Optional<String> string(Transport.Response r, JsonNode node, String path,
      String field) throws CatalogResponseException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isString()) {
      throw malformed(r, path + "." + field + ": expected a string");
    }
    return Optional.of(v.stringValue());
  }

  private static CatalogResponseException malformed(Transport.Response r, String what) {
    return new CatalogResponseException("malformed catalog response to " + r.request() + ": "
        + what);
  }

  /** At most {@value #MAX_MESSAGE} characters, control characters made visible (no log forging). */
  private static String shorten(String s) {
    String cut = s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "..." : s;
    return ControlCharacters.visible(cut);
  }

  /**
   * The message of an error body: {@code message} of the catalog's {@code {"code","message"}}
   * or of a Kubernetes {@code Status}; a placeholder for anything else, whose content is not
   * echoed (it could be a proxy's page reflecting request headers).
   */
  public static String errorMessage(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode m = root == null ? null : root.get("message");
      if (m != null && m.isString()) {
        return shorten(m.stringValue());
      }
    } catch (JacksonException notJson) {
      // fall through
    }
    return "(no error message: the body is not the catalog's JSON error)";
  }
}
