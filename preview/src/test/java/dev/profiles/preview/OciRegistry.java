package dev.profiles.preview;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real OCI registry on loopback: Debian's {@code docker-registry} (the CNCF distribution
 * registry), plain HTTP, storage in a temporary directory; charts are pushed with helm-java.
 */
final class OciRegistry implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Process process;
  private final int port;

  private OciRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  static OciRegistry start(Path dir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path storage = Files.createDirectories(dir.resolve("storage"));
    Path config = Files.writeString(dir.resolve("config.yml"), """
        version: 0.1
        log:
          level: error
        storage:
          filesystem:
            rootdirectory: %s
        http:
          addr: 127.0.0.1:%d
        """.formatted(storage, port));
    Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        break;
      } catch (IOException notYet) {
        if (!process.isAlive() || Instant.now().isAfter(deadline)) {
          process.destroyForcibly();
          throw new IOException("docker-registry did not start: "
              + Files.readString(dir.resolve("registry.log")));
        }
        Thread.sleep(50);
      }
    }
    return new OciRegistry(process, port);
  }

  /** {@code oci://127.0.0.1:PORT/charts}. */
  String url() {
    return "oci://127.0.0.1:" + port + "/charts";
  }

  int port() {
    return port;
  }

  /** Pushes a packaged chart to {@link #url()} (plain HTTP). */
  void push(Path archive) {
    Helm.push().withChart(archive).withRemote(URI.create(url())).plainHttp().call();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
