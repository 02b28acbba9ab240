package dev.profiles.benchmarks.catalog;

import dev.profiles.core.catalog.CatalogIndex;
import dev.profiles.core.model.CatalogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Search over a catalog of 100,000 entries, as the catalog server answers it (the index is built once per refresh; requests only read it). The goal is
 * a median search under 1 ms.
 *
 * <p>Catalog shapes ({@code versionsPerProfile}): 100,000 profiles with one version each (the
 * worst case for substring search: the most names to look through), and 10,000 profiles with
 * ten versions each. Names look like {@code redis-operator-4217}; queries are:
 * {@code rare} (one profile), {@code common} (a word in 1 of 40 names), {@code absent} (no
 * match), {@code empty} (everything).
 *
 * <pre>
 * ./mvnw -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar CatalogSearchBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CatalogSearchBenchmark {
  static final int ENTRIES = 100_000;
  private static final String[] FIRST = {"redis", "nginx", "postgres", "kafka", "mysql",
      "mongo", "grafana", "prometheus", "loki", "tempo", "vault", "consul", "istio", "linkerd",
      "envoy", "traefik", "cert", "external", "sealed", "argo", "flux", "tekton", "knative",
      "keda", "velero", "harbor", "jaeger", "elastic", "fluentbit", "minio", "rabbitmq", "nats",
      "etcd", "coredns", "calico", "cilium", "metallb", "longhorn", "rook", "spark"};
  private static final String[] SECOND = {"operator", "server", "agent", "stack", "gateway",
      "exporter", "dashboards", "controller", "proxy", "cluster", "ingress", "secrets", "dns",
      "backup", "registry", "collector", "mesh", "cache", "queue", "db", "ui", "api", "sync",
      "webhook", "crds"};

  @Param({"1", "10"})
  public int versionsPerProfile;

  @Param({"rare", "common", "absent", "empty"})
  public String query;

  private CatalogIndex index;
  private String q;

  static String name(int i) {
    return FIRST[i % FIRST.length] + "-" + SECOND[(i / FIRST.length) % SECOND.length] + "-" + i;
  }

  /** {@code ENTRIES} entries in two catalog sources. */
  static List<CatalogEntry> catalog(int versionsPerProfile) {
    List<CatalogEntry> out = new ArrayList<>(ENTRIES);
    int profiles = ENTRIES / versionsPerProfile;
    for (int p = 0; p < profiles; p++) {
      String name = name(p);
      for (int v = 0; v < versionsPerProfile; v++) {
        out.add(CatalogEntry.builder().name(name).tag(name + "/v1." + v + ".0")
            .catalogSource(p % 2 == 0 ? "platform" : "community")
            .url("https://github.com/org/profiles").description("deploys " + name).build());
      }
    }
    return out;
  }

  @Setup
  public void setUp() {
    index = CatalogIndex.of(catalog(versionsPerProfile));
    int profiles = ENTRIES / versionsPerProfile;
    q = switch (query) {
      case "rare" -> name(profiles / 2);
      case "common" -> "prometheus";
      case "absent" -> "does-not-exist";
      default -> "";
    };
    if (index.size() != ENTRIES) {
      throw new IllegalStateException("expected " + ENTRIES + " entries");
    }
  }

  @Benchmark
  public List<CatalogEntry> search() {
    return index.search(q);
  }
}
