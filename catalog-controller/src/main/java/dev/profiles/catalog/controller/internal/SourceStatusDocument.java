package dev.profiles.catalog.controller.internal;

import dev.profiles.catalog.server.RepositoryStatus;
import dev.profiles.catalog.server.SourceStatus;
import dev.profiles.catalog.server.internal.CatalogLoader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code .status} the controller writes for one source: conditions {@code Ready}, {@code
 * Scanning} and {@code Error} (metav1.Condition shape), {@code observedGeneration}, {@code
 * entryCount}, per repository its tag count, entry count, last scanned commit (that of its newest
 * served version, see {@link RepositoryStatus#lastScannedCommit()}), last error and last scan
 * time, and the original
 * controller's {@code scannedRepositories} (URL and tags). Built only from what the loader
 * reports, whose URLs and messages never carry credentials.
 */
public final class SourceStatusDocument {
  /** The longest condition message written; the API server allows 32768. */
  static final int MAX_MESSAGE = 4000;
  private static final List<String> TIMES = List.of("lastTransitionTime", "lastScanTime");

  private SourceStatusDocument() {}

  /** Why a source is not ready, as a condition reason, and the message to go with it. */
  record Verdict(boolean ready, String reason, String message) {}

  /**
   * The status document.
   *
   * @param loaded what the last load of the source produced
   * @param invalidSpec whether the resource's spec could not be read (nothing was scanned)
   * @param duplicateOf the namespace/name of another source with the same name that wins
   * @param generation the resource's metadata.generation that was loaded
   * @param scanning whether a scan of a newer generation is under way
   * @param previous the status the resource has now, for the conditions' transition times
   */
  public static Map<String, Object> of(CatalogLoader.Loaded loaded, boolean invalidSpec,
      Optional<String> duplicateOf, long generation, boolean scanning,
      Map<String, Object> previous) {
    Verdict v = verdict(loaded.status(), invalidSpec, duplicateOf);
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("observedGeneration", generation);
    status.put("entryCount", duplicateOf.isPresent() ? 0 : loaded.status().entries());
    List<Object> conditions = new ArrayList<>();
    conditions.add(condition(previous, "Ready", v.ready(),
        v.ready() ? "Scanned" : v.reason(), v.message(), generation, now));
    conditions.add(condition(previous, "Scanning", scanning,
        scanning ? "NewGeneration" : "ScanComplete",
        scanning ? "scanning generation " + generation : "the last scan is complete",
        generation, now));
    conditions.add(condition(previous, "Error", !v.ready(), v.ready() ? "NoErrors" : v.reason(),
        v.ready() ? "no problems" : v.message(), generation, now));
    status.put("conditions", conditions);
    List<Object> repositories = new ArrayList<>();
    List<Object> scanned = new ArrayList<>();
    List<RepositoryStatus> rs = loaded.status().repositories();
    for (int i = 0; i < rs.size(); i++) {
      RepositoryStatus r = rs.get(i);
      CatalogLoader.RepositoryScan scan = loaded.scans().get(i);
      Map<String, Object> repo = new LinkedHashMap<>();
      repo.put("url", r.url());
      repo.put("tagCount", scan.tags().size());
      repo.put("entryCount", r.entries());
      r.lastScannedCommit().ifPresent(c -> repo.put("lastScannedCommit", c));
      r.error().ifPresent(e -> repo.put("lastError", shorten(e)));
      if (!scan.scannedAt().equals(Instant.EPOCH)) {
        repo.put("lastScanTime", scan.scannedAt().truncatedTo(ChronoUnit.SECONDS).toString());
      }
      repositories.add(repo);
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("url", r.url());
      s.put("tags", scan.tags().stream().sorted().toList());
      scanned.add(s);
    }
    status.put("repositories", repositories);
    status.put("scannedRepositories", scanned);
    return status;
  }

  /** The verdict on a source: ready, or the first reason it is not and every problem. */
  static Verdict verdict(SourceStatus s, boolean invalidSpec, Optional<String> duplicateOf) {
    if (duplicateOf.isPresent()) {
      return new Verdict(false, "DuplicateName", "a catalog source named '"
          + s.name().orElse("") + "' is already defined by " + duplicateOf.get()
          + "; this one is ignored");
    }
    List<String> messages = new ArrayList<>(s.problems());
    String reason = invalidSpec ? "InvalidSpec"
        : s.problems().stream().anyMatch(p -> p.startsWith("failed while")) ? "ScanFailed"
        : s.problems().isEmpty() ? null : "InvalidEntries";
    for (RepositoryStatus r : s.repositories()) {
      if (r.error().isEmpty()) {
        continue;
      }
      String e = r.error().get();
      messages.add(r.url() + ": " + e);
      if (reason == null) {
        reason = e.startsWith("refused") ? "SourceRefused"
            : e.contains("(secretRef) does not exist") ? "SecretNotFound"
            : e.startsWith("authentication required") ? "AuthenticationRequired"
            : e.startsWith("unreachable") ? "RepositoryUnreachable"
            : e.startsWith("not found") ? "RepositoryNotFound"
            : e.startsWith("not scanned") ? "NotScanned"
            : "ScanFailed";
      }
    }
    if (reason == null) {
      return new Verdict(true, "Scanned", s.entries() + " entries from "
          + s.repositories().size() + " repositories");
    }
    return new Verdict(false, reason, shorten(String.join("; ", messages)));
  }

  private static Map<String, Object> condition(Map<String, Object> previous, String type,
      boolean status, String reason, String message, long generation, String now) {
    String value = status ? "True" : "False";
    String since = now;
    if (previous.get("conditions") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> c && type.equals(c.get("type")) && value.equals(c.get("status"))
            && c.get("lastTransitionTime") instanceof String t) {
          since = t;
        }
      }
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("status", value);
    c.put("observedGeneration", generation);
    c.put("lastTransitionTime", since);
    c.put("reason", reason);
    c.put("message", message);
    return c;
  }

  private static String shorten(String s) {
    return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "..." : s;
  }

  /**
   * Whether two status documents say the same, times aside: the controller writes only when
   * something but the time changed, so an unchanged rescan writes nothing.
   */
  public static boolean sameExceptTimes(Object a, Object b) {
    return normal(a).equals(normal(b));
  }

  private static Object normal(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, v) -> {
        if (!TIMES.contains(String.valueOf(k))) {
          out.put(String.valueOf(k), normal(v));
        }
      });
      return out;
    }
    if (o instanceof List<?> l) {
      return l.stream().map(SourceStatusDocument::normal).toList();
    }
    if (o instanceof Number n) {
      return n.longValue();
    }
    return o == null ? "" : o;
  }
}
