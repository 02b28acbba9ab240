package dev.profiles.git;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.Progress;
import dev.profiles.core.internal.Loggers;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.CancelledException;
import dev.profiles.core.resolve.ProfileResolver;
import dev.profiles.core.resolve.ResolveException;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.git.internal.Limits;
import dev.profiles.git.internal.Operation;
import dev.profiles.git.internal.ParsedProfiles;
import dev.profiles.git.internal.RepoCache;
import dev.profiles.git.internal.Resolution;
import dev.profiles.git.internal.Transports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Entry point for reading profiles from git repositories with JGit: resolve a profile (and the
 * profiles it nests) at a tag or branch, or list a repository's profile versions.
 *
 * <p>Resolving fetches only the one ref asked for, shallow where the server allows, into a
 * persistent cache of bare repositories, and reads the profile's files straight from the object
 * database when asked for; nothing is checked out. Resolving a version that is already cached transfers
 * nothing beyond the server's ref advertisement. The cache may be shared by several processes
 * at once, and an interrupted fetch never leaves it unusable. Like JGit's {@code Git}, it hands
 * out commands whose {@code call()} does the work; it is thread-safe, and {@link #close()}
 * releases the SSH client.
 *
 * <p><b>Source trust policy</b> (see {@code docs/security.md}), checked before any transport
 * is opened, for the root source, every nested profile source and {@link #listVersions}:
 * <ul>
 *   <li>allowed are {@code https://}, {@code ssh://} and scp-like {@code git@host:path}, {@code
 *       file://} and local paths; plain {@code http://} only with {@link
 *       Builder#allowHttp(boolean) allowHttp(true)}; everything else is refused with {@link
 *       dev.profiles.core.resolve.UntrustedSourceException}: git remote helpers ({@code ext::},
 *       {@code fd::}), {@code git://} and every other scheme, hosts, users or ssh paths that
 *       start with {@code -}, control characters, and local files that are not repositories
 *       (bundles). Only JGit's HTTP, SSH and local-repository transports are ever used;
 *   <li>a profile read from a remote repository may not nest a local source ({@code file://}
 *       or a path): only profiles that are local themselves may, unless {@link
 *       Builder#allowLocalSources(boolean) allowLocalSources(true)};
 *   <li>URL rewrites ({@link Builder#insteadOf}, {@link Builder#gitConfig}) are the caller's
 *       configuration and trusted: a remote source rewritten to a local mirror is read from it.
 *       The scheme rules apply to the URL as written and as rewritten; locality is judged by
 *       the URLs as written. Resolved profiles keep the URLs as written.
 * </ul>
 *
 * <p>Bounds: besides the per-file and per-directory limits, one resolved tree may hold at most
 * {@link Builder#maxArtifacts} artifacts, {@link Builder#maxFiles} files and {@link
 * Builder#maxTreeSize} bytes, every nested occurrence of a profile counted again; beyond them
 * resolution fails with {@link dev.profiles.core.resolve.SizeLimitExceededException} before
 * anything is rendered.
 *
 * <p>Errors: {@link Builder#build()} does no I/O and throws nothing but {@link
 * ProfilesConfigurationException} from invalid settings; the cache directory is created at the
 * first {@code call()}, which reports a failure to create it as a {@link ResolveException}.
 * {@code call()} throws only {@link dev.profiles.core.ProfilesException}s.
 *
 * <p>Operations: {@link Builder#progress} (or {@code progress} on a command) receives the
 * progress of fetches in JGit's {@code ProgressMonitor} style and may cancel them; {@link
 * Builder#timeout} bounds connecting and every read of HTTP and SSH transports. Interrupting
 * a thread in {@code call()} cancels it promptly with {@link
 * dev.profiles.core.resolve.CancelledException}, the interrupt flag kept set; the cache stays
 * usable (a fetch abandoned midway ends at its next packet or at the timeout, then releases
 * its cache entry). Logging goes through SLF4J, logger {@code dev.profiles.git}: fetches and
 * cache hits at debug (URLs without credentials), refused sources at info.
 *
 * <pre>{@code
 * try (GitProfiles git = GitProfiles.builder()
 *     .cacheDirectory(Path.of("/var/cache/profiles"))
 *     .credentials(GitCredentials.token(System.getenv("GIT_TOKEN")))
 *     .insteadOf("file:///srv/mirror/", "https://github.com/") // air-gapped: a local mirror
 *     .build()) {
 *   ResolvedProfile nginx =
 *       git.resolve(ProfileSource.ofTag("https://github.com/org/profiles", "nginx/v0.1.0")).call();
 *   byte[] deploy = nginx.directory().read("manifests/deploy.yaml");
 *   RepositoryVersions versions = git.listVersions("https://github.com/org/profiles").call();
 *   versions.latest("nginx"); // Optional[nginx/v0.2.0]
 * }
 * }</pre>
 */
public final class GitProfiles implements AutoCloseable {
  static final Logger LOG = Loggers.get("dev.profiles.git");
  /** Default per-file limit: 16 MiB. */
  public static final long DEFAULT_MAX_FILE_SIZE = 16L << 20;
  /** Default limit for all files of one profile directory: 64 MiB. */
  public static final long DEFAULT_MAX_TOTAL_SIZE = 64L << 20;
  /** Default limit on how deep profiles may nest. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 32;
  /** Default limit on the artifacts of one resolved tree, nested occurrences included: 1024. */
  public static final int DEFAULT_MAX_ARTIFACTS = 1024;
  /** Default limit on the files of one resolved tree's profile directories: 10000. */
  public static final int DEFAULT_MAX_FILES = 10_000;
  /** Default limit on the bytes of one resolved tree's profile directories: 256 MiB. */
  public static final long DEFAULT_MAX_TREE_SIZE = 256L << 20;

  private final Path root;
  private final int protocolVersion;
  private final GitCredentials credentials;
  private final Map<String, GitCredentials> credentialsByHost;
  private final Optional<Path> sshConfig;
  private final ParsedProfiles parsed = new ParsedProfiles();
  private final Limits limits;
  private final int maxNestingDepth;
  private final SourcePolicy policy;
  private final UrlRewrites rewrites;
  private final Progress progress;
  private final Duration timeout;
  private Infra infra;

  private record Infra(RepoCache cache, Transports transports) {}

  private GitProfiles(Builder b) {
    this.root = b.cacheDirectory.orElseGet(() -> RepoCache.defaultDirectory("git"));
    this.protocolVersion = b.protocolV2 ? 2 : 0;
    this.credentials = b.credentials;
    this.credentialsByHost = Map.copyOf(b.credentialsByHost);
    this.sshConfig = b.sshConfig;
    this.limits = new Limits(b.maxFileSize, b.maxTotalSize, b.maxArtifacts, b.maxFiles,
        b.maxTreeSize);
    this.maxNestingDepth = b.maxNestingDepth;
    this.policy = b.policy;
    this.rewrites = b.rewrites;
    this.progress = b.progress;
    this.timeout = b.timeout;
  }

  /** Starts configuring a {@link GitProfiles}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A command that resolves {@code source} and, recursively, the profiles it nests.
   *
   * @throws ProfilesConfigurationException when {@code source} is null
   */
  public ResolveCommand resolve(ProfileSource source) {
    if (source == null) {
      throw new ProfilesConfigurationException("the source to resolve must not be null");
    }
    return new ResolveCommand(source, this);
  }

  /**
   * A command that lists the profile versions {@code url} offers, from its tags.
   *
   * @throws ProfilesConfigurationException when {@code url} is null
   */
  public ListVersionsCommand listVersions(String url) {
    if (url == null) {
      throw new ProfilesConfigurationException("the URL to list versions of must not be null");
    }
    return new ListVersionsCommand(url, this);
  }

  /** This as the SDK's {@link ProfileResolver}, for code that only needs to resolve. */
  public ProfileResolver asResolver() {
    return source -> resolve(source).call();
  }

  /**
   * This as the SDK's {@link dev.profiles.core.install.VersionLister}: the version tags of a
   * repository as {@link #listVersions} reads them, for {@code upgrade(...).toLatest()}.
   *
   * <pre>{@code
   * Profiles profiles = Profiles.builder().resolver(git.asResolver())
   *     .versionLister(git.asVersionLister()).renderer(new FluxRenderer()).build();
   * }</pre>
   */
  public dev.profiles.core.install.VersionLister asVersionLister() {
    return new dev.profiles.core.install.VersionLister() {
      @Override
      public java.util.List<dev.profiles.core.version.VersionTag> versionTags(String url)
          throws dev.profiles.core.ProfilesException {
        return java.util.List.copyOf(listVersions(url).call().tags());
      }

      @Override
      public java.util.Map<dev.profiles.core.version.VersionTag, java.time.Instant> tagDates(
          String url, java.util.Collection<dev.profiles.core.version.VersionTag> tags)
          throws dev.profiles.core.ProfilesException {
        return GitProfiles.this.tagDates(url, tags);
      }
    };
  }

  /**
   * The committer time of each tag's commit: the repository's tags are fetched into the cache
   * (one fetch; what is cached already is not transferred again), then read locally. Bounded by
   * the number of tags asked for; a tag that is gone or not a commit is left out.
   */
  java.util.Map<dev.profiles.core.version.VersionTag, java.time.Instant> tagDates(String url,
      java.util.Collection<dev.profiles.core.version.VersionTag> tags) throws ResolveException {
    dev.profiles.git.internal.Resolution.checkSource(policy, rewrites, null, url, "source");
    Operation op = operation(progress);
    op.checkCancelled("reading tag dates of " + dev.profiles.core.rules.SafeUrls.redact(url));
    Infra i = infra();
    String fetchUrl = rewrites.rewrite(url);
    return op.interruptibly("reading tag dates of "
        + dev.profiles.core.rules.SafeUrls.redact(url), () -> {
          java.util.Map<dev.profiles.core.version.VersionTag, java.time.Instant> out =
              new java.util.LinkedHashMap<>();
          try (RepoCache.Lease lease = i.cache().open(fetchUrl)) {
            org.eclipse.jgit.lib.Repository repo = lease.repository();
            i.transports().mirror(repo, fetchUrl, org.eclipse.jgit.lib.Constants.R_TAGS, op);
            try (org.eclipse.jgit.revwalk.RevWalk walk =
                new org.eclipse.jgit.revwalk.RevWalk(repo)) {
              for (dev.profiles.core.version.VersionTag t : tags) {
                org.eclipse.jgit.lib.Ref ref = repo.exactRef(
                    org.eclipse.jgit.lib.Constants.R_TAGS + t);
                if (ref == null) {
                  continue;
                }
                org.eclipse.jgit.revwalk.RevObject o = walk.peel(walk.parseAny(
                    ref.getObjectId()));
                if (o instanceof org.eclipse.jgit.revwalk.RevCommit c) {
                  // The ident, not getCommitTime(): that is an int and wraps after 2038.
                  out.put(t, c.getCommitterIdent().getWhenAsInstant());
                }
              }
            }
          } catch (java.io.IOException | RuntimeException e) {
            throw new ResolveException("reading tag dates of "
                + dev.profiles.core.rules.SafeUrls.redact(url) + " failed: "
                + e.getClass().getSimpleName(), e);
          }
          return out;
        });
  }

  /**
   * The URL rewrites in force, for code that reaches the same repositories by other means: a
   * GitOps push uses {@link UrlRewrites#rewriteForPush}.
   */
  public UrlRewrites urlRewrites() {
    return rewrites;
  }

  /** The source trust policy in force. */
  public SourcePolicy sourcePolicy() {
    return policy;
  }

  Resolution newResolution(Progress progress) throws ResolveException {
    Operation op = operation(progress);
    // Before the cache is opened: its file locks would take an interrupt as a failure.
    op.checkCancelled("resolving");
    Infra i = infra();
    return new Resolution(i.cache(), i.transports(), parsed, limits, maxNestingDepth, policy,
        rewrites, op);
  }

  /** The progress commands report to unless told otherwise. */
  Progress progress() {
    return progress;
  }

  Operation operation(Progress progress) {
    return new Operation(progress, timeout);
  }

  Transports transports() throws ResolveException {
    return infra().transports();
  }

  /** Opens the cache at the first call, so that building does no I/O and cannot fail on it. */
  private synchronized Infra infra() throws ResolveException {
    if (infra == null) {
      RepoCache cache = null;
      try {
        cache = new RepoCache(root, protocolVersion);
        Path sshHome = Files.createDirectories(root.resolve("ssh-home"));
        Transports transports = new Transports(credentials, credentialsByHost, sshHome, sshConfig,
            cache.settingsRepository());
        infra = new Infra(cache, transports);
      } catch (IOException | RuntimeException e) {
        if (cache != null) {
          cache.close();
        }
        if (e instanceof java.nio.channels.FileLockInterruptionException
            || e instanceof java.nio.channels.ClosedByInterruptException) {
          throw new CancelledException("opening the git cache " + root + " was cancelled: the"
              + " thread was interrupted", e);
        }
        throw new ResolveException("cannot create the git cache directory " + root + ": "
            + e, e);
      }
    }
    return infra;
  }

  /**
   * Releases the SSH client and open cache files; commands must not be called afterwards.
   * Profiles resolved before stay readable.
   */
  @Override
  public synchronized void close() {
    if (infra != null) {
      infra.transports().close();
      infra.cache().close();
    }
  }

  /**
   * Configures a {@link GitProfiles}; every setting has a sensible default. Invalid values
   * (null, zero or negative limits, unreadable git config files) are refused with {@link
   * ProfilesConfigurationException} when given.
   */
  public static final class Builder {
    private Optional<Path> cacheDirectory = Optional.empty();
    private GitCredentials credentials = GitCredentials.none();
    private final Map<String, GitCredentials> credentialsByHost = new HashMap<>();
    private Optional<Path> sshConfig = Optional.empty();
    private long maxFileSize = DEFAULT_MAX_FILE_SIZE;
    private long maxTotalSize = DEFAULT_MAX_TOTAL_SIZE;
    private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
    private int maxArtifacts = DEFAULT_MAX_ARTIFACTS;
    private int maxFiles = DEFAULT_MAX_FILES;
    private long maxTreeSize = DEFAULT_MAX_TREE_SIZE;
    private boolean protocolV2;
    private SourcePolicy policy = SourcePolicy.defaults();
    private UrlRewrites rewrites = UrlRewrites.none();
    private Progress progress = Progress.none();
    private Duration timeout = Operation.DEFAULT_TIMEOUT;

    private Builder() {}

    /**
     * Where every command reports the progress of its fetches, and may cancel them, unless the
     * command is given its own; default {@link Progress#none()}.
     */
    public Builder progress(Progress progress) {
      this.progress = notNull(progress, "progress");
      return this;
    }

    /**
     * How long connecting to a remote, and each read from it, may take before the transfer
     * fails with {@link dev.profiles.core.resolve.TransportFailedException}; default 60
     * seconds, rounded up to whole seconds (JGit's unit).
     *
     * @throws ProfilesConfigurationException when null, zero or negative
     */
    public Builder timeout(Duration timeout) {
      notNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new ProfilesConfigurationException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The cache directory (created at the first call if missing), shared safely by concurrent
     * processes; default {@code $XDG_CACHE_HOME/profiles/git} or {@code ~/.cache/profiles/git}.
     */
    public Builder cacheDirectory(Path directory) {
      this.cacheDirectory = Optional.of(notNull(directory, "cacheDirectory"));
      return this;
    }

    /** Credentials for every host that has none of its own. */
    public Builder credentials(GitCredentials credentials) {
      this.credentials = notNull(credentials, "credentials");
      return this;
    }

    /** Credentials for {@code host} only (as it appears in URLs, e.g. {@code github.com}). */
    public Builder credentials(String host, GitCredentials credentials) {
      credentialsByHost.put(notNull(host, "host").toLowerCase(Locale.ROOT),
          notNull(credentials, "credentials"));
      return this;
    }

    /**
     * An OpenSSH client config file (Host aliases, HostName, Port, User); by default none is
     * read, not even {@code ~/.ssh/config}.
     */
    public Builder sshConfig(Path file) {
      this.sshConfig = Optional.of(notNull(file, "sshConfig"));
      return this;
    }

    /**
     * Whether to speak git wire protocol v2 rather than v0 (the default). v0 lists refs with a
     * single request, which makes the ref advertisement that every resolve starts with several
     * times faster (measured in {@code docs/benchmarks.md}); v2 lets the server send only the
     * refs asked for, which pays off for repositories with very many refs.
     */
    public Builder protocolV2(boolean protocolV2) {
      this.protocolV2 = protocolV2;
      return this;
    }

    /**
     * Whether plain-text {@code http://} sources may be read (default: no; they send
     * credentials and content unprotected).
     */
    public Builder allowHttp(boolean allow) {
      this.policy = policy.allowHttp(allow);
      return this;
    }

    /**
     * Whether profiles read from remote repositories may nest local sources ({@code file://}
     * or paths on this machine); default no. Local profiles may always nest local ones.
     */
    public Builder allowLocalSources(boolean allow) {
      this.policy = policy.allowLocalSources(allow);
      return this;
    }

    /** The whole source trust policy at once (replaces {@link #allowHttp} and friends). */
    public Builder sourcePolicy(SourcePolicy policy) {
      this.policy = notNull(policy, "sourcePolicy");
      return this;
    }

    /**
     * Reads sources whose URL starts with {@code prefix} from {@code base} + the rest instead,
     * like {@code git config url.<base>.insteadOf <prefix>}; the longest matching prefix wins.
     */
    public Builder insteadOf(String base, String prefix) {
      this.rewrites = rewrites.withInsteadOf(base, prefix);
      return this;
    }

    /**
     * Pushes to URLs starting with {@code prefix} at {@code base} + the rest instead, like
     * {@code git config url.<base>.pushInsteadOf <prefix>}. Resolution never pushes; the rule
     * is exposed through {@link GitProfiles#urlRewrites()} for the code that does.
     */
    public Builder pushInsteadOf(String base, String prefix) {
      this.rewrites = rewrites.withPushInsteadOf(base, prefix);
      return this;
    }

    /** Adds the rules of {@code more} after those given so far. */
    public Builder urlRewrites(UrlRewrites more) {
      this.rewrites = rewrites.with(notNull(more, "urlRewrites"));
      return this;
    }

    /**
     * Adds the {@code url.<base>.insteadOf} and {@code pushInsteadOf} rules of a git config
     * file, read now.
     *
     * @throws ProfilesConfigurationException when the file is missing or invalid
     */
    public Builder gitConfig(Path file) {
      this.rewrites = rewrites.with(UrlRewrites.fromGitConfig(file));
      return this;
    }

    /**
     * Adds the URL rewriting rules of the user's git configuration ({@code ~/.gitconfig} and
     * friends, see {@link UrlRewrites#fromUserGitConfig()}), read now. Nothing else of it is
     * used.
     */
    public Builder useUserGitConfig() {
      this.rewrites = rewrites.with(UrlRewrites.fromUserGitConfig());
      return this;
    }

    /** The largest file a profile directory may hold, in bytes. */
    public Builder maxFileSize(long bytes) {
      this.maxFileSize = positive(bytes, "maxFileSize");
      return this;
    }

    /** The most bytes all files of one profile directory may hold together. */
    public Builder maxTotalSize(long bytes) {
      this.maxTotalSize = positive(bytes, "maxTotalSize");
      return this;
    }

    /** How deep profiles may nest before resolution gives up. */
    public Builder maxNestingDepth(int depth) {
      this.maxNestingDepth = (int) positive(depth, "maxNestingDepth");
      return this;
    }

    /**
     * The most artifacts one resolved tree may hold, counting the artifacts of every nested
     * occurrence of a profile (a profile nested twice counts twice).
     */
    public Builder maxArtifacts(int artifacts) {
      this.maxArtifacts = (int) positive(artifacts, "maxArtifacts");
      return this;
    }

    /** The most files the profile directories of one resolved tree may hold, per occurrence. */
    public Builder maxFiles(int files) {
      this.maxFiles = (int) positive(files, "maxFiles");
      return this;
    }

    /** The most bytes the profile directories of one resolved tree may hold, per occurrence. */
    public Builder maxTreeSize(long bytes) {
      this.maxTreeSize = positive(bytes, "maxTreeSize");
      return this;
    }

    private static long positive(long value, String what) {
      if (value <= 0) {
        throw new ProfilesConfigurationException(what + " must be positive: " + value);
      }
      return value;
    }

    private static <T> T notNull(T value, String what) {
      if (value == null) {
        throw new ProfilesConfigurationException(what + " must not be null");
      }
      return value;
    }

    /**
     * Creates the {@link GitProfiles}. Does no I/O: the cache directory is created at the first
     * call.
     */
    public GitProfiles build() {
      return new GitProfiles(this);
    }
  }
}
