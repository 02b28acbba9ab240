package dev.profiles.git.catalog;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.Progress;
import dev.profiles.core.catalog.RepositoryScanException.Reason;
import dev.profiles.core.catalog.RepositoryScanException;
import dev.profiles.core.catalog.RepositoryScanner;
import dev.profiles.core.catalog.ScanResult;
import dev.profiles.core.internal.Loggers;
import dev.profiles.core.model.CatalogRepository;
import dev.profiles.core.resolve.AuthenticationFailedException;
import dev.profiles.core.resolve.CancelledException;
import dev.profiles.core.resolve.RepositoryNotFoundException;
import dev.profiles.core.resolve.ResolveException;
import dev.profiles.core.resolve.TransportFailedException;
import dev.profiles.core.resolve.UntrustedSourceException;
import dev.profiles.core.rules.SafeUrls;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.core.rules.SourceUrls;
import dev.profiles.git.GitCredentials;
import dev.profiles.git.UrlRewrites;
import dev.profiles.git.internal.Operation;
import dev.profiles.git.internal.RepoCache;
import dev.profiles.git.internal.Transports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.RevWalkException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.slf4j.Logger;

/**
 * The catalog's {@link RepositoryScanner} for git repositories: lists a repository's tags and
 * reads {@code <name>/profile.yaml} at every {@code <name>/<semver>} tag (and the root {@code
 * profile.yaml} at every bare {@code <semver>} tag) from <em>one</em> fetch, never a clone per
 * tag.
 *
 * <p>Why it is cheap to call often: each scan is one fetch of {@code refs/tags/*} into a
 * persistent cache of bare repositories (kept like {@code GitProfiles}' cache: safe under
 * crashes and concurrent processes), so the server sends only objects the cache does not have
 * yet and nothing at all when no tag changed; the tags advertised for that fetch are the result's {@link
 * ScanResult#tags() tags}, and only tags not in {@code knownTags} are read and parsed. Files
 * are read straight from the object database; nothing is checked out.
 *
 * <p>A tag that is not a version, or whose {@code profile.yaml} is missing, too large or does not
 * parse, becomes a {@link dev.profiles.core.catalog.SkippedTag} with the reason (for a parse
 * error, the parser's message with file, line and column); it never stops the scan. A tag is a
 * version only as {@code <name>/<semver>} with exactly one {@code /} and a valid profile name
 * (a DNS-1123 label), or as a bare {@code <semver>}: {@code a/b/v1.0.0} and {@code ../v1.0.0}
 * (which a hostile server may advertise) are skipped, and nothing outside the named profile
 * directory is ever read.
 *
 * <p>Source policy ({@link Builder#sourcePolicy}), checked before any transport is opened or
 * anything is cached: https, ssh and scp-like URLs are scanned; plain http and local paths or
 * {@code file://} only when allowed; {@code ext::}, {@code fd::}, {@code git://} and other
 * schemes never. A refused URL fails with {@link Reason#REFUSED}. Entries carry
 * the repository URL without credentials. A tag moved to another commit keeps its old entry as
 * long as the caller passes it in {@code knownTags}: version tags are meant never to move.
 *
 * <p>Credentials are looked up by the repository's {@link CatalogRepository#secretRef()}: register
 * them with {@link Builder#credentials(String, GitCredentials)}. A repository without a
 * secretRef, or whose secret is not registered, is read anonymously. Failures are typed ({@link
 * Reason}) and their messages never contain a password, token or passphrase.
 *
 * <p>The public no-arg constructor exists for {@link java.util.ServiceLoader} (the git module
 * registers this class): it scans public repositories only, with the default cache directory
 * and the default source policy. Building never fails: the cache directory is created at the
 * first scan, which fails with {@link Reason#FAILED} if it cannot be.
 * Instances are thread-safe; {@link #close()} releases SSH clients and open cache files.
 *
 * <p>Operations: {@link Builder#progress} receives the progress of each scan's fetch and may
 * cancel it, {@link Builder#timeout} bounds connecting and every read; interrupting a thread
 * in {@link #scan} stops it promptly with {@link Reason#FAILED} caused by a {@link
 * CancelledException}, the interrupt flag kept set and the cache usable.
 *
 * <pre>{@code
 * try (GitRepositoryScanner scanner = GitRepositoryScanner.builder()
 *     .cacheDirectory(Path.of("/var/cache/profiles"))
 *     .credentials("git-credentials", GitCredentials.token(System.getenv("GIT_TOKEN")))
 *     .build()) {
 *   CatalogRepository repo = CatalogRepository.builder()
 *       .url("https://github.com/org/profiles").secretRef("git-credentials").build();
 *   ScanResult first = scanner.scan(repo, Set.of());
 *   ScanResult next = scanner.scan(repo, first.tags()); // reads only tags added since
 * }
 * }</pre>
 */
