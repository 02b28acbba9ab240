package dev.profiles.testing.git;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.resolver.FileResolver;

/**
 * A real smart-HTTP(S) git server on loopback: JGit's {@link GitServlet} on an embedded Jetty,
 * serving every repository under a root directory, optionally behind HTTP basic auth and TLS.
 *
 * <p>For fault tests it counts upload-pack requests and can stop itself in the middle of the
 * next pack it sends ({@link #stopDuringNextFetch}); {@link #start()} brings it back on the
 * same port, so URLs (and cache entries keyed by them) stay valid.
 *
 * <pre>{@code
 * try (GitHttpServer server = GitHttpServer.builder(root).basicAuth("bob", "s3cret").start()) {
 *   String url = server.url("profiles.git"); // http://127.0.0.1:PORT/git/profiles.git
 * }
 * }</pre>
 */
public final class GitHttpServer implements AutoCloseable {
  private final Path root;
  private final Optional<String> expectedAuthorization;
  private final Optional<Path> keyStore;
  private final String keyStorePassword;
  private final AtomicInteger uploadPacks = new AtomicInteger();
  private final AtomicInteger packs = new AtomicInteger();
  private final AtomicLong stopAfterBytes = new AtomicLong(-1);
  private final AtomicLong pauseAfterBytes = new AtomicLong(-1);
  private volatile CountDownLatch pauseReached = new CountDownLatch(1);
  private volatile CountDownLatch pauseReleased = new CountDownLatch(1);
  private volatile Server server;
  private volatile Thread stopper;
  private int port;

  private GitHttpServer(Path root, Optional<String> expectedAuthorization, Optional<Path> keyStore,
      String keyStorePassword) {
    this.root = root;
    this.expectedAuthorization = expectedAuthorization;
    this.keyStore = keyStore;
    this.keyStorePassword = keyStorePassword;
  }

  /** Starts configuring a server for the repositories under {@code root}. */
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /** Configures a {@link GitHttpServer}. */
  public static final class Builder {
    private final Path root;
    private Optional<String> authorization = Optional.empty();
    private Optional<Path> keyStore = Optional.empty();
    private String keyStorePassword = "";

    private Builder(Path root) {
      this.root = root;
    }

    /** Requires HTTP basic auth with this user name and password (or token). */
    public Builder basicAuth(String user, String password) {
      authorization = Optional.of("Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
      return this;
    }

    /** Serves HTTPS with the key and certificate in a PKCS#12 {@code keyStore}. */
    public Builder https(Path keyStore, String password) {
      this.keyStore = Optional.of(keyStore);
      this.keyStorePassword = password;
      return this;
    }

    /** Starts the server on a free loopback port. */
    public GitHttpServer start() {
      GitHttpServer s = new GitHttpServer(root, authorization, keyStore, keyStorePassword);
      s.start();
      return s;
    }
  }

  /** (Re)starts the server; after the first start it binds the same port again. */
  public synchronized void start() {
    awaitStopper();
    if (server != null && server.isRunning()) {
      return;
    }
    Server s = new Server();
    ServerConnector connector = keyStore.map(ks -> {
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStorePath(ks.toString());
      tls.setKeyStorePassword(keyStorePassword);
      tls.setKeyStoreType("PKCS12");
      return new ServerConnector(s, tls);
    }).orElseGet(() -> new ServerConnector(s));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    connector.setReuseAddress(true);
    s.addConnector(connector);
    s.setStopTimeout(0);

    GitServlet git = new GitServlet();
    git.setRepositoryResolver(new FileResolver<>(root.toFile(), true));
    git.addUploadPackFilter(new UploadPackFilter());
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(git), "/git/*");
    context.addFilter(new FilterHolder(new BasicAuthFilter()), "/*",
        EnumSet.of(DispatcherType.REQUEST));
    s.setHandler(context);
    try {
      s.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the HTTP git server", e);
    }
    port = connector.getLocalPort();
    server = s;
  }

  /** Stops the server; {@link #start()} restarts it on the same port. */
  public synchronized void stop() {
    awaitStopper();
    try {
      if (server != null) {
        server.stop();
      }
    } catch (Exception e) {
      // A connection cut by a fault test may make the stop ungraceful; it is stopped all the same.
    }
  }

  /** Whether the server is running. */
  public boolean isRunning() {
    Server s = server;
    return s != null && s.isRunning();
  }

  /** The URL of repository {@code name} (a directory under the root). */
  public String url(String name) {
    return scheme() + "://127.0.0.1:" + port + "/git/" + name;
  }

  /** The URL of repository {@code name} with credentials in the user-info part. */
  public String urlWithCredentials(String name, String user, String password) {
    return scheme() + "://" + user + ":" + password + "@127.0.0.1:" + port + "/git/" + name;
  }

