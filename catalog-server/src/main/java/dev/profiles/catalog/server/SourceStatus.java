package dev.profiles.catalog.server;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the last refresh went for one {@code ProfileCatalogSource} file: what it contributed and
 * every problem found in it. A source with problems still serves what is valid in it; a file
 * that does not parse serves nothing. Other sources are never affected.
 *
 * <pre>{@code
 * for (SourceStatus s : server.status()) {
 *   s.problems().forEach(p -> System.err.println(s.file() + ": " + p));
 * }
 * }</pre>
 *
 * @param file the file's name in the sources directory
 * @param name the source's {@code metadata.name}, when the file could be read
 * @param entries how many entries the catalog serves from this source
 * @param problems what is wrong in the file, for people; never contains credentials
 * @param repositories one status per repository the source lists
 */
public record SourceStatus(String file, Optional<String> name, int entries, List<String> problems,
    List<RepositoryStatus> repositories) {
  public SourceStatus {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    problems = List.copyOf(problems);
    repositories = List.copyOf(repositories);
  }

  /** Whether the source has no problems and every repository scanned. */
  public boolean healthy() {
    return problems.isEmpty() && repositories.stream().allMatch(r -> r.error().isEmpty());
  }
}
