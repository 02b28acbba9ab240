package dev.profiles.catalog.server.internal;

import dev.profiles.catalog.server.RepositoryStatus;
import dev.profiles.catalog.server.SourceStatus;
import dev.profiles.core.catalog.SkippedTag;
import dev.profiles.core.model.CatalogEntry;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON bodies of the API, field names as in spec §6; absent optional fields are omitted. */
final class JsonBodies {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonBodies() {}

  static byte[] items(List<CatalogEntry> entries) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode items = root.putArray("items");
    entries.forEach(e -> entry(items.addObject(), e));
    return JSON.writeValueAsBytes(root);
  }

  static byte[] item(CatalogEntry entry) {
    ObjectNode root = JSON.createObjectNode();
    entry(root.putObject("item"), entry);
    return JSON.writeValueAsBytes(root);
  }

  static byte[] error(int code, String message) {
    ObjectNode root = JSON.createObjectNode();
    root.put("code", code);
    root.put("message", message);
    return JSON.writeValueAsBytes(root);
  }

  private static void entry(ObjectNode o, CatalogEntry e) {
    put(o, "tag", e.tag());
    put(o, "catalogSource", e.catalogSource());
    put(o, "url", e.url());
    o.put("name", e.name());
    put(o, "description", e.description());
    put(o, "maintainer", e.maintainer());
    ArrayNode prerequisites = o.putArray("prerequisites");
    e.prerequisites().forEach(prerequisites::add);
    // Only when set: clients before the field see the entries exactly as before.
    if (e.withdrawn()) {
      o.put("withdrawn", true);
    }
  }

  private static void put(ObjectNode o, String field, Optional<String> value) {
    value.ifPresent(v -> o.put(field, v));
  }

  static byte[] status(CatalogLoader.Snapshot snapshot) {
    ObjectNode root = JSON.createObjectNode();
    root.put("refreshedAt", snapshot.refreshedAt().toString());
    root.put("entries", snapshot.index().size());
    root.put("healthy", snapshot.sources().stream().allMatch(SourceStatus::healthy));
    ArrayNode sources = root.putArray("sources");
    for (SourceStatus s : snapshot.sources()) {
      ObjectNode o = sources.addObject();
      o.put("file", s.file());
      put(o, "name", s.name());
      o.put("entries", s.entries());
      o.put("healthy", s.healthy());
      ArrayNode problems = o.putArray("problems");
      s.problems().forEach(problems::add);
      ArrayNode repos = o.putArray("repositories");
      for (RepositoryStatus r : s.repositories()) {
        ObjectNode ro = repos.addObject();
        ro.put("url", r.url());
        ro.put("entries", r.entries());
        put(ro, "error", r.error());
        put(ro, "lastScannedCommit", r.lastScannedCommit());
        ArrayNode skipped = ro.putArray("skipped");
        for (SkippedTag t : r.skipped()) {
          skipped.addObject().put("tag", t.tag()).put("reason", t.reason());
        }
      }
    }
    return JSON.writeValueAsBytes(root);
  }
}
