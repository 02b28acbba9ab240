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
import dev.profiles.core.resolve.UntrustedSourceException;
import dev.profiles.core.rules.ControlCharacters;
import dev.profiles.core.rules.KubernetesNames;
import dev.profiles.core.rules.SafeUrls;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.core.rules.SourceUrls;
import dev.profiles.core.version.Version;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.core.yaml.ProfileYaml;
import dev.profiles.core.yaml.YamlLimits;
import java.io.IOException;
import java.io.InputStream;
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
 * status of every file, or ({@link #loadSource}) loads sources one at a time for the catalog
 * controller. {@link #load} is called from one thread at a time; {@link #loadSource} may run
 * concurrently for different sources, each of which owns its per-repository state (for
 * incremental scans).
 *
 * <p>Each source is loaded in isolation: whatever goes wrong while reading, parsing or scanning
 * one of them, even a {@link Throwable} such as a {@link StackOverflowError} from a parser or an
 * {@link OutOfMemoryError} from a scanner, becomes a problem of that source, and the others are
 * loaded as if it were not there. A source file larger than the YAML document limit is refused
 * before it is read into memory.
 */
public final class CatalogLoader {
  private static final org.slf4j.Logger LOG =
      dev.profiles.core.internal.Loggers.get("dev.profiles.catalog.server");

  /** What one refresh produced. */
  public record Snapshot(CatalogIndex index, List<SourceStatus> sources, Instant refreshedAt) {}

  /**
   * What one source contributes: its status, the entries it serves (only when it loaded
   * completely), and per repository what the last scan saw, in the order of {@code
   * status.repositories()}.
   */
  public record Loaded(SourceStatus status, List<CatalogEntry> entries,
      List<RepositoryScan> scans) {
    public Loaded {
      entries = List.copyOf(entries);
      scans = List.copyOf(scans);
    }
  }

  /**
   * One repository after its last scan: its URL without credentials, every tag it had at the
   * last successful scan, and when it was last scanned (successfully or not).
   */
  public record RepositoryScan(String url, Set<String> tags, Instant scannedAt) {
    public RepositoryScan {
      tags = Set.copyOf(tags);
    }
  }

  private record RepoKey(String source, String url, Optional<String> secretRef) {}

  /** What the catalog knows about one repository, kept between scans. */
  private static final class RepoState {
    Set<String> tags = Set.of();
    Instant scannedAt = Instant.EPOCH;
    Map<String, CatalogEntry> entries = new TreeMap<>();
    Map<String, SkippedTag> skipped = new TreeMap<>();
    /** The commit of each tag, from the scan that read it: tags are not read again. */
    Map<String, String> commits = new HashMap<>();
  }

  /**
   * Which entry of a repository is its newest, for {@link RepositoryStatus#lastScannedCommit}:
   * the highest version by semver precedence, then the greatest tag name (two profiles of one
   * repository may have the same version).
   */
  private static final java.util.Comparator<CatalogEntry> NEWEST = java.util.Comparator
      .<CatalogEntry, Version>comparing(e -> e.versionTag().orElseThrow().version(),
          Version::compareTo)
      .thenComparing(e -> e.tag().orElseThrow());

  private static final int MAX_SOURCE_BYTES = YamlLimits.DEFAULT.maxDocumentBytes();

  private final Path directory;
  private final Optional<RepositoryScanner> scanner;
  private final SourcePolicy policy;
  /** Per source (its label: a file name, or namespace/name), the state of its repositories. */
  private final Map<String, Map<RepoKey, RepoState>> repos =
      new java.util.concurrent.ConcurrentHashMap<>();
  private Set<String> reported = Set.of();

  public CatalogLoader(Path directory, Optional<RepositoryScanner> scanner,
      SourcePolicy policy) {
    this.directory = directory;
    this.scanner = scanner;
    this.policy = policy;
  }

  /**
   * A loader of sources given one at a time ({@link #loadSource}), not read from a directory:
   * the catalog controller's, whose sources are Kubernetes resources.
   */
  public CatalogLoader(Optional<RepositoryScanner> scanner, SourcePolicy policy) {
    this(null, scanner, policy);
  }

  /** Reads every source file and scans every repository once. */
  public Snapshot load() {
    if (directory == null) {
      throw new IllegalStateException("this loader has no sources directory");
    }
    List<SourceStatus> statuses = new ArrayList<>();
    List<CatalogEntry> all = new ArrayList<>();
    Map<String, String> fileOfSource = new HashMap<>();
    List<Path> files;
    try {
      files = sourceFiles();
    } catch (IOException e) {
      statuses.add(new SourceStatus(directory.toString(), Optional.empty(), 0,
          List.of("cannot list the sources directory: " + e.getMessage()), List.of()));
      files = List.of();
    }
    for (Path file : files) {
      String fileName = ControlCharacters.visible(file.getFileName().toString());
      ProfileCatalogSource source;
      try {
        source = ProfileYaml.strict().readCatalogSource(fileName, read(file));
      } catch (InvalidDocumentException e) {
        statuses.add(new SourceStatus(fileName, Optional.empty(), 0,
            e.problems().stream().map(Object::toString).toList(), List.of()));
        continue;
      } catch (IOException e) {
        statuses.add(new SourceStatus(fileName, Optional.empty(), 0,
            List.of("cannot read: " + e.getMessage()), List.of()));
        continue;
      } catch (Throwable e) {
        statuses.add(new SourceStatus(fileName, Optional.empty(), 0,
            List.of(crashed("reading the file", fileName, e)), List.of()));
        continue;
      }
      String earlier = fileOfSource.putIfAbsent(source.name(), fileName);
      if (earlier != null) {
        statuses.add(new SourceStatus(fileName, Optional.of(source.name()), 0,
            List.of("catalog source '" + ControlCharacters.visible(source.name())
                + "' is already defined in " + earlier
                + "; this file is ignored"), List.of()));
        continue;
      }
      Loaded loaded = loadSource(fileName, source);
      statuses.add(loaded.status());
      all.addAll(loaded.entries());
    }
    // Forget the repositories of files that are gone (or are now ignored duplicates).
    repos.keySet().retainAll(fileOfSource.values());
    report(statuses);
    return new Snapshot(CatalogIndex.of(all), List.copyOf(statuses), Instant.now());
  }

  /** The file's bytes, refused above the YAML document limit without reading more of it. */
  private static byte[] read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_SOURCE_BYTES + 1);
      if (bytes.length > MAX_SOURCE_BYTES) {
        throw new IOException("the file is larger than the " + MAX_SOURCE_BYTES
            + " bytes a catalog source may have");
      }
      return bytes;
    }
  }

  /**
   * The problem reported for a source whose loading threw something unforeseen: its type, and
   * its message without credentials. Logged with the stack trace, once per refresh.
   */
  private static String crashed(String doing, String file, Throwable e) {
    LOG.error("{}: {} failed with {}", file, doing, e.getClass().getName(), e);
    String message = e.getMessage() == null ? "" : ": " + ControlCharacters.visible(
        SafeUrls.redact(shorten(e.getMessage())));
    return "failed while " + doing + " (" + e.getClass().getSimpleName() + message
        + "); the source serves nothing until this is fixed";
  }

  private static String shorten(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
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

  /**
   * Loads one source: scans its repositories (incrementally, from what the last load of the
   * same {@code label} saw) and checks its entries. Whatever goes wrong, even a {@link
   * Throwable} thrown by the scanner, becomes a problem of this source; only a source that
   * loaded completely contributes entries, never half of one. Sources with different labels may
   * be loaded concurrently; one label is loaded by one thread at a time.
   *
   * @param label the source's name in statuses and messages: its file, or namespace/name
   */
  public Loaded loadSource(String label, ProfileCatalogSource source) {
    Map<RepoKey, RepoState> nextRepos = new HashMap<>();
    List<CatalogEntry> entries = new ArrayList<>();
    List<RepositoryScan> scans = new ArrayList<>();
    try {
      SourceStatus status = loadSource(label, source, entries, nextRepos, scans);
      return new Loaded(status, entries, scans);
    } catch (Throwable e) {
      return new Loaded(new SourceStatus(label, Optional.of(source.name()), 0,
          List.of(crashed("loading the source", label, e)), List.of()), List.of(), List.of());
    } finally {
      repos.put(label, nextRepos);
    }
  }

  /** Forgets what the scans of the source {@code label} saw: it was deleted. */
  public void forget(String label) {
    repos.remove(label);
  }

  /** Adds the valid entries of {@code source} to {@code out}; answers its status. */
  private SourceStatus loadSource(String file, ProfileCatalogSource source, List<CatalogEntry> out,
      Map<RepoKey, RepoState> nextRepos, List<RepositoryScan> scans) {
    Map<RepoKey, RepoState> previous = repos.getOrDefault(file, Map.of());
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
      RepoState state = previous.getOrDefault(key, new RepoState());
      nextRepos.put(key, state);
      Optional<String> error = scan(repo, state);
      int repoCount = 0;
      CatalogEntry newest = null;
      for (CatalogEntry found : state.entries.values()) {
        if (add(served(found, name, Optional.of(url)), where, versions, out, problems)) {
          repoCount++;
          newest = newest == null || NEWEST.compare(found, newest) > 0 ? found : newest;
        }
      }
      count += repoCount;
      Optional<String> commit = Optional.ofNullable(newest)
          .map(e -> state.commits.get(e.tag().orElseThrow()));
      repoStatuses.add(new RepositoryStatus(url, repoCount,
          List.copyOf(state.skipped.values()), error, commit));
      scans.add(new RepositoryScan(url, state.tags, state.scannedAt));
    }
    return new SourceStatus(file, Optional.of(name), count, problems, repoStatuses);
  }

  /** The entry as the catalog serves it: its source's name, and no credentials in its URL. */
  private static CatalogEntry served(CatalogEntry e, String source, Optional<String> repoUrl) {
    Optional<String> url = e.url().or(() -> repoUrl).map(SafeUrls::redact);
    return CatalogEntry.builder().from(e).catalogSource(source).url(url).build();
  }

  /** Adds {@code e} to {@code out} when it can be served, else says why in {@code problems}. */
  private boolean add(CatalogEntry e, String where, Map<String, String> versions,
      List<CatalogEntry> out, List<String> problems) {
    Optional<String> problem = admit(e, where, versions);
    problem.ifPresentOrElse(p -> problems.add(where + ": " + p + "; entry ignored"),
        () -> out.add(e));
    return problem.isEmpty();
  }

  /** Why {@code e} cannot be served, or empty after recording its version as taken. */
  private Optional<String> admit(CatalogEntry e, String where,
      Map<String, String> versions) {
    Optional<String> problem = CatalogIndex.problemWith(e);
    if (problem.isPresent()) {
      return problem;
    }
    // A profile's name is its directory and part of every object name it installs.
    problem = KubernetesNames.labelProblem(e.name()).map(p -> "name " + p);
    if (problem.isPresent()) {
      return problem;
    }
    if (e.url().isPresent()) {
      problem = refused(e.url().get());
      if (problem.isPresent()) {
        return problem;
      }
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

  /**
   * Why this catalog does not serve or scan {@code url}, by its source policy: a scheme that is
   * never allowed, plain http unless allowed, a path or {@code file://} URL on this machine
   * unless local sources are allowed (a catalog serves other machines, and an entry pointing at
   * the installer's own disk would copy its files into a GitOps repository).
   */
  private Optional<String> refused(String url) {
    try {
      if (policy.checkRoot(url) == SourceUrls.Kind.LOCAL && !policy.localSourcesAllowed()) {
        return Optional.of("'" + SafeUrls.redact(url) + "' is a local source, which this"
            + " catalog does not serve or scan unless local sources are allowed"
            + " (--allow-local-sources)");
      }
      return Optional.empty();
    } catch (UntrustedSourceException e) {
      String message = e.getMessage();
      return Optional.of(message.startsWith("source: ") ? message.substring(8) : message);
    }
  }

  /** Scans {@code repo} into {@code state}; answers the error, if the scan failed. */
  private Optional<String> scan(CatalogRepository repo, RepoState state) {
    state.scannedAt = Instant.now();
    Optional<String> refused = refused(repo.url());
    if (refused.isPresent()) {
      return Optional.of("refused: " + refused.get());
    }
    if (scanner.isEmpty()) {
      return Optional.of("not scanned: this server has no repository scanner");
    }
    ScanResult result;
    try {
      result = scanner.get().scan(repo, Set.copyOf(state.tags));
    } catch (RepositoryScanException e) {
      return Optional.of(e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": "
          + redactAll(e.getMessage(), repo));
    } catch (Throwable e) {
      // A broken scanner (even a stack overflow or exhausted memory in it) must not take the
      // other repositories and sources down with it.
      LOG.error("repository scanner failed on {}", SafeUrls.redact(repo.url()), e);
      return Optional.of("failed: the scanner crashed (" + e.getClass().getSimpleName() + ")");
    }
    state.tags = Set.copyOf(result.tags());
    state.entries.keySet().retainAll(result.tags());
    state.skipped.keySet().retainAll(result.tags());
    result.entries().forEach(e -> state.entries.put(e.tag().orElseThrow(), e));
    result.skipped().forEach(s -> state.skipped.put(s.tag(), s));
    state.commits.keySet().retainAll(result.tags());
    state.commits.putAll(result.tagCommits());
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
        LOG.warn("{}", line);
      }
    }
    reported = Set.copyOf(now.keySet());
  }
}
