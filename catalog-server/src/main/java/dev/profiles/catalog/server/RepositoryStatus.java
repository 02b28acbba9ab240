package dev.profiles.catalog.server;

import dev.profiles.core.catalog.SkippedTag;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the last scan of one repository of a catalog source went.
 *
 * <pre>{@code
 * server.status().get(0).repositories().get(0).error(); // Optional[unreachable: ...]
 * }</pre>
 *
 * @param url the repository URL, without credentials
 * @param entries how many entries the catalog serves from it
 * @param skipped tags that did not become entries, and why
 * @param error why the last scan failed, when it did; the entries of the scan before are kept
 * @param lastScannedCommit the commit (40 hex digits) of the newest version the catalog serves
 *     from this repository: of its entries, the one with the highest version by semver
 *     precedence (the greatest tag name among equal versions), peeled through annotated tags;
 *     empty when it serves no entry or the scanner does not report commits
 */
public record RepositoryStatus(String url, int entries, List<SkippedTag> skipped,
    Optional<String> error, Optional<String> lastScannedCommit) {
  public RepositoryStatus {
    Objects.requireNonNull(url, "url");
    skipped = List.copyOf(skipped);
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(lastScannedCommit, "lastScannedCommit");
  }

  /** A status without a commit, as before commits were reported. */
  public RepositoryStatus(String url, int entries, List<SkippedTag> skipped,
      Optional<String> error) {
    this(url, entries, skipped, error, Optional.empty());
  }
}
