package dev.profiles.core.catalog;

import dev.profiles.core.model.CatalogRepository;
import java.util.Set;

/**
 * Turns the tags of one profile repository into catalog entries: the seam between the catalog
 * server and the git module.
 *
 * <p>For every tag {@code <name>/<semver>} of the repository that is not in {@code knownTags},
 * an implementation reads {@code <name>/profile.yaml} at that tag and, when it parses, returns
 * one entry (tag, url, name, description, maintainer, prerequisites). Tags that are not
 * versions, or whose profile does not parse, are returned as {@link SkippedTag}s. Passing the
 * tags seen last time keeps periodic rescans cheap: an implementation is expected to fetch the
 * repository once per scan and to read only new tags.
 *
 * <p>Implementations decide how to find credentials for {@link CatalogRepository#secretRef()};
 * without them, a private repository fails with {@link
 * RepositoryScanException.Reason#AUTHENTICATION_REQUIRED}. They must be safe to call from one
 * thread at a time for different repositories, must never put credentials in results or
 * messages, and should bound their own time. The catalog server finds one through {@link
 * java.util.ServiceLoader} or takes one at construction.
 *
 * <pre>{@code
 * ScanResult r = scanner.scan(repository, Set.of("nginx/v0.1.0"));
 * r.entries();  // entries for tags other than nginx/v0.1.0
 * r.tags();     // every tag now in the repository
 * }</pre>
 */
@FunctionalInterface
public interface RepositoryScanner {
  /**
   * Scans {@code repository}.
   *
   * @param repository the repository to scan
   * @param knownTags tags already scanned earlier; their entries are not returned again
   * @return entries and skip reasons for the other tags, and every tag the repository has
   * @throws RepositoryScanException when the repository cannot be read at all
   */
  ScanResult scan(CatalogRepository repository, Set<String> knownTags)
      throws RepositoryScanException;
}
