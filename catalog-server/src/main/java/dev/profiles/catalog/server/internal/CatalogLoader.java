package dev.profiles.catalog.server.internal;

import dev.profiles.catalog.server.RepositoryStatus;
import dev.profiles.catalog.server.SourceStatus;
import dev.profiles.core.catalog.CatalogIndex;
import dev.profiles.core.catalog.RepositoryScanException;
import dev.profiles.core.catalog.RepositoryScanner;
import dev.profiles.core.catalog.ScanResult;
import dev.profiles.core.catalog.SkippedTag;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.CatalogRepository;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.rules.SafeUrls;
import dev.profiles.core.version.Version;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.core.yaml.ProfileYaml;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the source files of a directory into a {@link Snapshot}: the index to serve and the
 * status of every file. Not thread-safe: the server calls {@link #load} from one thread at a
 * time, which is what makes the per-repository state (for incremental scans) safe.
 */
public final class CatalogLoader {
  private static final System.Logger LOG = System.getLogger("dev.profiles.catalog.server");

  /** What one refresh produced. */
  public record Snapshot(CatalogIndex index, List<SourceStatus> sources, Instant refreshedAt) {}

  private record RepoKey(String source, String url, Optional<String> secretRef) {}

  /** What the catalog knows about one repository, kept between scans. */
  private static final class RepoState {
    Set<String> tags = Set.of();
    Map<String, CatalogEntry> entries = new TreeMap<>();
    Map<String, SkippedTag> skipped = new TreeMap<>();
  }

  private final Path directory;
  private final Optional<RepositoryScanner> scanner;
  private Map<RepoKey, RepoState> repos = new HashMap<>();
  private Set<String> reported = Set.of();

  public CatalogLoader(Path directory, Optional<RepositoryScanner> scanner) {
    this.directory = directory;
    this.scanner = scanner;
  }

  /** Reads every source file and scans every repository once. */
  public Snapshot load() {
    List<SourceStatus> statuses = new ArrayList<>();
    List<CatalogEntry> all = new ArrayList<>();
    Map<String, String> fileOfSource = new HashMap<>();
    Map<RepoKey, RepoState> nextRepos = new HashMap<>();
    List<Path> files;
    try {
      files = sourceFiles();
    } catch (IOException e) {
      statuses.add(new SourceStatus(directory.toString(), Optional.empty(), 0,
          List.of("cannot list the sources directory: " + e.getMessage()), List.of()));
      files = List.of();
    }
    for (Path file : files) {
      String fileName = file.getFileName().toString();
      ProfileCatalogSource source;
      try {
        source = ProfileYaml.strict().readCatalogSource(fileName, Files.readAllBytes(file));
      } catch (InvalidDocumentException e) {
        statuses.add(new SourceStatus(fileName, Optional.empty(), 0,
            e.problems().stream().map(Object::toString).toList(), List.of()));
        continue;
      } catch (IOException e) {
        statuses.add(new SourceStatus(fileName, Optional.empty(), 0,
            List.of("cannot read: " + e.getMessage()), List.of()));
        continue;
      }
      String earlier = fileOfSource.putIfAbsent(source.name(), fileName);
      if (earlier != null) {
        statuses.add(new SourceStatus(fileName, Optional.of(source.name()), 0,
            List.of("catalog source '" + source.name() + "' is already defined in " + earlier
                + "; this file is ignored"), List.of()));
        continue;
      }
      statuses.add(loadSource(fileName, source, all, nextRepos));
    }
    repos = nextRepos;
    report(statuses);
    return new Snapshot(CatalogIndex.of(all), List.copyOf(statuses), Instant.now());
  }

  private List<Path> sourceFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(directory)) {
      for (Path p : dir) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml"))
            && Files.isRegularFile(p)) {
          files.add(p);
        }
      }
    }
    files.sort(null);
    return files;
  }

  /** Adds the valid entries of {@code source} to {@code out}; answers its status. */
  private SourceStatus loadSource(String file, ProfileCatalogSource source, List<CatalogEntry> out,
      Map<RepoKey, RepoState> nextRepos) {
    String name = source.name();
    List<String> problems = new ArrayList<>();
    // One entry per profile and version precedence; the first one listed wins.
    Map<String, String> versions = new HashMap<>();
    int count = 0;
    for (int i = 0; i < source.profiles().size(); i++) {
      CatalogEntry e = source.profiles().get(i);
      String where = "spec.profiles[" + i + "]";
      e.catalogSource().filter(c -> !c.equals(name)).ifPresent(c -> problems.add(where
          + ".catalogSource: '" + c + "' is not this source's name; using '" + name + "'"));
      if (add(served(e, name, Optional.empty()), where, versions, out, problems)) {
        count++;
      }
    }
    List<RepositoryStatus> repoStatuses = new ArrayList<>();
    Set<String> urls = new HashSet<>();
    for (int i = 0; i < source.repositories().size(); i++) {
      CatalogRepository repo = source.repositories().get(i);
      String where = "spec.repositories[" + i + "]";
      String url = SafeUrls.redact(repo.url());
      if (!urls.add(repo.url())) {
        problems.add(where + ": repository " + url + " is listed twice; ignored");
        continue;
      }
      RepoKey key = new RepoKey(name, repo.url(), repo.secretRef());
      RepoState state = repos.getOrDefault(key, new RepoState());
      nextRepos.put(key, state);
      Optional<String> error = scan(repo, state);
      int repoCount = 0;
      for (CatalogEntry found : state.entries.values()) {
        if (add(served(found, name, Optional.of(url)), where, versions, out, problems)) {
          repoCount++;
        }
      }
      count += repoCount;
      repoStatuses.add(new RepositoryStatus(url, repoCount,
          List.copyOf(state.skipped.values()), error));
    }
    return new SourceStatus(file, Optional.of(name), count, problems, repoStatuses);
  }

  /** The entry as the catalog serves it: its source's name, and no credentials in its URL. */
  private static CatalogEntry served(CatalogEntry e, String source, Optional<String> repoUrl) {
    Optional<String> url = e.url().or(() -> repoUrl).map(SafeUrls::redact);
    return CatalogEntry.builder().from(e).catalogSource(source).url(url).build();
  }

  /** Adds {@code e} to {@code out} when it can be served, else says why in {@code problems}. */
  private static boolean add(CatalogEntry e, String where, Map<String, String> versions,
      List<CatalogEntry> out, List<String> problems) {
    Optional<String> problem = admit(e, where, versions);
    problem.ifPresentOrElse(p -> problems.add(where + ": " + p + "; entry ignored"),
        () -> out.add(e));
    return problem.isEmpty();
  }

  /** Why {@code e} cannot be served, or empty after recording its version as taken. */
  private static Optional<String> admit(CatalogEntry e, String where,
      Map<String, String> versions) {
    Optional<String> problem = CatalogIndex.problemWith(e);
    if (problem.isPresent()) {
      return problem;
    }
    Version v = e.versionTag().orElseThrow().version();
    // Precedence ignores build metadata and the v prefix: normalise both away.
    String key = e.name() + "/" + Version.of(v.major(), v.minor(), v.patch())
        + (v.isPreRelease() ? "-" + String.join(".", v.preRelease()) : "");
    String first = versions.putIfAbsent(key, where + " (" + e.tag().orElseThrow() + ")");
    return first == null ? Optional.empty()
        : Optional.of("duplicate entry: " + e.tag().orElseThrow() + " is the same version as "
            + first);
  }

  /** Scans {@code repo} into {@code state}; answers the error, if the scan failed. */
  private Optional<String> scan(CatalogRepository repo, RepoState state) {
    if (scanner.isEmpty()) {
      return Optional.of("not scanned: this server has no repository scanner");
    }
    ScanResult result;
    try {
      result = scanner.get().scan(repo, Set.copyOf(state.tags));
    } catch (RepositoryScanException e) {
      return Optional.of(e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": "
          + redactAll(e.getMessage(), repo));
    } catch (RuntimeException e) {
      // A broken scanner must not take the other sources down with it.
      LOG.log(System.Logger.Level.ERROR, "repository scanner failed on "
          + SafeUrls.redact(repo.url()), e);
      return Optional.of("failed: the scanner crashed (" + e.getClass().getSimpleName() + ")");
    }
    state.tags = Set.copyOf(result.tags());
    state.entries.keySet().retainAll(result.tags());
    state.skipped.keySet().retainAll(result.tags());
    result.entries().forEach(e -> state.entries.put(e.tag().orElseThrow(), e));
    result.skipped().forEach(s -> state.skipped.put(s.tag(), s));
    return Optional.empty();
  }

  private static String redactAll(String message, CatalogRepository repo) {
    String m = String.valueOf(message);
    return m.replace(repo.url(), SafeUrls.redact(repo.url()));
  }

  /** Logs problems once, when they first appear, so a periodic refresh does not flood logs. */
  private void report(List<SourceStatus> statuses) {
    Map<String, String> now = new LinkedHashMap<>();
    for (SourceStatus s : statuses) {
      // Document problems already start with the file's name.
      s.problems().forEach(p -> now.put(p.startsWith(s.file() + ":") ? p : s.file() + ": " + p,
          s.file()));
      for (RepositoryStatus r : s.repositories()) {
        r.error().ifPresent(e -> now.put(s.file() + ": " + r.url() + ": " + e, s.file()));
      }
    }
    for (String line : now.keySet()) {
      if (!reported.contains(line)) {
        LOG.log(System.Logger.Level.WARNING, line);
      }
    }
    reported = Set.copyOf(now.keySet());
  }
}
