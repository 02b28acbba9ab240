package dev.profiles.catalog.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A catalog that answers whatever the test says, byte for byte, on a raw loopback socket: huge
 * or endless bodies, bodies whose {@code Content-Length} lies, chunked bodies that never end,
 * deeply nested JSON. A raw socket, unlike an HTTP server library, lets it break the protocol
 * the way a hostile server or a broken proxy would.
 *
 * <pre>{@code
 * try (HostileCatalog c = new HostileCatalog()) {
 *   c.answer(HostileCatalog.Answer.fixed(200, "{\"items\":[]}"));
 *   CatalogClient.builder().baseUrl(c.uri()).build().search("");
 * }
 * }</pre>
 */
final class HostileCatalog implements AutoCloseable {
  /** How to answer one request: the status line and headers, then the body. */
  interface Answer {
    void write(OutputStream out) throws IOException;

    /** A well-formed answer with a true Content-Length. */
    static Answer fixed(int status, byte[] body) {
      return declared(status, body.length, body);
    }

    static Answer fixed(int status, String body) {
      return fixed(status, body.getBytes(StandardCharsets.UTF_8));
    }

    /** An answer that declares {@code length} bytes and sends {@code body}, whatever its size. */
    static Answer declared(int status, long length, byte[] body) {
      return out -> {
        out.write(head(status, "Content-Length: " + length + "\r\n"));
        out.write(body);
      };
    }

    /** A chunked answer of {@code body}, in chunks of {@code chunk} bytes. */
    static Answer chunked(int status, byte[] body, int chunk) {
      return out -> {
        out.write(head(status, "Transfer-Encoding: chunked\r\n"));
        for (int at = 0; at < body.length; at += chunk) {
          int n = Math.min(chunk, body.length - at);
          out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(body, at, n);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      };
    }

    /** A chunked answer that never ends: chunks of {@code filler} until the client hangs up. */
    static Answer endlessChunks(int status, byte[] filler) {
      return out -> {
        out.write(head(status, "Transfer-Encoding: chunked\r\n"));
        byte[] size = (Integer.toHexString(filler.length) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        while (true) {
          out.write(size);
          out.write(filler);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
      };
    }

    /** No length at all: the body runs until the connection closes, which it never does. */
    static Answer endlessUntilClose(int status, byte[] filler) {
      return out -> {
        out.write(head(status, ""));
        while (true) {
          out.write(filler);
        }
      };
    }

    private static byte[] head(int status, String headers) {
      // One answer per connection, as a broken proxy might: the client never reuses it.
      return ("HTTP/1.1 " + status + " Whatever\r\nContent-Type: application/json\r\n"
          + "Connection: close\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
  }

  private final ServerSocket socket;
  private final Thread acceptor;
  private final AtomicReference<Answer> answer = new AtomicReference<>();
  final AtomicInteger requests = new AtomicInteger();

  HostileCatalog() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::serve, "hostile-catalog");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** What every next request gets. */
  void answer(Answer a) {
    answer.set(a);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  private void serve() {
    while (!socket.isClosed()) {
      Socket s;
      try {
        s = socket.accept();
      } catch (IOException closed) {
        return;
      }
      Thread t = new Thread(() -> answer(s), "hostile-catalog-connection");
      t.setDaemon(true);
      t.start();
    }
  }

  private void answer(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      readHead(in);
      requests.incrementAndGet();
      answer.get().write(out);
      out.flush();
    } catch (SocketException hungUp) {
      // The client cut the body off: what the tests want.
    } catch (IOException e) {
      // Same: the client went away.
    }
  }

  /** Reads the request head (up to the blank line); GET requests have no body. */
  private static void readHead(InputStream in) throws IOException {
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the end of the request head");
      }
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1
          || state == 3)) ? state + 1 : (b == '\r' ? 1 : 0);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