  private String scheme() {
    return keyStore.isPresent() ? "https" : "http";
  }

  /** The loopback port. */
  public int port() {
    return port;
  }

  /** How many upload-pack requests (ref listings and fetches) the server has received. */
  public int uploadPackRequests() {
    return uploadPacks.get();
  }

  /** How many responses carried a pack: the fetches that transferred objects. */
  public int packsSent() {
    return packs.get();
  }

  /**
   * Arms a fault: the next response that carries a pack is cut after about {@code bytes} bytes
   * of pack data, and the whole server is stopped while the client is still reading.
   */
  public void stopDuringNextFetch(long bytes) {
    stopAfterBytes.set(bytes);
  }

  /**
   * Arms a fault: the next response that carries a pack stalls after about {@code bytes} bytes
   * of pack data until {@link #releasePause()}; {@link #awaitPause} tells when it stalls, so a
   * test can kill the client in the middle of a fetch.
   */
  public void pauseDuringNextFetch(long bytes) {
    pauseReached = new CountDownLatch(1);
    pauseReleased = new CountDownLatch(1);
    pauseAfterBytes.set(bytes);
  }

  /** Waits until a fetch stalls at the armed pause; false on timeout. */
  public boolean awaitPause(long timeout, TimeUnit unit) throws InterruptedException {
    return pauseReached.await(timeout, unit);
  }

  /** Lets a stalled fetch go on. */
  public void releasePause() {
    pauseReleased.countDown();
  }

  @Override
  public void close() {
    releasePause();
    stop();
  }

  private final class BasicAuthFilter implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      if (expectedAuthorization.isPresent()) {
        String given = ((HttpServletRequest) req).getHeader("Authorization");
        if (!expectedAuthorization.get().equals(given)) {
          HttpServletResponse http = (HttpServletResponse) res;
          http.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
          http.sendError(HttpServletResponse.SC_UNAUTHORIZED);
          return;
        }
      }
      chain.doFilter(req, res);
    }
  }

  private final class UploadPackFilter implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      uploadPacks.incrementAndGet();
      chain.doFilter(req, new WatchedResponse((HttpServletResponse) res));
    }
  }

  /**
   * Counts the responses that carry a pack (they contain the pack signature "PACK" + version 2)
   * and, when a fault is armed, cuts a pack-bearing response after the armed number of bytes.
   */
  private final class WatchedResponse extends HttpServletResponseWrapper {
    private static final byte[] SIGNATURE = {'P', 'A', 'C', 'K', 0, 0, 0, 2};
    private ServletOutputStream stream;

    WatchedResponse(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (stream == null) {
        ServletOutputStream out = super.getOutputStream();
        stream = new ServletOutputStream() {
          private int matched;
          private long packBytes = -1;

          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len && packBytes < 0; i++) {
              matched = b[i] == SIGNATURE[matched] ? matched + 1 : (b[i] == 'P' ? 1 : 0);
              if (matched == SIGNATURE.length) {
                packs.incrementAndGet();
                packBytes = 0;
              }
            }
            long pause = pauseAfterBytes.get();
            if (packBytes >= 0 && pause >= 0 && packBytes + len > pause
                && pauseAfterBytes.compareAndSet(pause, -1)) {
              out.write(b, off, (int) Math.max(0, Math.min(len, pause - packBytes)));
              out.flush();
              pauseReached.countDown();
              try {
                pauseReleased.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              throw new IOException("fetch paused by the test and abandoned");
            }
            long limit = stopAfterBytes.get();
            if (packBytes >= 0 && limit >= 0 && packBytes + len > limit
                && stopAfterBytes.compareAndSet(limit, -1)) {
              out.write(b, off, (int) Math.max(0, Math.min(len, limit - packBytes)));
              out.flush();
              stopMidway();
            }
            out.write(b, off, len);
            if (packBytes >= 0) {
              packBytes += len;
            }
          }

          @Override
          public void flush() throws IOException {
            out.flush();
          }

          @Override
          public boolean isReady() {
            return out.isReady();
          }

          @Override
          public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
          }
        };
      }
      return stream;
    }
  }

  /** Waits for a stop begun by a fault to finish, so the port is free again. */
  private void awaitStopper() {
    Thread t = stopper;
    if (t != null) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stopper = null;
    }
  }

  private void stopMidway() throws IOException {
    Server s = server;
    Thread stopping = new Thread(() -> {
      try {
        s.stop();
      } catch (Exception ignored) {
        // The fault is the point; a noisy stop changes nothing for the client.
      }
    }, "git-http-server-stop");
    stopper = stopping;
    stopping.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!(s.isStopping() || s.isStopped()) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    throw new IOException("server stopped in the middle of a fetch (fault injected by the test)");
  }
}
