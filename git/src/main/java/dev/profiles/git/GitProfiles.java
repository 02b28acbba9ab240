package dev.profiles.git;

import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ProfileResolver;
import dev.profiles.git.internal.Limits;
import dev.profiles.git.internal.ParsedProfiles;
import dev.profiles.git.internal.RepoCache;
import dev.profiles.git.internal.Transports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * <pre>{@code
 * try (GitProfiles git = GitProfiles.builder()
 *     .cacheDirectory(Path.of("/var/cache/profiles"))
 *     .credentials(GitCredentials.token(System.getenv("GIT_TOKEN")))
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
  /** Default per-file limit: 16 MiB. */
  public static final long DEFAULT_MAX_FILE_SIZE = 16L << 20;
  /** Default limit for all files of one profile directory: 64 MiB. */
  public static final long DEFAULT_MAX_TOTAL_SIZE = 64L << 20;
  /** Default limit on how deep profiles may nest. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 32;

  private final RepoCache cache;
  private final Transports transports;
  private final ParsedProfiles parsed = new ParsedProfiles();
  private final Limits limits;
  private final int maxNestingDepth;

  private GitProfiles(Builder b) throws IOException {
    Path root = b.cacheDirectory.orElseGet(() -> RepoCache.defaultDirectory("git"));
    this.cache = new RepoCache(root, b.protocolV2 ? 2 : 0);
    Path sshHome = Files.createDirectories(root.resolve("ssh-home"));
    this.transports = new Transports(b.credentials, b.credentialsByHost, sshHome, b.sshConfig,
        cache.settingsRepository());
    this.limits = new Limits(b.maxFileSize, b.maxTotalSize);
    this.maxNestingDepth = b.maxNestingDepth;
  }

  /** Starts configuring a {@link GitProfiles}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A command that resolves {@code source} and, recursively, the profiles it nests. */
  public ResolveCommand resolve(ProfileSource source) {
    return new ResolveCommand(Objects.requireNonNull(source, "source"), cache, transports,
        parsed, limits, maxNestingDepth);
  }

  /** A command that lists the profile versions {@code url} offers, from its tags. */
  public ListVersionsCommand listVersions(String url) {
    return new ListVersionsCommand(Objects.requireNonNull(url, "url"), transports);
  }

  /** This as the SDK's {@link ProfileResolver}, for code that only needs to resolve. */
  public ProfileResolver asResolver() {
    return source -> resolve(source).call();
  }

  /**
   * Releases the SSH client and open cache files; commands must not be called afterwards.
   * Profiles resolved before stay readable.
   */
  @Override
  public void close() {
    transports.close();
    cache.close();
  }

  /** Configures a {@link GitProfiles}; every setting has a sensible default. */
  public static final class Builder {
    private Optional<Path> cacheDirectory = Optional.empty();
    private GitCredentials credentials = GitCredentials.none();
    private final Map<String, GitCredentials> credentialsByHost = new HashMap<>();
    private Optional<Path> sshConfig = Optional.empty();
    private long maxFileSize = DEFAULT_MAX_FILE_SIZE;
    private long maxTotalSize = DEFAULT_MAX_TOTAL_SIZE;
    private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
    private boolean protocolV2;

    private Builder() {}

    /**
     * The cache directory (created if missing), shared safely by concurrent processes; default
     * {@code $XDG_CACHE_HOME/profiles/git} or {@code ~/.cache/profiles/git}.
     */
    public Builder cacheDirectory(Path directory) {
      this.cacheDirectory = Optional.of(directory);
      return this;
    }

    /** Credentials for every host that has none of its own. */
    public Builder credentials(GitCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials);
      return this;
    }

    /** Credentials for {@code host} only (as it appears in URLs, e.g. {@code github.com}). */
    public Builder credentials(String host, GitCredentials credentials) {
      credentialsByHost.put(host.toLowerCase(Locale.ROOT), Objects.requireNonNull(credentials));
      return this;
    }

    /**
     * An OpenSSH client config file (Host aliases, HostName, Port, User); by default none is
     * read, not even {@code ~/.ssh/config}.
     */
    public Builder sshConfig(Path file) {
      this.sshConfig = Optional.of(file);
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

    /** The largest file a profile directory may hold, in bytes. */
    public Builder maxFileSize(long bytes) {
      this.maxFileSize = positive(bytes);
      return this;
    }

    /** The most bytes all files of one profile directory may hold together. */
    public Builder maxTotalSize(long bytes) {
      this.maxTotalSize = positive(bytes);
      return this;
    }

    /** How deep profiles may nest before resolution gives up. */
    public Builder maxNestingDepth(int depth) {
      this.maxNestingDepth = (int) positive(depth);
      return this;
    }

    private static long positive(long value) {
      if (value <= 0) {
        throw new IllegalArgumentException("must be positive: " + value);
      }
      return value;
    }

    /**
     * Creates the {@link GitProfiles}.
     *
     * @throws UncheckedIOException when the cache directory cannot be created
     */
    public GitProfiles build() {
      try {
        return new GitProfiles(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the git cache directory", e);
      }
    }
  }
}
