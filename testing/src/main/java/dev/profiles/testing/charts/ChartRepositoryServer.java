package dev.profiles.testing.charts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Helm chart repository on loopback (the JDK's HttpServer): serves {@code /charts/index.yaml}
 * and the archives added to it, counting archive requests so tests can see a cache at work.
 * Shared by the preview module's tests and the CLI's end-to-end previews, so no test needs a
 * chart repository off this machine.
 *
 * <pre>{@code
 * try (ChartRepositoryServer charts = new ChartRepositoryServer()) {
 *   charts.add("web", "1.2.0", Path.of("web-1.2.0.tgz"), null);
 *   String url = charts.url(); // http://127.0.0.1:PORT/charts
 * }
 * }</pre>
 */
public final class ChartRepositoryServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final AtomicInteger archiveRequests = new AtomicInteger();

  /** Starts the server on a free loopback port. */
  public ChartRepositoryServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body = files.get(path);
      if (path.endsWith(".tgz")) {
        archiveRequests.incrementAndGet();
      }
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    server.start();
  }

  /** How many {@code .tgz} archives were requested so far. */
  public int archiveRequests() {
    return archiveRequests.get();
  }

  /** The repository's URL: {@code http://127.0.0.1:PORT/charts}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/charts";
  }

  /** Serves {@code archive} under /charts/ and lists it in the index as {@code name version}. */
  public ChartRepositoryServer add(String name, String version, Path archive, String digest)
      throws IOException {
    files.put("/charts/" + archive.getFileName(), Files.readAllBytes(archive));
    String entry = "  - name: " + name + "\n    version: " + version + "\n"
        + "    apiVersion: v2\n" + (digest == null ? "" : "    digest: " + digest + "\n")
        + "    urls:\n    - " + archive.getFileName() + "\n";
    String index = new String(files.getOrDefault("/charts/index.yaml",
        "apiVersion: v1\nentries:\n".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    if (!index.contains("  " + name + ":\n")) {
      index = index + "  " + name + ":\n";
    }
    index = index.replace("  " + name + ":\n", "  " + name + ":\n" + entry);
    files.put("/charts/index.yaml", index.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
