package dev.profiles.catalog.server;

import dev.profiles.core.catalog.RepositoryScanException;
import dev.profiles.core.catalog.RepositoryScanner;
import dev.profiles.core.catalog.ScanResult;
import dev.profiles.core.catalog.SkippedTag;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.CatalogRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test double of the scanner seam: repositories are maps from tag to entry (or to a skip
 * reason), or fail with a given exception. It records the known tags of every call.
 */
final class InMemoryScanner implements RepositoryScanner {
  final Map<String, Map<String, Object>> repos = new ConcurrentHashMap<>();
  final Map<String, RepositoryScanException> failures = new ConcurrentHashMap<>();
  final List<Set<String>> knownTagsSeen = new ArrayList<>();
  /** By URL, the commit a scan reports for a tag it reads (none for the others). */
  final Map<String, Map<String, String>> commits = new ConcurrentHashMap<>();

  void tag(String url, String tag, String description, String commit) {
    tag(url, tag, description);
    commits.computeIfAbsent(url, u -> new ConcurrentHashMap<>()).put(tag, commit);
  }

  void tag(String url, String tag, String description) {
    String name = tag.substring(0, tag.indexOf('/'));
    repos.computeIfAbsent(url, u -> new ConcurrentHashMap<>()).put(tag,
        CatalogEntry.builder().name(name).tag(tag).description(description).build());
  }

  void badTag(String url, String tag, String reason) {
    repos.computeIfAbsent(url, u -> new ConcurrentHashMap<>()).put(tag, reason);
  }

  @Override
  public synchronized ScanResult scan(CatalogRepository repository, Set<String> knownTags)
      throws RepositoryScanException {
    knownTagsSeen.add(knownTags);
    RepositoryScanException failure = failures.get(repository.url());
    if (failure != null) {
      throw failure;
    }
    Map<String, Object> tags = repos.getOrDefault(repository.url(), Map.of());
    var result = ScanResult.builder().addAllTags(tags.keySet());
    tags.forEach((tag, value) -> {
      if (knownTags.contains(tag)) {
        return;
      }
      String commit = commits.getOrDefault(repository.url(), Map.of()).get(tag);
      if (commit != null) {
        result.putTagCommit(tag, commit);
      }
      if (value instanceof CatalogEntry e) {
        result.addEntry(e);
      } else {
        result.addSkipped(new SkippedTag(tag, (String) value));
      }
    });
    return result.build();
  }
}
