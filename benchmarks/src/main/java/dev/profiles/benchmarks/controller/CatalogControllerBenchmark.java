package dev.profiles.benchmarks.controller;

import dev.profiles.catalog.controller.CatalogController;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Whole-process harness for issue 12's target: {@code sources} ProfileCatalogSources (default
 * 500) × 2 repositories × {@code tags} tags (default 100) created in kubernetes-server-mock (CRUD
 * mode) and scanned by one {@link CatalogController} from a loopback smart-HTTP git server. It
 * reports the time from the first creation to every entry served (checked at the end by one
 * {@code GET /v1/profiles} over HTTP), the time until every status is written, the peak heap of
 * the process (controller, mock API server and git server share it) and the heap after a full GC
 * with everything loaded, and then one unchanged rescan: its duration, its ref advertisements
 * and packs (it fails unless it is exactly one advertisement per repository and no pack).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.profiles.benchmarks.controller.CatalogControllerBenchmark [sources [tags]]
 * }</pre>
 */
public final class CatalogControllerBenchmark {
  private static final ResourceDefinitionContext SOURCES = new ResourceDefinitionContext.Builder()
      .withGroup("weave.works").withVersion("v1alpha1").withKind("ProfileCatalogSource")
      .withPlural("profilecatalogsources").withNamespaced(true).build();

  /** Held: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

  private CatalogControllerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int sources = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int tags = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Path work = Files.createTempDirectory("catalog-controller-bench");
    long t0 = System.nanoTime();
    List<String> urls = new ArrayList<>();
    for (int r = 0; r < sources * 2; r++) {
      String name = "app-" + r;
      try (ProfileRepoFixture repo = ProfileRepoFixture.create(work.resolve("repos")
          .resolve(name + ".git"))) {
        repo.profile(name, ProfileYamls.profile(name).kustomize("app", "app").toYaml())
            .file(name + "/app/deploy.yaml", "kind: Deployment\n").commit("release");
        for (int t = 0; t < tags; t++) {
          repo.tag(name + "/v1." + (t / 10) + "." + (t % 10));
        }
      }
    }
    System.out.printf("fixtures: %d repositories x %d tags in %d ms%n", sources * 2, tags,
        (System.nanoTime() - t0) / 1_000_000);

    KubernetesMockServer k8s = new KubernetesMockServer(new Context(), new MockWebServer(),
        new HashMap<>(), new KubernetesCrudDispatcher(), false);
    k8s.init(InetAddress.getLoopbackAddress(), 0);
    try (GitHttpServer git = GitHttpServer.builder(work.resolve("repos")).start();
        KubernetesClient admin = k8s.createClient();
        KubernetesClient own = k8s.createClient()) {
      for (int r = 0; r < sources * 2; r++) {
        urls.add(git.url("app-" + r + ".git"));
      }
      try (InputStream crd = CatalogControllerBenchmark.class.getClassLoader()
          .getResourceAsStream(
              "dev/profiles/flux/crds/profiles/weave.works_profilecatalogsources.yaml")) {
        CustomResourceDefinition d = admin.apiextensions().v1().customResourceDefinitions()
            .load(crd).item();
        admin.apiextensions().v1().customResourceDefinitions().resource(d).create();
      }
      try (CatalogController controller = CatalogController.builder().client(own).port(0)
          .sourcePolicy(SourcePolicy.defaults().allowHttp(true))
          .rescanInterval(Duration.ofHours(1)).cacheDirectory(work.resolve("cache"))
          .workDirectory(work.resolve("work")).identity("bench")
          .leaseNamespace("profiles-system").build().start()) {
        if (!controller.awaitReady(Duration.ofMinutes(1))) {
          throw new IllegalStateException("the controller did not become ready");
        }
        await(Duration.ofMinutes(1), controller::isLeader);
        System.gc();
        resetPeaks();
        long expected = (long) sources * 2 * tags;
        long start = System.nanoTime();
        for (int s = 0; s < sources; s++) {
          GenericKubernetesResource r = new GenericKubernetesResourceBuilder()
              .withApiVersion("weave.works/v1alpha1").withKind("ProfileCatalogSource")
              .withNewMetadata().withNamespace("team-" + (s % 10)).withName("source-" + s)
              .endMetadata().build();
          r.setAdditionalProperty("spec", Map.of("repositories", List.of(
              Map.of("url", urls.get(2 * s)), Map.of("url", urls.get(2 * s + 1)))));
          admin.genericKubernetesResources(SOURCES).inNamespace("team-" + (s % 10))
              .resource(r).create();
        }
        long created = System.nanoTime();
        await(Duration.ofMinutes(30), () -> controller.index().size() == expected);
        long served = System.nanoTime();
        HttpResponse<String> all = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(controller.uri() + "/v1/profiles")).build(),
            HttpResponse.BodyHandlers.ofString());
        int count = all.body().split("\"catalogSource\"", -1).length - 1;
        if (all.statusCode() != 200 || count != expected) {
          throw new IllegalStateException("served " + count + " entries, expected " + expected);
        }
        await(Duration.ofMinutes(30), () -> controller.statusWrites() >= sources);
        long statuses = System.nanoTime();
        long peak = peakHeap();
        System.gc();
        long retained = usedHeap();
        System.out.printf("created %d sources in %d ms%n", sources, ms(start, created));
        System.out.printf("creation to every entry served (%d entries): %d ms%n", expected,
            ms(start, served));
        System.out.printf("creation to every status written: %d ms (%d writes)%n",
            ms(start, statuses), controller.statusWrites());
        System.out.printf("GET /v1/profiles (all %d entries): %d bytes%n", count,
            all.body().length());
        System.out.printf("peak heap during the sync: %d MiB; heap after GC, all loaded: %d MiB%n",
            peak >> 20, retained >> 20);
        String metrics = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(controller.uri() + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        metrics.lines().filter(l -> l.startsWith("profiles_catalog_scan_duration_seconds_sum")
            || l.startsWith("profiles_catalog_source_scans_total"))
            .forEach(l -> System.out.println("metrics: " + l));

        int requests = git.uploadPackRequests();
        int packs = git.packsSent();
        long scans = controller.scans();
        long writes = controller.statusWrites();
        long r0 = System.nanoTime();
        controller.rescanNow();
        await(Duration.ofMinutes(30), () -> controller.scans() >= scans + sources);
        long r1 = System.nanoTime();
        int advertisements = git.uploadPackRequests() - requests;
        int newPacks = git.packsSent() - packs;
        System.out.printf("unchanged rescan of %d sources: %d ms, %d upload-pack requests for"
            + " %d repositories, %d packs, %d status writes%n", sources, ms(r0, r1),
            advertisements, sources * 2, newPacks, controller.statusWrites() - writes);
        if (advertisements != sources * 2 || newPacks != 0) {
          throw new IllegalStateException("an unchanged rescan must be one advertisement per"
              + " repository and no pack");
        }
      }
    } finally {
      k8s.destroy();
    }
  }

  private static long ms(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private static void await(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout);
      }
      Thread.sleep(20);
    }
  }

  private static void resetPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
