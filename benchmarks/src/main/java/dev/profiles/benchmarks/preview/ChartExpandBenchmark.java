package dev.profiles.benchmarks.preview;

import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.HttpServer;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.preview.Expansion;
import dev.profiles.core.preview.ExpansionContext;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectId;
import dev.profiles.preview.HelmReleaseExpander;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Expands one HelmRelease as flux-render writes it for a remote chart (HelmRepository over
 * HTTP, valuesFrom the profile's default values then the user's ConfigMap): the chart is
 * {@code helm create}'s (with these values: ServiceAccount, Service, Deployment, Ingress), packaged
 * with helm-java and served with its {@code index.yaml} by the JDK's HttpServer on loopback.
 *
 * <ul>
 *   <li>{@code warm}: one long-lived expander; the archive is cached, the index is fetched
 *       every time (as a preview must, to see a new version): index GET, values merge,
 *       {@code helm template} and {@code helm show crds} in-process, parsing.
 *   <li>{@code cold}: a new expander every time (downloads the archive too); the embedded Helm
 *       library is loaded once per JVM, in set-up.
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ChartExpandBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ChartExpandBenchmark {
  private Path work;
  private HttpServer server;
  private Side side;
  private KubeObject release;
  private HelmReleaseExpander warm;

  @Setup
  public void setUp() throws Exception {
    work = Files.createTempDirectory("chart-expand-bench");
    Helm chart = Helm.create().withName("web").withDir(work).call();
    chart.packageIt().withDestination(work).call();
    byte[] archive = Files.readAllBytes(work.resolve("web-0.1.0.tgz"));
    byte[] index = """
        apiVersion: v1
        entries:
          web:
          - apiVersion: v2
            name: web
            version: 0.1.0
            urls: [web-0.1.0.tgz]
        """.getBytes(StandardCharsets.UTF_8);
    // The JDK's HttpServer leaves Nagle on by default: with the client's delayed ACK every
    // response then waits ~40 ms, a cost of this stand-in server, not of the SDK (measured:
    // 47 ms per loopback GET without, 3 ms with).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body = path.endsWith("/index.yaml") ? index
          : path.endsWith("/web-0.1.0.tgz") ? archive : null;
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
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/charts";
    String dir = "clusters/dev/my-web/artifacts/web/helm-chart/";
    side = new Side(List.of(
        object(dir + "HelmRelease.yaml", "helm.toolkit.fluxcd.io/v2", "HelmRelease",
            "my-web-web", Map.of("spec", Map.of(
                "chart", Map.of("spec", Map.of("chart", "web", "version", "0.1.0",
                    "sourceRef", Map.of("kind", "HelmRepository", "name", "my-web-web",
                        "namespace", "apps"))),
                "interval", "5m", "releaseName", "web",
                "valuesFrom", List.of(
                    Map.of("kind", "ConfigMap", "name", "my-web-web-defaultvalues",
                        "valuesKey", "default-values.yaml"),
                    Map.of("kind", "ConfigMap", "name", "my-values", "valuesKey", "web"))))),
        object(dir + "HelmRepository.yaml", "source.toolkit.fluxcd.io/v1", "HelmRepository",
            "my-web-web", Map.of("spec", Map.of("url", url, "interval", "5m"))),
        object(dir + "ConfigMap.yaml", "v1", "ConfigMap", "my-web-web-defaultvalues",
            Map.of("data", Map.of("default-values.yaml",
                "replicaCount: 2\nservice: {type: ClusterIP}\n"))),
        object("clusters/dev/my-values.yaml", "v1", "ConfigMap", "my-values",
            Map.of("data", Map.of("web", "replicaCount: 3\ningress: {enabled: true}\n")))));
    release = side.objects().stream().filter(o -> o.id().kind().equals("HelmRelease"))
        .findFirst().orElseThrow();
    warm = new HelmReleaseExpander();
    Expansion first = warm.expand(release, side);
    if (first.objects().size() < 4) {
      throw new IllegalStateException("expected helm create's objects, got " + first);
    }
  }

  private static KubeObject object(String file, String apiVersion, String kind, String name,
      Map<String, Object> rest) {
    Map<String, Object> content = new java.util.LinkedHashMap<>();
    content.put("apiVersion", apiVersion);
    content.put("kind", kind);
    content.put("metadata", Map.of("name", name, "namespace", "apps"));
    content.putAll(rest);
    return KubeObject.builder().id(new ObjectId(apiVersion, kind, "apps", name))
        .content(content).file(file).build();
  }

  @TearDown
  public void tearDown() throws IOException {
    server.stop(0);
    try (Stream<Path> walk = Files.walk(work)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Benchmark
  public Expansion warm() throws ProfilesException {
    return warm.expand(release, side);
  }

  @Benchmark
  public Expansion cold() throws ProfilesException {
    return new HelmReleaseExpander().expand(release, side);
  }

  /** The side: the declared objects; no other files (the chart is remote). */
  private record Side(List<KubeObject> objects) implements ExpansionContext {
    @Override
    public Optional<byte[]> readFile(String path) {
      return Optional.empty();
    }

    @Override
    public List<String> listFiles(String path) {
      return List.of();
    }
  }
}
