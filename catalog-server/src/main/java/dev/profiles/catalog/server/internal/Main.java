package dev.profiles.catalog.server.internal;

import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.git.catalog.GitRepositoryScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar profiles-catalog-server-<version>.jar --port N --sources DIR [--host H]
 * [--interval SECONDS]}: runs the catalog server until the process is stopped. A {@link
 * RepositoryScanner} on the class path (registered for {@link ServiceLoader}) scans
 * repositories; without one, only manual entries are served.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    CatalogServer.Builder b = CatalogServer.builder();
    Path sources = null;
    Optional<Path> secrets = Optional.empty();
    Optional<Path> cache = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        usage(0);
      }
      if (i + 1 >= args.length) {
        System.err.println("missing value for " + option);
        usage(2);
      }
      String value = args[++i];
      try {
        switch (option) {
          case "--port" -> b.port(Integer.parseInt(value));
          case "--host" -> b.host(value);
          case "--sources" -> sources = Path.of(value);
          case "--secrets" -> secrets = Optional.of(Path.of(value));
          case "--cache" -> cache = Optional.of(Path.of(value));
          case "--interval" -> b.rescanInterval(Duration.ofSeconds(Long.parseLong(value)));
          default -> {
            System.err.println("unknown option " + option);
            usage(2);
          }
        }
      } catch (IllegalArgumentException e) {
        System.err.println(option + " " + value + ": " + e.getMessage());
        usage(2);
      }
    }
    if (sources == null || !Files.isDirectory(sources)) {
      System.err.println(sources == null ? "--sources is required"
          : "--sources " + sources + " is not a directory");
      usage(2);
    }
    b.sources(sources);
    GitRepositoryScanner.Builder scanner = GitRepositoryScanner.builder();
    cache.ifPresent(scanner::cacheDirectory);
    if (secrets.isPresent()) {
      SecretDirectory.load(secrets.get()).forEach(scanner::credentials);
    }
    b.scanner(scanner.build());
    CatalogServer server = b.build().start();
    System.out.println("catalog server listening on " + server.uri());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    stopped.await();
  }

  private static void usage(int status) {
    System.err.println("usage: java -jar profiles-catalog-server.jar --sources DIR"
        + " [--port 8000] [--host 127.0.0.1] [--interval 60] [--cache DIR]"
        + " [--secrets DIR (DIR/<secretRef>/username|password|identity|passphrase|known_hosts)]");
    System.exit(status);
  }
}
