package dev.profiles.catalog.server.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The one way the catalog's HTTP servers (file mode and controller) are created. */
public final class HttpServers {
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  private HttpServers() {}

  /**
   * A server bound to {@code host:port} whose connections have Nagle's algorithm off. The JDK
   * server writes an answer's headers and body apart; with Nagle on, each answer waited ~40 ms
   * for the client's delayed ACK (docs/benchmarks.md, "Catalog API under load"). The JDK reads
   * the switch once, when its first server is made, so it is set before that unless the user
   * set it.
   */
  public static HttpServer create(String host, int port) throws IOException {
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    return HttpServer.create(new InetSocketAddress(host, port), 0);
  }
}
