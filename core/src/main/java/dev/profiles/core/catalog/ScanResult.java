package dev.profiles.core.catalog;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfilesStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What one {@link RepositoryScanner#scan scan} of a profile repository found.
 *
 * <p>A scan is incremental: the caller passes the tags it has already seen, and the result
 * carries entries and skip reasons only for the <em>other</em> tags, plus the names of all tags
 * the repository has now, so the caller can forget entries whose tag was deleted.
 *
 * <pre>{@code
 * ScanResult r = ScanResult.builder()
 *     .addTag("nginx/v0.1.0", "nginx/latest")
 *     .addEntry(CatalogEntry.builder().name("nginx").tag("nginx/v0.1.0")
 *         .url("https://github.com/org/profiles").description("deploys nginx").build())
 *     .addSkipped(new SkippedTag("nginx/latest", "not a semantic version"))
 *     .tagCommits(Map.of("nginx/v0.1.0", "3f786850e387550fdab836ed7e6dc881de23001b"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface ScanResult {
  /** Every tag the repository has at the time of the scan, seen before or not. */
  Set<String> tags();

  /**
   * One entry per new tag that is {@code <name>/<semver>} (or a bare semver for a root
   * profile) and whose {@code profile.yaml} parses. Their {@code catalogSource} is ignored: the
   * catalog sets it to the source's name.
   */
  List<CatalogEntry> entries();

  /** New tags that did not become entries, with the reason. */
  List<SkippedTag> skipped();

  /**
   * The commit each tag read by this scan points at, peeled through annotated tags: 40
   * lower-case hex digits by tag name. It covers the tags the scan read (the new ones that are
   * versions and point at a commit), not the {@code knownTags} it skipped, so it costs the
   * scanner nothing beyond what it reads anyway; a caller keeps the commits of earlier scans
   * with their entries. Empty when the scanner does not report commits.
   */
  @Value.Default
  default Map<String, String> tagCommits() {
    return Map.of();
  }

  @Value.Check
  default void check() {
    List<String> unknown = new ArrayList<>();
    entries().forEach(e -> e.tag().filter(t -> !tags().contains(t)).ifPresent(unknown::add));
    skipped().stream().map(SkippedTag::tag).filter(t -> !tags().contains(t)).forEach(unknown::add);
    tagCommits().keySet().stream().filter(t -> !tags().contains(t)).forEach(unknown::add);
    tagCommits().forEach((tag, commit) -> {
      if (!commit.matches("[0-9a-f]{40}")) {
        throw new ProfilesConfigurationException("the commit of tag '" + tag
            + "' is not 40 lower-case hex digits: '" + commit + "'");
      }
    });
    if (entries().stream().anyMatch(e -> e.tag().isEmpty())) {
      throw new ProfilesConfigurationException(
          "every scanned entry has the tag it was found at");
    }
    if (!unknown.isEmpty()) {
      throw new ProfilesConfigurationException(
          "tags " + unknown + " are not among the scanned tags");
    }
  }

  /** A builder of {@link ScanResult}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ScanResult}: {@code ScanResult.builder()...build()}. */
  final class Builder extends ImmutableScanResult.Builder {
    Builder() {}
  }
}
