package dev.profiles.catalog.server;

import com.sun.net.httpserver.HttpServer;
import dev.profiles.catalog.server.internal.WebHandler;
import dev.profiles.catalog.server.internal.CatalogLoader;
import dev.profiles.catalog.server.internal.HttpServers;
import dev.profiles.catalog.server.internal.ServerSettings;
import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.catalog.CatalogIndex;
import dev.profiles.core.catalog.RepositoryScanner;
import dev.profiles.core.rules.SourcePolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The catalog HTTP API (spec §6) served from {@code ProfileCatalogSource} files, without the
 * archived controller.
 *
 * <p>Every {@code *.yaml} / {@code *.yml} file directly in the sources directory is one
 * catalog source. On {@link #start()} and then every {@link Builder#rescanInterval rescan
 * interval}, the server rereads the files, scans the repositories they list with the {@link
 * RepositoryScanner} it was given (incrementally: only new tags are read), and swaps in a new
 * immutable {@link CatalogIndex}; requests never wait for a refresh. Sources whose file is
 * deleted disappear at the next refresh.
 *
 * <p>Bad input never stops the server: a file that does not parse, an invalid or duplicate
 * entry, a non-semver tag, a repository that cannot be reached or needs credentials — each is
 * logged once and reported for its source in {@link #status()} and on {@code GET /v1/status},
 * and the server keeps serving everything else. When a repository's scan fails, the entries of
 * its last good scan are kept. Without a scanner the server serves the manual entries
 * ({@code spec.profiles}) and reports each repository as not scanned. This holds for hostile
 * input too: a source file over the YAML size limit is refused unread, and anything thrown while
 * loading one source (a {@link StackOverflowError} from a parser, an {@link OutOfMemoryError}
 * or a runtime exception from a scanner) is reported for that source alone; the refresh
 * schedule survives whatever a refresh throws. Repository and entry URLs are checked against
 * the {@linkplain Builder#sourcePolicy source policy} before anything is scanned or served.
 *
 * <p>The server reads only the request line of a request: a URI longer than {@value
 * dev.profiles.catalog.server.internal.ApiHandler#MAX_URI_LENGTH} characters is answered 414,
 * and request bodies are never read.
 *
 * <p>Until the first refresh finishes, the API answers 503. The routes, the order of results
 * and the meaning of {@code latest} are described in {@code docs/catalog.md}.
 *
 * <pre>{@code
 * try (CatalogServer server = CatalogServer.builder()
 *     .sources(Path.of("/etc/profiles/catalog"))
 *     .port(8000)
 *     .build()
 *     .start()) {
 *   server.awaitReady(Duration.ofMinutes(1));
 *   server.status().forEach(s -> System.out.println(s.file() + " " + s.problems()));
 *   ...
 * }
 * }</pre>
 */
public final class CatalogServer implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      dev.profiles.core.internal.Loggers.get("dev.profiles.catalog.server");

  private final Builder config;
  private final CatalogLoader loader;
  private final Object refreshLock = new Object();
  private final CountDownLatch firstRefresh = new CountDownLatch(1);
  private volatile CatalogLoader.Snapshot snapshot;
  private HttpServer http;
  private ExecutorService workers;
  private ScheduledExecutorService scheduler;

  private CatalogServer(Builder config) {
    this.config = config;
    this.loader = new CatalogLoader(config.sources, config.scanner, config.policy);
  }

  /** A builder; {@link Builder#sources} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port, starts serving, and starts refreshing in the background (the first refresh
   * right away).
   *
   * @return this server
   * @throws IOException when the port cannot be bound
   * @throws ProfilesConfigurationException when already started
   */
  public synchronized CatalogServer start() throws IOException {
    if (http != null) {
      throw new ProfilesConfigurationException("the catalog server is already started");
    }
    http = HttpServers.create(config.host, config.port);
    workers = Executors.newFixedThreadPool(config.threads, daemonThreads("catalog-http"));
    http.setExecutor(workers);
    // The web UI at / and /profiles, /sources; it hands every other path to the API handler.
    http.createContext("/", new WebHandler(() -> Optional.ofNullable(snapshot)));
    http.start();
    scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("catalog-refresh"));
    scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0,
        config.rescanInterval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("catalog server listening on {}, sources {}", uri(), config.sources);
    return this;
  }

  /**
   * Rereads the sources and rescans their repositories now, and serves the result.
   *
   * @return the status of every source after this refresh
   */
  public List<SourceStatus> refresh() {
    synchronized (refreshLock) {
      CatalogLoader.Snapshot next = loader.load();
      snapshot = next;
      firstRefresh.countDown();
      return next.sources();
    }
  }

  /**
   * Waits until the first refresh has finished, so that the API answers from the sources
   * rather than with 503.
   *
   * @return whether it finished within {@code timeout}
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return firstRefresh.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (Throwable e) {
      // Keep serving the last snapshot; the next interval tries again. Anything escaping here
      // would cancel the schedule, and the catalog would never refresh again.
      LOG.error("catalog refresh failed", e);
    }
  }

  /** The status of every source after the last refresh; empty before the first one. */
  public List<SourceStatus> status() {
    CatalogLoader.Snapshot s = snapshot;
    return s == null ? List.of() : s.sources();
  }

  /** The index being served; empty before the first refresh. */
  public CatalogIndex index() {
    CatalogLoader.Snapshot s = snapshot;
    return s == null ? CatalogIndex.empty() : s.index();
  }

  /** The bound port, useful after asking for port 0. */
  public int port() {
    return requireStarted().getAddress().getPort();
  }

  /** The server's base URI, e.g. {@code http://127.0.0.1:8000}. */
  public URI uri() {
    String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
    return URI.create("http://" + host + ":" + port());
  }

  private HttpServer requireStarted() {
    HttpServer h = http;
    if (h == null) {
      throw new ProfilesConfigurationException("the catalog server is not started");
    }
    return h;
  }

  /** Stops serving and refreshing; idempotent. */
  @Override
  public synchronized void close() {
    if (http == null) {
      return;
    }
    scheduler.shutdownNow();
    http.stop(0);
    workers.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Configures a {@link CatalogServer}.
   *
   * <pre>{@code
   * CatalogServer.builder().sources(dir).host("0.0.0.0").port(8000)
   *     .rescanInterval(Duration.ofMinutes(5)).scanner(gitScanner).build();
   * }</pre>
   */
  public static final class Builder {

    private Path sources;
    private String host = "127.0.0.1";
    private int port = 8000;
    private Duration rescanInterval = Duration.ofMinutes(1);
    private Optional<RepositoryScanner> scanner = Optional.empty();
    private SourcePolicy policy = SourcePolicy.defaults();
    private int threads = 4;

    private Builder() {}

    /** The directory of {@code ProfileCatalogSource} files; required. */
    public Builder sources(Path directory) {
      this.sources = required(directory, "sources");
      return this;
    }

    /** The address to bind; default {@code 127.0.0.1}. Use {@code 0.0.0.0} in a container. */
    public Builder host(String host) {
      this.host = required(host, "host");
      return this;
    }

    /** The port; default 8000, 0 for any free port. */
    public Builder port(int port) {
      this.port = ServerSettings.port(port);
      return this;
    }

    /** How long to wait between the end of one refresh and the next; default one minute. */
    public Builder rescanInterval(Duration interval) {
      this.rescanInterval = ServerSettings.rescanInterval(interval);
      return this;
    }

    /** Scans {@code spec.repositories}; without one, only manual entries are served. */
    public Builder scanner(RepositoryScanner scanner) {
      this.scanner = Optional.of(required(scanner, "scanner"));
      return this;
    }

    /**
     * Which repository and entry URLs this catalog scans and serves; default {@link
     * SourcePolicy#defaults()}: https, ssh and scp-like only. Plain {@code http://} needs {@code
     * allowHttp(true)}; local paths and {@code file://} URLs need {@code allowLocalSources(true)}
     * (a catalog serves other machines: an entry pointing at a local path would make installers
     * copy their own files). A refused repository is reported as {@code refused: ...} in its
     * status and never handed to the scanner; a refused hand-listed entry is reported and not
     * served. {@code ext::}, {@code fd::} and unknown schemes are always refused. Give the
     * scanner the same policy (the git scanner checks it again before any transport).
     *
     * <pre>{@code
     * builder.sourcePolicy(SourcePolicy.defaults().allowHttp(true));
     * }</pre>
     */
    public Builder sourcePolicy(SourcePolicy policy) {
      this.policy = required(policy, "sourcePolicy");
      return this;
    }

    /** Threads answering requests; default 4. */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 256) {
        throw new ProfilesConfigurationException("threads " + threads + " is not in 1..256");
      }
      this.threads = threads;
      return this;
    }

    /**
     * The server, not yet started.
     *
     * @throws ProfilesConfigurationException when {@link #sources} was not set
     */
    public CatalogServer build() {
      if (sources == null) {
        throw new ProfilesConfigurationException("sources(directory) is required");
      }
      return new CatalogServer(this);
    }

    private static <T> T required(T value, String name) {
      return ServerSettings.required(value, name);
    }
  }
}
