package dev.profiles.git.catalog;

import dev.profiles.core.catalog.RepositoryScanException;
import dev.profiles.core.catalog.RepositoryScanException.Reason;
import dev.profiles.core.catalog.RepositoryScanner;
import dev.profiles.core.catalog.ScanResult;
import dev.profiles.core.model.CatalogRepository;
import dev.profiles.core.resolve.AuthenticationFailedException;
import dev.profiles.core.resolve.RepositoryNotFoundException;
import dev.profiles.core.resolve.ResolveException;
import dev.profiles.core.resolve.TransportFailedException;
import dev.profiles.core.rules.SafeUrls;
import dev.profiles.git.GitCredentials;
import dev.profiles.git.internal.RepoCache;
import dev.profiles.git.internal.Transports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.RevWalkException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;

/**
 * The catalog's {@link RepositoryScanner} for git repositories: lists a repository's tags and
 * reads {@code <name>/profile.yaml} at every {@code <name>/<semver>} tag (and the root {@code
 * profile.yaml} at every bare {@code <semver>} tag) from <em>one</em> fetch, never a clone per
 * tag.
 *
 * <p>Why it is cheap to call often: each scan is one fetch of {@code refs/tags/*} into a
 * persistent cache of bare repositories (kept like {@code GitProfiles}' cache: safe
 * under crashes and concurrent processes), so the server sends only objects the cache does not have yet and nothing at
 * all when no tag changed; the tags advertised for that fetch are the result's {@link
 * ScanResult#tags() tags}, and only tags not in {@code knownTags} are read and parsed. Files
 * are read straight from the object database; nothing is checked out.
 *
 * <p>A tag that is not a version, or whose {@code profile.yaml} is missing, too large or does not
 * parse, becomes a {@link dev.profiles.core.catalog.SkippedTag} with the reason (for a parse
 * error, the parser's message with file, line and column); it never stops the scan. Entries carry
 * the repository URL without credentials. A tag moved to another commit keeps its old entry as
 * long as the caller passes it in {@code knownTags}: version tags are meant never to move.
 *
 * <p>Credentials are looked up by the repository's {@link CatalogRepository#secretRef()}: register
 * them with {@link Builder#credentials(String, GitCredentials)}. A repository without a
 * secretRef, or whose secret is not registered, is read anonymously. Failures are typed ({@link
 * Reason}) and their messages never contain a password, token or passphrase.
 *
 * <p>The public no-arg constructor exists for {@link java.util.ServiceLoader} (the git module
 * registers this class): it scans public repositories only, with the default cache directory.
 * Instances are thread-safe; {@link #close()} releases SSH clients and open cache files.
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
  /** Default limit on the size of one {@code profile.yaml}: 1 MiB. */
  public static final long DEFAULT_MAX_PROFILE_YAML_SIZE = 1L << 20;

  private static final String NO_SECRET = "";

  private final RepoCache cache;
  private final Path sshHome;
  private final Map<String, GitCredentials> bySecret;
  private final Map<String, Transports> transports = new ConcurrentHashMap<>();
  private final long maxProfileYamlSize;

  /**
   * A scanner with every default: the default cache directory ({@code
   * $XDG_CACHE_HOME/profiles/catalog-scan} or {@code ~/.cache/profiles/catalog-scan}) and no
   * credentials. This is what {@link java.util.ServiceLoader} creates.
   *
   * @throws UncheckedIOException when the cache directory cannot be created
   */
  public GitRepositoryScanner() {
    this(builder());
  }

  private GitRepositoryScanner(Builder b) {
    Path root = b.cacheDirectory.orElseGet(() -> RepoCache.defaultDirectory("catalog-scan"));
    try {
      // Protocol v0: one GET lists the refs, the fastest advertisement with JGit's HTTP client.
      this.cache = new RepoCache(root, 0);
      this.sshHome = Files.createDirectories(root.resolve("ssh-home"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the scanner's cache directory", e);
    }
    this.bySecret = Map.copyOf(b.bySecret);
    this.maxProfileYamlSize = b.maxProfileYamlSize;
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
   *     or {@link Reason#FAILED} for anything else (an untrusted SSH host key, a broken cache)
   */
  @Override
  public ScanResult scan(CatalogRepository repository, Set<String> knownTags)
      throws RepositoryScanException {
    Objects.requireNonNull(knownTags, "knownTags");
    String url = repository.url();
    String safe = SafeUrls.redact(url);
    Optional<String> secret = repository.secretRef();
    String key = secret.filter(bySecret::containsKey).orElse(NO_SECRET);
    try (RepoCache.Lease lease = cache.open(url)) {
      Map<String, Ref> tags = transportsFor(key).mirror(lease.repository(), url, Constants.R_TAGS);
      TagReader reader = new TagReader(safe, maxProfileYamlSize);
      try {
        return reader.read(lease.repository(), tags, knownTags);
      } catch (IOException corrupt) {
        // The cached copy cannot be read (a crash we did not foresee, a disk error): refetch.
        lease.purge();
        tags = transportsFor(key).mirror(lease.repository(), url, Constants.R_TAGS);
        return reader.read(lease.repository(), tags, knownTags);
      }
    } catch (ResolveException e) {
      throw translate(e, secret);
    } catch (IOException | JGitInternalException | RevWalkException | LargeObjectException e) {
      throw new RepositoryScanException(Reason.FAILED,
          "cannot use the scan cache for " + safe + ": " + e.getMessage(), e);
    }
  }

  private Transports transportsFor(String secret) {
    return transports.computeIfAbsent(secret, s -> {
      try {
        return new Transports(bySecret.getOrDefault(s, GitCredentials.none()), Map.of(), sshHome,
            Optional.empty(), cache.settingsRepository());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the scanner's cache", e);
      }
    });
  }

  /** Turns a transport failure (already free of credentials) into the catalog's typed one. */
  private RepositoryScanException translate(ResolveException e, Optional<String> secret) {
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
    transports.values().forEach(Transports::close);
    transports.clear();
    cache.close();
  }

  /** Configures a {@link GitRepositoryScanner}; every setting has a sensible default. */
  public static final class Builder {
    private Optional<Path> cacheDirectory = Optional.empty();
    private final Map<String, GitCredentials> bySecret = new HashMap<>();
    private long maxProfileYamlSize = DEFAULT_MAX_PROFILE_YAML_SIZE;

    private Builder() {}

    /**
     * The cache directory (created if missing), shared safely by concurrent processes; default
     * {@code $XDG_CACHE_HOME/profiles/catalog-scan} or {@code ~/.cache/profiles/catalog-scan}.
     */
    public Builder cacheDirectory(Path directory) {
      this.cacheDirectory = Optional.of(directory);
      return this;
    }

    /**
     * Credentials for the repositories whose {@code secretRef} is {@code secretName} (in a
     * cluster, read from that Secret by the caller).
     */
    public Builder credentials(String secretName, GitCredentials credentials) {
      if (secretName.isEmpty()) {
        throw new IllegalArgumentException("a secret name is not empty");
      }
      bySecret.put(secretName, Objects.requireNonNull(credentials, "credentials"));
      return this;
    }

    /** The largest {@code profile.yaml} read; a larger one skips its tag. */
    public Builder maxProfileYamlSize(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("must be positive: " + bytes);
      }
      this.maxProfileYamlSize = bytes;
      return this;
    }

    /**
     * Creates the scanner.
     *
     * @throws UncheckedIOException when the cache directory cannot be created
     */
    public GitRepositoryScanner build() {
      return new GitRepositoryScanner(this);
    }
  }
}
