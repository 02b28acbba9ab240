package dev.profiles.benchmarks.catalog;

import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.yaml.ProfileYaml;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The catalog API under load: {@code CLIENTS} concurrent clients (64 by default), each with its
 * own HTTP client and keep-alive connection, send requests back to back for {@code SECONDS}
 * (30) to a real {@link CatalogServer} on loopback, after a warm-up, over an index of {@code
 * ENTRIES} entries (1,000: two catalog sources, profiles with four versions each). The route
 * mix is what {@code profiles get} and {@code profiles upgrade} send: 40% searches by name
 * (1 in 10 of them the empty query, every entry), 30% a profile's latest version, 20% one
 * version, 10% available updates. Every answer must be 200 with the expected JSON body; any
 * other answer or exception is an error, and the run fails unless there are none.
 *
 * <p>No process is started: server and clients share one JVM, so the numbers are the API's
 * (handler, index, JSON, HTTP/1.1 on loopback), not a pod's.
 *
 * <pre>
 * ./mvnw -B -o -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.profiles.benchmarks.catalog.CatalogApiLoad \
 *     64 30 1000 5 4 10   # clients, seconds, entries, warm-up s, server threads, % of
 *                         # searches that are the empty query
 * </pre>
 */
public final class CatalogApiLoad {
  private static final String[] NAMES = {"redis", "nginx", "postgres", "kafka", "mysql",
      "mongo", "grafana", "prometheus", "loki", "tempo", "vault", "consul", "istio", "linkerd",
      "envoy", "traefik", "cert", "external", "sealed", "argo", "flux", "tekton", "knative",
      "keda", "velero"};
  private static final int VERSIONS = 4;
  /** Per cent of the searches that are the empty query (every entry). */
  private static int emptySearches = 10;

  private CatalogApiLoad() {}

  /** One client's measurements: latencies in nanoseconds, errors, the first error seen. */
  private static final class Client {
    long[] latencies = new long[1 << 14];
    int count;
    long errors;

    void record(long nanos) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
    }
  }

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int entries = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int threads = args.length > 4 ? Integer.parseInt(args[4]) : 4;
    emptySearches = args.length > 5 ? Integer.parseInt(args[5]) : 10;
    int profiles = Math.max(1, entries / VERSIONS);

    Path dir = Files.createTempDirectory("catalog-api-load");
    List<String> ids = writeSources(dir, profiles);
    try (CatalogServer server = CatalogServer.builder().sources(dir).port(0).threads(threads)
        .build().start()) {
      server.refresh();
      int served = server.index().search("").size();
      URI base = server.uri();
      System.out.printf(Locale.ROOT, "catalog: %d entries (%d profiles x %d versions), server"
          + " threads %d, %d clients, warm-up %d s, measured %d s, empty searches %d%%,"
          + " %d cores, JDK %s%n",
          served, ids.size(), VERSIONS, threads, clients, warmup, seconds, emptySearches,
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
      run(base, ids, clients, warmup, false);
      Result r = run(base, ids, clients, seconds, true);
      System.out.printf(Locale.ROOT, "requests %d, errors %d, throughput %.0f req/s,"
          + " p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
          r.requests, r.errors, r.requests / (double) seconds, ms(r.p(0.50)), ms(r.p(0.90)),
          ms(r.p(0.99)), ms(r.p(0.999)), ms(r.sorted[r.sorted.length - 1]));
      if (!r.firstErrors.isEmpty()) {
        System.out.println("first errors: " + r.firstErrors);
      }
      if (r.errors > 0) {
        System.exit(1);
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }

  /** Two sources, {@code profiles} profiles split between them, four versions each. */
  private static List<String> writeSources(Path dir, int profiles) throws Exception {
    List<String> ids = new ArrayList<>();
    ProfileCatalogSource.Builder[] sources = {
        ProfileCatalogSource.builder().name("platform"),
        ProfileCatalogSource.builder().name("team")};
    for (int i = 0; i < profiles; i++) {
      String name = NAMES[i % NAMES.length] + "-" + i;
      int s = i % 2;
      for (int v = 0; v < VERSIONS; v++) {
        sources[s].addProfile(CatalogEntry.builder().name(name).tag(name + "/v1." + v + ".0")
            .description("deploys " + NAMES[i % NAMES.length] + " for the platform, number " + i)
            .url("https://github.com/org/profiles").maintainer("platform team").build());
      }
      ids.add(sources[s].build().name() + "/" + name);
    }
    for (ProfileCatalogSource.Builder b : sources) {
      ProfileCatalogSource source = b.build();
      Files.writeString(dir.resolve(source.name() + ".yaml"),
          ProfileYaml.strict().writeCatalogSource(source));
    }
    return ids;
  }

  private record Result(long requests, long errors, long[] sorted, List<String> firstErrors) {
    long p(double q) {
      return sorted.length == 0 ? 0
          : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
  }

  private static Result run(URI base, List<String> ids, int clients, int seconds,
      boolean measured) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    Client[] results = new Client[clients];
    ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
    AtomicLong errorCount = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Client client = new Client();
      results[c] = client;
      long seed = 0x9E3779B97F4A7C15L * (c + 1) + (measured ? 1 : 0);
      Thread t = new Thread(() -> {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
        SplittableRandom random = new SplittableRandom(seed);
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        while (System.nanoTime() < end) {
          String path = request(random, ids);
          long t0 = System.nanoTime();
          try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/" + path))
                .timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            long t1 = System.nanoTime();
            boolean ok = r.statusCode() == 200 && (r.body().startsWith("{\"item")
                || r.body().startsWith("{\"items"));
            if (ok) {
              client.record(t1 - t0);
            } else {
              client.errors++;
              if (errorCount.incrementAndGet() <= 5) {
                firstErrors.add(path + " -> " + r.statusCode() + " " + r.body()
                    .substring(0, Math.min(200, r.body().length())));
              }
            }
          } catch (Exception e) {
            client.errors++;
            if (errorCount.incrementAndGet() <= 5) {
              firstErrors.add(path + " -> " + e);
            }
          }
        }
      }, "load-client-" + c);
      workers.add(t);
      t.start();
    }
    start.countDown();
    for (Thread t : workers) {
      t.join();
    }
    long requests = 0;
    long errors = 0;
    int total = 0;
    for (Client c : results) {
      total += c.count;
      errors += c.errors;
    }
    long[] all = new long[total];
    int at = 0;
    for (Client c : results) {
      System.arraycopy(c.latencies, 0, all, at, c.count);
      at += c.count;
    }
    requests = total + errors;
    Arrays.sort(all);
    return new Result(requests, errors, all, List.copyOf(firstErrors));
  }

  /** One request of the mix, as a path relative to the server's base URI. */
  static String request(SplittableRandom random, List<String> ids) {
    int roll = random.nextInt(100);
    String id = ids.get(random.nextInt(ids.size()));
    if (roll < 40) {
      if (random.nextInt(100) < emptySearches) {
        return "v1/profiles";
      }
      String name = NAMES[random.nextInt(NAMES.length)];
      return "v1/profiles?name=" + name.substring(0, 2 + random.nextInt(name.length() - 2));
    }
    if (roll < 70) {
      return "v1/profiles/" + id;
    }
    if (roll < 90) {
      return "v1/profiles/" + id + "/v1." + random.nextInt(VERSIONS) + ".0";
    }
    return "v1/profiles/" + id + "/v1." + random.nextInt(VERSIONS - 1) + ".0/available_updates";
  }
}
