package dev.profiles.catalog.server.internal;

import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.git.UrlRewrites;
import dev.profiles.git.catalog.GitRepositoryScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar profiles-catalog-server-<version>-runnable.jar --port N --sources DIR
 * [--host H] [--interval SECONDS] [--insteadof BASE=PREFIX] [--git-config FILE] [--allow-http]
 * [--allow-local-sources]}: runs the catalog server until
 * the process is stopped, scanning repositories with the git module's scanner. The two
 * {@code --allow-*} flags widen the source policy of both the server and the scanner.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    // Bounds for the JDK's HTTP server, read when it first starts: a client that sends its
    // request or reads its answer too slowly is disconnected rather than holding a thread.
    System.setProperty("sun.net.httpserver.maxReqTime",
        System.getProperty("sun.net.httpserver.maxReqTime", "30"));
    System.setProperty("sun.net.httpserver.maxRspTime",
        System.getProperty("sun.net.httpserver.maxRspTime", "120"));
    CatalogServer.Builder b = CatalogServer.builder();
    SourcePolicy policy = SourcePolicy.defaults();
    Path sources = null;
    Optional<Path> secrets = Optional.empty();
    Optional<Path> cache = Optional.empty();
    UrlRewrites rewrites = UrlRewrites.none();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        usage(0);
      }
      if (option.equals("--allow-http")) {
        policy = policy.allowHttp(true);
        continue;
      }
      if (option.equals("--allow-local-sources")) {
        policy = policy.allowLocalSources(true);
        continue;
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
          case "--git-config" -> rewrites = rewrites.with(UrlRewrites.fromGitConfig(Path.of(value)));
          case "--insteadof" -> {
            int eq = value.indexOf('=');
            if (eq <= 0 || eq == value.length() - 1) {
              throw new ProfilesConfigurationException("expected BASE=PREFIX");
            }
            rewrites = rewrites.withInsteadOf(value.substring(0, eq), value.substring(eq + 1));
          }
          default -> {
            System.err.println("unknown option " + option);
            usage(2);
          }
        }
      } catch (IllegalArgumentException | ProfilesConfigurationException e) {
        System.err.println(option + " " + value + ": " + e.getMessage());
        usage(2);
      }
    }
    if (sources == null || !Files.isDirectory(sources)) {
      System.err.println(sources == null ? "--sources is required"
          : "--sources " + sources + " is not a directory");
      usage(2);
    }
    b.sources(sources).sourcePolicy(policy);
    GitRepositoryScanner.Builder scanner = GitRepositoryScanner.builder().sourcePolicy(policy)
        .urlRewrites(rewrites);
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
    System.err.println(String.join("\n",
        "usage: java -jar profiles-catalog-server.jar --sources DIR [options]",
        "  --sources DIR          the directory of ProfileCatalogSource files (*.yaml, *.yml)",
        "  --port N               the port to listen on (default 8000, 0 for any free port)",
        "  --host H               the address to bind (default 127.0.0.1; 0.0.0.0 in a"
            + " container)",
        "  --interval SECONDS     pause between the end of one refresh and the next"
            + " (default 60)",
        "  --cache DIR            the scanner's cache of fetched repositories",
        "  --secrets DIR          git credentials per secretRef:"
            + " DIR/<secretRef>/username|password|identity|passphrase|known_hosts",
        "  --insteadof BASE=PREFIX  fetch repositories whose URL starts with PREFIX from BASE",
        "                         instead (git's url.BASE.insteadOf; repeatable); entries keep",
        "                         the URL as written",
        "  --git-config FILE      read url.*.insteadOf rules from a git config file",
        "  --allow-http           also scan and serve plain http:// repositories (default:"
            + " refused; https, ssh and scp-like only)",
        "  --allow-local-sources  also scan and serve local paths and file:// repositories"
            + " (default: refused; installers would copy files from their own disk)",
        "ext::, fd:: and other schemes are always refused."));
    System.exit(status);
  }
}