public final class GitRepositoryScanner implements RepositoryScanner, AutoCloseable {
  private static final Logger LOG = Loggers.get("dev.profiles.git");
  /** Default limit on the size of one {@code profile.yaml}: 1 MiB. */
  public static final long DEFAULT_MAX_PROFILE_YAML_SIZE = 1L << 20;

  private static final String NO_SECRET = "";

  private final Path root;
  /** Created at the first scan, so that building a scanner never fails. */
  private RepoCache cache;
  private Path sshHome;
  private final Map<String, GitCredentials> bySecret;
  private final Map<String, Transports> transports = new HashMap<>();
  private final long maxProfileYamlSize;
  private final SourcePolicy policy;
  private final UrlRewrites rewrites;
  private final Progress progress;
  private final Duration timeout;

  /**
   * A scanner with every default: the default cache directory ({@code
   * $XDG_CACHE_HOME/profiles/catalog-scan} or {@code ~/.cache/profiles/catalog-scan}) and no
   * credentials. This is what {@link java.util.ServiceLoader} creates. The cache directory is
   * created at the first scan; if it cannot be, that scan fails with {@link Reason#FAILED}.
   */
  public GitRepositoryScanner() {
    this(builder());
  }

  private GitRepositoryScanner(Builder b) {
    this.root = b.cacheDirectory.orElseGet(() -> RepoCache.defaultDirectory("catalog-scan"));
    this.bySecret = Map.copyOf(b.bySecret);
    this.maxProfileYamlSize = b.maxProfileYamlSize;
    this.policy = b.policy;
    this.rewrites = b.rewrites;
    this.progress = b.progress;
    this.timeout = b.timeout;
  }

  /** Starts configuring a {@link GitRepositoryScanner}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Fetches the repository's tags (one fetch, only what is new) and reads the tags not in
   * {@code knownTags}.
   *
   * @throws RepositoryScanException when the repository cannot be read at all: {@link
   *     Reason#UNREACHABLE}, {@link Reason#AUTHENTICATION_REQUIRED}, {@link Reason#NOT_FOUND},
   *     {@link Reason#REFUSED} when the source policy refuses the URL (before any transport),
   *     or {@link Reason#FAILED} for anything else (an untrusted SSH host key, a broken cache)
   * @throws ProfilesConfigurationException when an argument is null
   */
  @Override
  public ScanResult scan(CatalogRepository repository, Set<String> knownTags)
      throws RepositoryScanException {
    if (repository == null || knownTags == null) {
      throw new ProfilesConfigurationException("repository and knownTags must not be null");
    }
    String written = repository.url();
    checkPolicy(written);
    // The repository is read where the caller's rewrites send it (an internal mirror, a local
    // clone); entries and messages keep the URL as the source wrote it.
    String url = rewrites.rewrite(written);
    if (!url.equals(written)) {
      try {
        policy.checkRoot(url);
      } catch (UntrustedSourceException e) {
        throw new RepositoryScanException(Reason.REFUSED, "repository '"
            + SafeUrls.redact(written) + "' is rewritten (insteadOf) to a refused URL: "
            + e.getMessage(), e);
      }
    }
    String safe = SafeUrls.redact(written);
    Optional<String> secret = repository.secretRef();
    String key = secret.filter(bySecret::containsKey).orElse(NO_SECRET);
    RepoCache cache;
    try {
      cache = cache();
    } catch (IOException e) {
      throw new RepositoryScanException(Reason.FAILED, "cannot create the scan cache in "
          + root + ": " + e.getClass().getSimpleName(), e);
    }
    Operation op = new Operation(progress, timeout);
    try {
      // On an I/O thread, lease included: an interrupted caller returns at once, and the
      // abandoned fetch releases the entry it holds itself.
      return op.interruptibly("scanning " + safe,
          () -> scanLeased(cache, url, safe, key, secret, knownTags, op));
    } catch (CancelledException e) {
      throw new RepositoryScanException(Reason.FAILED, e.getMessage(), e);
    }
  }

