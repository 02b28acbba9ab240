package dev.profiles.catalog.server;

import com.sun.net.httpserver.HttpServer;
import dev.profiles.catalog.server.internal.ApiHandler;
import dev.profiles.catalog.server.internal.CatalogLoader;
import dev.profiles.core.catalog.CatalogIndex;
import dev.profiles.core.catalog.RepositoryScanner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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
 * ({@code spec.profiles}) and reports each repository as not scanned.
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
  private static final System.Logger LOG = System.getLogger("dev.profiles.catalog.server");

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
    this.loader = new CatalogLoader(config.sources, config.scanner);
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
   * @throws IllegalStateException when already started
   */
  public synchronized CatalogServer start() throws IOException {
    if (http != null) {
      throw new IllegalStateException("already started");
    }
    http = HttpServer.create(new InetSocketAddress(config.host, config.port), 0);
    workers = Executors.newFixedThreadPool(config.threads, daemonThreads("catalog-http"));
    http.setExecutor(workers);
    http.createContext("/", new ApiHandler(() -> Optional.ofNullable(snapshot)));
    http.start();
    scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("catalog-refresh"));
    scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0,
        config.rescanInterval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.log(System.Logger.Level.INFO, "catalog server listening on " + uri()
        + ", sources " + config.sources);
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
    } catch (RuntimeException e) {
      // Keep serving the last snapshot; the next interval tries again.
      LOG.log(System.Logger.Level.ERROR, "catalog refresh failed", e);
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
      throw new IllegalStateException("not started");
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
    private int threads = 4;

    private Builder() {}

    /** The directory of {@code ProfileCatalogSource} files; required. */
    public Builder sources(Path directory) {
      this.sources = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** The address to bind; default {@code 127.0.0.1}. Use {@code 0.0.0.0} in a container. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port; default 8000, 0 for any free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not in 0..65535");
      }
      this.port = port;
      return this;
    }

    /** How long to wait between the end of one refresh and the next; default one minute. */
    public Builder rescanInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("the rescan interval must be positive");
      }
      this.rescanInterval = interval;
      return this;
    }

    /** Scans {@code spec.repositories}; without one, only manual entries are served. */
    public Builder scanner(RepositoryScanner scanner) {
      this.scanner = Optional.of(scanner);
      return this;
    }

    /** Threads answering requests; default 4. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("at least one thread");
      }
      this.threads = threads;
      return this;
    }

    /** The server, not yet started. */
    public CatalogServer build() {
      if (sources == null) {
        throw new IllegalStateException("sources(directory) is required");
      }
      return new CatalogServer(this);
    }
  }
}
