package dev.profiles.catalog.controller.internal;

import dev.profiles.catalog.controller.CatalogController;
import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.git.UrlRewrites;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code java -jar profiles-catalog-controller-<version>-runnable.jar [options]}: runs the
 * catalog controller until SIGTERM, then stops gracefully (Lease released, informers stopped,
 * requests drained). The Kubernetes connection is fabric8's default: the pod's service account
 * in a cluster, else {@code $KUBECONFIG} or {@code ~/.kube/config}. See the module's README.
 */
public final class Main {
  private static final String SERVICE_ACCOUNT_NAMESPACE =
      "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

  private Main() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("sun.net.httpserver.maxReqTime",
        System.getProperty("sun.net.httpserver.maxReqTime", "30"));
    System.setProperty("sun.net.httpserver.maxRspTime",
        System.getProperty("sun.net.httpserver.maxRspTime", "120"));
    Map<String, String> env = System.getenv();
    KubernetesClient client = new KubernetesClientBuilder().build();
    CatalogController.Builder b;
    try {
      b = configure(args, env, client);
    } catch (ProfilesConfigurationException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      client.close();
      usage(2);
      return;
    }
    CatalogController controller = b.build().start();
    System.out.println("catalog controller listening on " + controller.uri());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      controller.close();
      client.close();
      stopped.countDown();
    }, "catalog-shutdown"));
    stopped.await();
  }

  /** The controller's configuration from the command line, then the environment. */
  static CatalogController.Builder configure(String[] args, Map<String, String> env,
      KubernetesClient client) throws IOException {
    CatalogController.Builder b = CatalogController.builder().client(client).host("0.0.0.0");
    Optional.ofNullable(env.get("POD_NAME")).filter(s -> !s.isBlank()).ifPresent(b::identity);
    SourcePolicy policy = SourcePolicy.defaults();
    UrlRewrites rewrites = UrlRewrites.none();
    Optional<String> namespaces = Optional.ofNullable(env.get("WATCH_NAMESPACES"));
    Optional<String> leaseNamespace = Optional.ofNullable(env.get("POD_NAMESPACE"))
        .filter(s -> !s.isBlank());
    boolean noElection = false;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--help", "-h" -> usage(0);
        case "--allow-http" -> {
          policy = policy.allowHttp(true);
          continue;
        }
        case "--allow-local-sources" -> {
          policy = policy.allowLocalSources(true);
          continue;
        }
        case "--no-leader-election" -> {
          noElection = true;
          continue;
        }
        default -> { }
      }
      if (i + 1 >= args.length) {
        throw new ProfilesConfigurationException("missing value for " + option);
      }
      String value = args[++i];
      try {
        switch (option) {
          case "--port" -> b.port(Integer.parseInt(value));
          case "--host" -> b.host(value);
          case "--namespaces" -> namespaces = Optional.of(value);
          case "--rescan-interval" -> b.rescanInterval(Duration.ofSeconds(Long.parseLong(value)));
          case "--lease-name" -> b.leaseName(value);
          case "--lease-namespace" -> leaseNamespace = Optional.of(value);
          case "--identity" -> b.identity(value);
          case "--cache" -> b.cacheDirectory(Path.of(value));
          case "--work-dir" -> b.workDirectory(Path.of(value));
          case "--scan-threads" -> b.scanThreads(Integer.parseInt(value));
          case "--threads" -> b.threads(Integer.parseInt(value));
          case "--drain-seconds" -> b.drain(Duration.ofSeconds(Long.parseLong(value)));
          case "--git-config" -> rewrites = rewrites.with(UrlRewrites.fromGitConfig(Path.of(value)));
          case "--insteadof" -> {
            int eq = value.indexOf('=');
            if (eq <= 0 || eq == value.length() - 1) {
              throw new ProfilesConfigurationException("expected BASE=PREFIX");
            }
            rewrites = rewrites.withInsteadOf(value.substring(0, eq), value.substring(eq + 1));
          }
          default -> throw new ProfilesConfigurationException("unknown option " + option);
        }
      } catch (IllegalArgumentException | ProfilesConfigurationException e) {
        throw new ProfilesConfigurationException(option + " " + value + ": " + e.getMessage());
      }
    }
    namespaces.ifPresent(n -> b.namespaces(Arrays.stream(n.split(",")).map(String::strip)
        .filter(s -> !s.isEmpty()).collect(Collectors.toSet())));
    if (leaseNamespace.isEmpty()) {
      Path sa = Path.of(SERVICE_ACCOUNT_NAMESPACE);
      if (Files.isRegularFile(sa)) {
        leaseNamespace = Optional.of(Files.readString(sa, StandardCharsets.UTF_8).strip());
      }
    }
    if (!noElection) {
      leaseNamespace.ifPresent(b::leaseNamespace);
    }
    return b.sourcePolicy(policy).urlRewrites(rewrites);
  }

  private static void usage(int status) {
    System.err.println(String.join("\n",
        "usage: java -jar profiles-catalog-controller-runnable.jar [options]",
        "  --namespaces A,B       namespaces to watch (default: all; env WATCH_NAMESPACES)",
        "  --port N               the port of the API, /healthz, /readyz, /metrics (default 8000)",
        "  --host H               the address to bind (default 0.0.0.0)",
        "  --rescan-interval S    seconds between periodic rescans of every source (default 300)",
        "  --lease-name NAME      the coordination.k8s.io Lease (default"
            + " profiles-catalog-controller)",
        "  --lease-namespace NS   its namespace (default: env POD_NAMESPACE, else the service"
            + " account's namespace; without any, no election: this replica writes status)",
        "  --identity ID          this replica in the Lease (default: env POD_NAME, else host name)",
        "  --no-leader-election   never elect: this replica always writes status",
        "  --cache DIR            the scanner's cache of fetched repositories",
        "  --work-dir DIR         private directory for Secret files (default"
            + " $TMPDIR/profiles-catalog-controller)",
        "  --scan-threads N       sources scanned at once (default 4)",
        "  --threads N            HTTP threads (default 8)",
        "  --drain-seconds S      on SIGTERM, how long requests in progress may finish"
            + " (default 5)",
        "  --insteadof BASE=PREFIX  fetch repositories whose URL starts with PREFIX from BASE",
        "  --git-config FILE      read url.*.insteadOf rules from a git config file",
        "  --allow-http           also scan and serve plain http:// repositories",
        "  --allow-local-sources  also scan and serve local paths and file:// repositories"));
    System.exit(status);
  }

}