  private ScanResult scanLeased(RepoCache cache, String url, String safe, String key,
      Optional<String> secret, Set<String> knownTags, Operation op)
      throws RepositoryScanException {
    try (RepoCache.Lease lease = cache.open(url)) {
      Map<String, Ref> tags = transportsFor(key).mirror(lease.repository(), url, Constants.R_TAGS,
          op);
      TagReader reader = new TagReader(safe, maxProfileYamlSize);
      try {
        return reader.read(lease.repository(), tags, knownTags);
      } catch (IOException corrupt) {
        // The cached copy cannot be read (a crash we did not foresee, a disk error): refetch.
        LOG.info("the cached copy of {} is unreadable, fetching it afresh: {}", safe,
            corrupt.getMessage());
        lease.purge();
        tags = transportsFor(key).mirror(lease.repository(), url, Constants.R_TAGS, op);
        return reader.read(lease.repository(), tags, knownTags);
      }
    } catch (ResolveException e) {
      throw translate(e, secret);
    } catch (IOException | JGitInternalException | RevWalkException | LargeObjectException e) {
      throw new RepositoryScanException(Reason.FAILED,
          "cannot use the scan cache for " + safe + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // What a hostile repository's objects can make JGit throw: one repository fails, typed.
      throw new RepositoryScanException(Reason.FAILED, "cannot read " + safe + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  private synchronized RepoCache cache() throws IOException {
    if (cache == null) {
      // Protocol v0: one GET lists the refs, the fastest advertisement with JGit's HTTP client.
      RepoCache created = new RepoCache(root, 0);
      sshHome = Files.createDirectories(root.resolve("ssh-home"));
      cache = created;
    }
    return cache;
  }

  /**
   * Refuses, before any cache entry or transport exists, a URL the source policy refuses: a
   * scheme that is never allowed ({@code ext::}, {@code fd::}, unknown ones, option-like
   * hosts), plain http unless allowed, a local path or {@code file://} unless local sources
   * are allowed.
   */
  private void checkPolicy(String url) throws RepositoryScanException {
    SourceUrls.Kind kind;
    try {
      kind = policy.checkRoot(url);
    } catch (UntrustedSourceException e) {
      LOG.info("refused: {}", e.getMessage());
      throw new RepositoryScanException(Reason.REFUSED, e.getMessage(), e);
    }
    if (kind == SourceUrls.Kind.LOCAL && !policy.localSourcesAllowed()) {
      LOG.info("refused: local repository {} (local sources are not allowed)",
          SafeUrls.redact(url));
      throw new RepositoryScanException(Reason.REFUSED, "repository '" + SafeUrls.redact(url)
          + "' is a local source; a catalog scans remote repositories unless local sources"
          + " are allowed explicitly");
    }
  }

  private Transports transportsFor(String secret) throws IOException {
    synchronized (transports) {
      Transports t = transports.get(secret);
      if (t == null) {
        t = new Transports(bySecret.getOrDefault(secret, GitCredentials.none()), Map.of(),
            sshHome, Optional.empty(), cache().settingsRepository());
        transports.put(secret, t);
      }
      return t;
    }
  }

  /** Turns a transport failure (already free of credentials) into the catalog's typed one. */
  private RepositoryScanException translate(ResolveException e, Optional<String> secret) {
    if (e instanceof UntrustedSourceException) {
      return new RepositoryScanException(Reason.REFUSED, e.getMessage(), e);
    }
    if (e instanceof RepositoryNotFoundException) {
      return new RepositoryScanException(Reason.NOT_FOUND, e.getMessage(), e);
    }
    if (e instanceof AuthenticationFailedException) {
      String hint = secret.map(s -> bySecret.containsKey(s)
              ? "; check the credentials of secret '" + s + "'"
              : "; no credentials are configured for secret '" + s + "'")
          .orElse("; the repository needs a secretRef with credentials");
      return new RepositoryScanException(Reason.AUTHENTICATION_REQUIRED, e.getMessage() + hint, e);
    }
    if (e instanceof TransportFailedException) {
      return new RepositoryScanException(Reason.UNREACHABLE, e.getMessage(), e);
    }
    return new RepositoryScanException(Reason.FAILED, e.getMessage(), e);
  }

  /** Releases SSH clients and open cache files; {@link #scan} must not be called afterwards. */
  @Override
  public void close() {
    synchronized (transports) {
      transports.values().forEach(Transports::close);
      transports.clear();
    }
    synchronized (this) {
      if (cache != null) {
        cache.close();
      }
    }
  }

  /** Configures a {@link GitRepositoryScanner}; every setting has a sensible default. */
  public static final class Builder {
    private Optional<Path> cacheDirectory = Optional.empty();
    private final Map<String, GitCredentials> bySecret = new HashMap<>();
    private long maxProfileYamlSize = DEFAULT_MAX_PROFILE_YAML_SIZE;
    private SourcePolicy policy = SourcePolicy.defaults();
    private UrlRewrites rewrites = UrlRewrites.none();
    private Progress progress = Progress.none();
    private Duration timeout = Operation.DEFAULT_TIMEOUT;

    private Builder() {}

    /** Where scans report the progress of their fetches, and may cancel them. */
    public Builder progress(Progress progress) {
      if (progress == null) {
        throw new ProfilesConfigurationException("progress must not be null");
      }
      this.progress = progress;
      return this;
    }

    /**
     * How long connecting to a repository, and each read from it, may take; default 60
     * seconds, rounded up to whole seconds.
     *
     * @throws ProfilesConfigurationException when null, zero or negative
     */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        throw new ProfilesConfigurationException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * git's {@code url.<base>.insteadOf} rules: a repository whose URL starts with a rule's
     * prefix is fetched from the base instead, as with {@link
     * dev.profiles.git.GitProfiles.Builder#urlRewrites}. The policy judges the URL as written;
     * the rewritten URL must only use an allowed scheme (a rewrite to a local clone is the
     * caller's own configuration, so it is trusted). Entries keep the URL as written.
     *
     * <pre>{@code
     * GitRepositoryScanner.builder().urlRewrites(UrlRewrites.none()
     *     .withInsteadOf("https://git.internal/mirror/", "https://github.com/"));
     * }</pre>
     */
    public Builder urlRewrites(UrlRewrites rewrites) {
      if (rewrites == null) {
        throw new ProfilesConfigurationException("urlRewrites must not be null");
      }
      this.rewrites = this.rewrites.with(rewrites);
      return this;
    }

    /** One {@code insteadOf} rule; see {@link #urlRewrites}. */
    public Builder insteadOf(String base, String prefix) {
      return urlRewrites(UrlRewrites.none().withInsteadOf(base, prefix));
    }

    /**
     * Which repository URLs may be scanned; default {@link SourcePolicy#defaults()}: https,
     * ssh and scp-like. Plain {@code http://} needs {@code allowHttp(true)}, local paths and
     * {@code file://} need {@code allowLocalSources(true)}; {@code ext::}, {@code fd::} and
     * unknown schemes are always refused. A refused URL fails the scan with {@link
     * Reason#REFUSED} before any transport is opened or anything is cached.
     *
     * <pre>{@code
     * GitRepositoryScanner.builder().sourcePolicy(SourcePolicy.defaults().allowHttp(true));
     * }</pre>
     */
    public Builder sourcePolicy(SourcePolicy policy) {
      if (policy == null) {
        throw new ProfilesConfigurationException("sourcePolicy must not be null");
      }
      this.policy = policy;
      return this;
    }

    /** Scans plain {@code http://} repositories too; see {@link #sourcePolicy}. */
    public Builder allowHttp(boolean allow) {
      this.policy = policy.allowHttp(allow);
      return this;
    }

    /** Scans local paths and {@code file://} repositories too; see {@link #sourcePolicy}. */
    public Builder allowLocalSources(boolean allow) {
      this.policy = policy.allowLocalSources(allow);
      return this;
    }

    /**
     * The cache directory (created if missing), shared safely by concurrent processes; default
     * {@code $XDG_CACHE_HOME/profiles/catalog-scan} or {@code ~/.cache/profiles/catalog-scan}.
     */
    public Builder cacheDirectory(Path directory) {
      if (directory == null) {
        throw new ProfilesConfigurationException("cacheDirectory must not be null");
      }
      this.cacheDirectory = Optional.of(directory);
      return this;
    }

    /**
     * Credentials for the repositories whose {@code secretRef} is {@code secretName} (in a
     * cluster, read from that Secret by the caller).
     */
    public Builder credentials(String secretName, GitCredentials credentials) {
      if (secretName == null || secretName.isEmpty() || credentials == null) {
        throw new ProfilesConfigurationException("a secret name is not empty and credentials"
            + " are not null");
      }
      bySecret.put(secretName, credentials);
      return this;
    }

    /** The largest {@code profile.yaml} read; a larger one skips its tag. */
    public Builder maxProfileYamlSize(long bytes) {
      if (bytes <= 0 || bytes > Integer.MAX_VALUE - 8) {
        throw new ProfilesConfigurationException("maxProfileYamlSize must be positive and fit"
            + " in memory: " + bytes);
      }
      this.maxProfileYamlSize = bytes;
      return this;
    }

    /** Creates the scanner; its cache directory is created at the first scan. */
    public GitRepositoryScanner build() {
      return new GitRepositoryScanner(this);
    }
  }
}
