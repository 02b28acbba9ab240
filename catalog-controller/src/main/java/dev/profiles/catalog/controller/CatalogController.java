package dev.profiles.catalog.controller;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.profiles.catalog.controller.internal.Metrics;
import dev.profiles.catalog.controller.internal.SecretScanner;
import dev.profiles.catalog.controller.internal.SourceStatusDocument;
import dev.profiles.catalog.server.SourceStatus;
import dev.profiles.catalog.server.internal.CatalogLoader;
import dev.profiles.catalog.server.internal.HttpServers;
import dev.profiles.catalog.server.internal.ServerSettings;
import dev.profiles.catalog.server.internal.WebHandler;
import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.catalog.CatalogIndex;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.rules.ControlCharacters;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.core.yaml.ProfileYaml;
import dev.profiles.git.UrlRewrites;
import dev.profiles.git.catalog.GitRepositoryScanner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog on Kubernetes: watches {@code ProfileCatalogSource} resources ({@code
 * weave.works/v1alpha1}) in all namespaces or a configured set, scans their repositories with
 * the one-fetch git scanner (credentials from the Secrets their {@code secretRef}s name), and
 * serves the same catalog API as the file-mode {@link dev.profiles.catalog.server.CatalogServer}
 * with the same handler, plus {@code /healthz}, {@code /readyz} and Prometheus {@code /metrics}.
 *
 * <p>Why every replica scans: each replica runs its own informers and scans every source
 * itself, so every replica answers reads from a current, local index and nothing is lost when
 * one dies; scans are incremental (an unchanged repository costs one ref advertisement and no
 * pack). Exactly one replica, the holder of a {@code coordination.k8s.io} Lease, writes {@code
 * .status} through the status subresource, and only when something other than a time changed.
 *
 * <p>Bad resources never stop the controller: an invalid spec, an unreachable or refused
 * repository, a missing Secret — each is reported in that resource's status ({@code Ready}
 * false with a reason) and the rest is served. A source is rescanned when its spec changes,
 * when a Secret it references changes, and every {@link Builder#rescanInterval rescan
 * interval}. Deleting a source removes its entries at once.
 *
 * <pre>{@code
 * try (KubernetesClient client = new KubernetesClientBuilder().build();
 *     CatalogController controller = CatalogController.builder()
 *         .client(client).host("0.0.0.0").port(8000)
 *         .leaseNamespace("profiles-system").identity(System.getenv("POD_NAME"))
 *         .build().start()) {
 *   controller.awaitReady(Duration.ofMinutes(5));
 *   ...
 * }
 * }</pre>
 */
public final class CatalogController implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("dev.profiles.catalog.controller");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The ProfileCatalogSource resource: group weave.works, version v1alpha1, namespaced. */
  static final ResourceDefinitionContext SOURCES = new ResourceDefinitionContext.Builder()
      .withGroup("weave.works").withVersion("v1alpha1").withKind("ProfileCatalogSource")
      .withPlural("profilecatalogsources").withNamespaced(true).build();

  private final Builder config;
  private final KubernetesClient client;
  private final Metrics metrics;
  private final Map<String, CatalogLoader> loaders = new ConcurrentHashMap<>();
  private final Map<String, Known> known = new ConcurrentHashMap<>();
  private final Set<String> dirty = new LinkedHashSet<>();
  private final Object dirtyLock = new Object();
  /** Sources being scanned now; guarded by {@link #dirtyLock}. */
  private final Set<String> inFlight = new java.util.HashSet<>();
  /** Sources scanned since the last publish; guarded by {@link #dirtyLock}. */
  private final Set<String> unwritten = new java.util.HashSet<>();
  /** Whether a scan finished since the last publish; guarded by {@link #dirtyLock}. */
  private boolean changed;
  private static final long PUBLISH_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
  private final CountDownLatch readyLatch = new CountDownLatch(1);
  private final List<SharedIndexInformer<GenericKubernetesResource>> sourceInformers =
      new ArrayList<>();
  private final List<SharedIndexInformer<Secret>> secretInformers = new ArrayList<>();
  private volatile CatalogLoader.Snapshot snapshot;
  private volatile boolean leader;
  private volatile boolean stopping;
  private volatile boolean syncFailed;
  private volatile Set<String> initialPending;
  private SecretScanner scanner;
  private HttpServer http;
  private ExecutorService httpWorkers;
  private ExecutorService scanPool;
  private ScheduledExecutorService scheduler;
  private Thread reconciler;
  private volatile CompletableFuture<?> election;
  private volatile LeaderElector elector;
  private LeaderElectionConfig electionConfig;
  private ExecutorService electionExecutor;
  private boolean started;
  private boolean closed;

  /** What the controller knows of one source: the last load and what it was loaded from. */
  private record Known(String namespace, String name, long generation,
      Optional<ProfileCatalogSource> source, boolean invalidSpec, CatalogLoader.Loaded loaded) {}

  private CatalogController(Builder config) {
    this.config = config;
    this.client = config.client;
    this.metrics = new Metrics(() -> index().size(), known::size, () -> leader ? 1 : 0,
        () -> isReady() ? 1 : 0);
  }

  /** A builder; {@link Builder#client} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port, starts the informers, the reconciler, the periodic rescans and the leader
   * election, and returns; {@link #awaitReady} waits for the first full sync.
   *
   * @return this controller
   * @throws IOException when the port cannot be bound or the work directory not created
   * @throws ProfilesConfigurationException when already started
   */
  public synchronized CatalogController start() throws IOException {
    if (started) {
      throw new ProfilesConfigurationException("the catalog controller is already started");
    }
    started = true;
    Path work = Files.createDirectories(config.workDirectory);
    try {
      // It will hold the files of Secrets: owner only.
      Files.setPosixFilePermissions(work,
          java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException notPosix) {
      // Not a POSIX file system: its own protection applies.
    }
    Optional<Path> cache = config.cacheDirectory;
    scanner = new SecretScanner(this::secret, () -> {
      GitRepositoryScanner.Builder b = GitRepositoryScanner.builder()
          .sourcePolicy(config.policy).urlRewrites(config.rewrites);
      cache.ifPresent(b::cacheDirectory);
      return b;
    }, work);

    http = HttpServers.create(config.host, config.port);
    httpWorkers = Executors.newFixedThreadPool(config.threads, daemonThreads("catalog-http"));
    http.setExecutor(httpWorkers);
    http.createContext("/", new WebHandler(() -> isReady()
        ? Optional.ofNullable(snapshot) : Optional.empty()));
    http.createContext("/healthz", e -> plain(e, healthy() ? 200 : 503,
        healthy() ? "ok\n" : "the reconciler stopped\n"));
    http.createContext("/readyz", e -> plain(e, isReady() ? 200 : 503,
        isReady() ? "ready\n" : "not ready: the first sync is not finished\n"));
    http.createContext("/metrics", e -> send(e, 200,
        "text/plain; version=0.0.4; charset=utf-8", metrics.text()));
    http.start();

    scanPool = Executors.newFixedThreadPool(config.scanThreads, daemonThreads("catalog-scan"));
    startInformers();
    reconciler = new Thread(this::reconcileLoop, "catalog-reconciler");
    reconciler.setDaemon(true);
    reconciler.start();
    scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("catalog-rescan"));
    long every = config.rescanInterval.toMillis();
    scheduler.scheduleWithFixedDelay(this::rescanAll, every, every, TimeUnit.MILLISECONDS);
    startElection();
    LOG.info("catalog controller {} listening on {}, watching {}", config.identity, uri(),
        config.namespaces.isEmpty() ? "all namespaces" : config.namespaces);
    return this;
  }

  private void startInformers() {
    List<Optional<String>> scopes = config.namespaces.isEmpty()
        ? List.of(Optional.empty())
        : config.namespaces.stream().map(Optional::of).toList();
    for (Optional<String> ns : scopes) {
      var sources = ns.isPresent()
          ? client.genericKubernetesResources(SOURCES).inNamespace(ns.get())
          : client.genericKubernetesResources(SOURCES).inAnyNamespace();
      SharedIndexInformer<GenericKubernetesResource> si = sources.runnableInformer(0);
      si.addEventHandler(new ResourceEventHandler<>() {
        @Override
        public void onAdd(GenericKubernetesResource r) {
          markDirty(key(r));
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
          // A status write (ours) changes neither: it must not cause a rescan.
          if (!Objects.equals(spec(before), spec(after))
              || !Objects.equals(generation(before), generation(after))) {
            markDirty(key(after));
          }
        }

        @Override
        public void onDelete(GenericKubernetesResource r, boolean unknownFinalState) {
          markDirty(key(r));
        }
      });
      sourceInformers.add(si);
      var secrets = ns.isPresent() ? client.secrets().inNamespace(ns.get())
          : client.secrets().inAnyNamespace();
      SharedIndexInformer<Secret> secretInformer = secrets.runnableInformer(0);
      secretInformer.addEventHandler(new ResourceEventHandler<>() {
        @Override
        public void onAdd(Secret s) {
          secretChanged(s);
        }

        @Override
        public void onUpdate(Secret before, Secret after) {
          if (!Objects.equals(before.getData(), after.getData())) {
            secretChanged(after);
          }
        }

        @Override
        public void onDelete(Secret s, boolean unknownFinalState) {
          secretChanged(s);
        }
      });
      secretInformers.add(secretInformer);
    }
    // Secrets first: the first scans then find the credentials they need.
    List<CompletableFuture<Void>> syncs = new ArrayList<>();
    secretInformers.forEach(i -> syncs.add(i.start().toCompletableFuture()));
    sourceInformers.forEach(i -> syncs.add(i.start().toCompletableFuture()));
    CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
      if (e != null) {
        LOG.error("the informers did not sync: {}", e.toString());
        syncFailed = true;
        return;
      }
      Set<String> keys = new TreeSet<>();
      sourceInformers.forEach(i -> i.getStore().list().forEach(r -> keys.add(key(r))));
      Set<String> pending = ConcurrentHashMap.newKeySet();
      pending.addAll(keys);
      synchronized (dirtyLock) {
        initialPending = pending;
        dirty.addAll(keys);
        // Wakes the reconciler even when there is no source: the first sync is then complete.
        dirtyLock.notifyAll();
      }
    });
  }

  private void startElection() {
    if (config.leaseNamespace.isEmpty()) {
      // No election configured: a single replica that always writes status.
      becameLeader();
      return;
    }
    electionConfig = new LeaderElectionConfig(
        new LeaseLock(config.leaseNamespace.get(), config.leaseName, config.identity),
        config.leaseDuration, config.renewDeadline, config.retryPeriod,
        new LeaderCallbacks(this::becameLeader, this::lostLeadership,
            id -> LOG.info("the catalog leader is {}", id)),
        true, config.leaseName);
    electionExecutor = Executors.newCachedThreadPool(daemonThreads("catalog-election"));
    standForElection();
  }

  /**
   * Runs one election: fabric8's elector ends when it loses the Lease (a renewal that failed
   * past the deadline, another holder), so a replica that lost it stands again, else it would
   * never lead again and, in time, no replica would write status.
   */
  private synchronized void standForElection() {
    if (stopping) {
      return;
    }
    elector = new LeaderElector(client, electionConfig, electionExecutor);
    CompletableFuture<?> running = elector.start();
    election = running;
    running.whenComplete((v, e) -> {
      if (!stopping) {
        LOG.info("{} stands for election again", config.identity);
        try {
          scheduler.schedule(this::standForElection, config.retryPeriod.toMillis(),
              TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
          // Closing.
        }
      }
    });
  }

  private void becameLeader() {
    LOG.info("{} leads: it writes the status of every source", config.identity);
    leader = true;
    // Bring every status up to date; writes are skipped where the cluster already agrees.
    ExecutorService pool = scanPool;
    if (pool != null && !pool.isShutdown()) {
      for (String key : List.copyOf(known.keySet())) {
        try {
          pool.submit(() -> writeStatusQuietly(key, false));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
          return;
        }
      }
    }
  }

  private void lostLeadership() {
    if (leader) {
      LOG.info("{} no longer leads", config.identity);
    }
    leader = false;
  }

  // ---- the reconciler ---------------------------------------------------------------------

  private void markDirty(String key) {
    synchronized (dirtyLock) {
      dirty.add(key);
      dirtyLock.notifyAll();
    }
  }

  private void rescanAll() {
    known.keySet().forEach(this::markDirty);
  }

  /**
   * Rescans every source now, as the rescan interval does, without waiting for it; returns at
   * once (the scans run in the background; {@link #scans()} counts them).
   */
  public void rescanNow() {
    rescanAll();
  }

  private void secretChanged(Secret s) {
    String ns = s.getMetadata().getNamespace();
    String name = s.getMetadata().getName();
    for (SharedIndexInformer<GenericKubernetesResource> i : sourceInformers) {
      for (GenericKubernetesResource r : i.getStore().list()) {
        if (ns.equals(r.getMetadata().getNamespace()) && references(r, name)) {
          markDirty(key(r));
        }
      }
    }
  }

  private static boolean references(GenericKubernetesResource r, String secret) {
    if (spec(r) instanceof Map<?, ?> spec && spec.get("repositories") instanceof List<?> repos) {
      for (Object o : repos) {
        if (o instanceof Map<?, ?> repo && repo.get("secretRef") instanceof Map<?, ?> ref
            && secret.equals(ref.get("name"))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Starts a scan for every dirty source that is not being scanned (one scan per source at a
   * time; a source changed during its scan is scanned again after it), and publishes the index
   * when scans finished: at once when nothing is running, else at most every {@link
   * #PUBLISH_EVERY_NANOS} (building the index of 100,000 entries takes a few hundred
   * milliseconds, so a burst of 500 new sources must not rebuild it 500 times). A slow
   * repository delays only its own source.
   */
  private void reconcileLoop() {
    long lastPublish = System.nanoTime();
    while (!stopping) {
      List<String> start = new ArrayList<>();
      List<String> toWrite;
      boolean publishNow;
      synchronized (dirtyLock) {
        while (true) {
          if (stopping) {
            return;
          }
          for (java.util.Iterator<String> it = dirty.iterator(); it.hasNext(); ) {
            String key = it.next();
            if (!inFlight.contains(key)) {
              it.remove();
              inFlight.add(key);
              start.add(key);
            }
          }
          boolean idle = inFlight.size() == start.size() && start.isEmpty();
          publishNow = firstSyncDue() || changed
              && (idle || System.nanoTime() - lastPublish >= PUBLISH_EVERY_NANOS);
          if (!start.isEmpty() || publishNow) {
            break;
          }
          try {
            dirtyLock.wait(changed ? 100 : 1000);
          } catch (InterruptedException e) {
            return;
          }
        }
        if (publishNow) {
          changed = false;
          toWrite = List.copyOf(unwritten);
          unwritten.clear();
        } else {
          toWrite = List.of();
        }
      }
      try {
        for (String key : start) {
          scanPool.execute(() -> {
            try {
              reconcileQuietly(key);
            } finally {
              finished(key);
            }
          });
        }
        if (publishNow) {
          publish();
          lastPublish = System.nanoTime();
          // Status after publishing: Ready=True means this replica serves the entries.
          for (String key : toWrite) {
            scanPool.execute(() -> writeStatusQuietly(key, false));
          }
          Set<String> pending = initialPending;
          if (pending != null && pending.isEmpty() && readyLatch.getCount() > 0) {
            LOG.info("first sync complete: {} sources, {} entries", known.size(),
                index().size());
            readyLatch.countDown();
          }
        }
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return;
      } catch (Throwable e) {
        // The loop must survive anything: the next event or interval tries again.
        if (!stopping) {
          LOG.error("reconciling failed", e);
        }
      }
    }
  }

  private void finished(String key) {
    synchronized (dirtyLock) {
      inFlight.remove(key);
      unwritten.add(key);
      changed = true;
      Set<String> pending = initialPending;
      if (pending != null) {
        pending.remove(key);
      }
      dirtyLock.notifyAll();
    }
  }

  /** Whether the informers have synced and everything found then has been scanned. */
  private boolean firstSyncDue() {
    Set<String> pending = initialPending;
    return pending != null && pending.isEmpty() && readyLatch.getCount() > 0;
  }

  private void reconcileQuietly(String key) {
    try {
      reconcile(key);
    } catch (Throwable e) {
      LOG.error("{}: reconciling failed", key, e);
    }
  }

  private void reconcile(String key) {
    Optional<GenericKubernetesResource> found = lookup(key);
    if (found.isEmpty()) {
      Known gone = known.remove(key);
      if (gone != null) {
        loader(gone.namespace()).forget(key);
        LOG.info("{}: deleted; its entries are no longer served", key);
        // A source that had the same name may now be the one served: its status says so.
        gone.source().ifPresent(deleted -> known.forEach((other, k) -> {
          if (k.source().isPresent() && k.source().get().name().equals(deleted.name())) {
            synchronized (dirtyLock) {
              unwritten.add(other);
            }
          }
        }));
      }
      return;
    }
    GenericKubernetesResource r = found.get();
    String ns = r.getMetadata().getNamespace();
    long generation = Optional.ofNullable(r.getMetadata().getGeneration()).orElse(0L);
    Known before = known.get(key);
    boolean newGeneration = before == null || before.generation() != generation;
    if (newGeneration && leader && before != null) {
      // Tell kubectl users a new generation is being scanned; periodic rescans say nothing.
      writeStatusQuietly(key, true);
    }
    long start = System.nanoTime();
    Known next;
    try {
      ProfileCatalogSource source = ProfileYaml.strict().readCatalogSource(key, document(r));
      CatalogLoader.Loaded loaded = loader(ns).loadSource(key, source);
      next = new Known(ns, r.getMetadata().getName(), generation, Optional.of(source), false,
          loaded);
    } catch (InvalidDocumentException e) {
      loader(ns).forget(key);
      next = new Known(ns, r.getMetadata().getName(), generation, Optional.empty(), true,
          new CatalogLoader.Loaded(new SourceStatus(key, Optional.of(r.getMetadata().getName()),
              0, e.problems().stream().map(Object::toString).toList(), List.of()),
              List.of(), List.of()));
    }
    int errors = (int) next.loaded().status().repositories().stream()
        .filter(s -> s.error().isPresent()).count();
    metrics.scanned(System.nanoTime() - start, next.loaded().status().repositories().size(),
        errors);
    Known previous = known.put(key, next);
    if (previous == null || !previous.loaded().status().equals(next.loaded().status())) {
      SourceStatus s = next.loaded().status();
      if (s.healthy()) {
        LOG.info("{}: {} entries", key, s.entries());
      } else {
        LOG.warn("{}: {} entries; {}", key, s.entries(), problems(s));
      }
    }
  }

  private static String problems(SourceStatus s) {
    List<String> all = new ArrayList<>(s.problems());
    s.repositories().forEach(r -> r.error().ifPresent(e -> all.add(r.url() + ": " + e)));
    return String.join("; ", all);
  }

  /** The resource as a ProfileCatalogSource document: its name and spec, nothing else. */
  private static byte[] document(GenericKubernetesResource r) {
    Map<String, Object> doc = new java.util.LinkedHashMap<>();
    doc.put("apiVersion", "weave.works/v1alpha1");
    doc.put("kind", "ProfileCatalogSource");
    doc.put("metadata", Map.of("name", r.getMetadata().getName()));
    Object spec = spec(r);
    if (spec != null) {
      doc.put("spec", spec);
    }
    return JSON.writeValueAsBytes(doc);
  }

  private CatalogLoader loader(String namespace) {
    return loaders.computeIfAbsent(namespace, ns ->
        new CatalogLoader(Optional.of(scanner.forNamespace(ns)), config.policy));
  }

  /** The other source, earlier by namespace/name, that has the same catalog name, if any. */
  private Optional<String> duplicateOf(String key, Known k) {
    if (k.source().isEmpty()) {
      return Optional.empty();
    }
    String name = k.source().get().name();
    return known.entrySet().stream()
        .filter(e -> e.getKey().compareTo(key) < 0 && e.getValue().source().isPresent()
            && e.getValue().source().get().name().equals(name))
        .map(Map.Entry::getKey).sorted().findFirst();
  }

  /** Swaps in the index of every source known now; requests never wait for it. */
  private void publish() {
    Map<String, Known> all = new TreeMap<>(known);
    List<SourceStatus> statuses = new ArrayList<>();
    List<CatalogEntry> entries = new ArrayList<>();
    Map<String, String> byName = new HashMap<>();
    for (Map.Entry<String, Known> e : all.entrySet()) {
      Known k = e.getValue();
      SourceStatus s = k.loaded().status();
      if (k.source().isPresent()) {
        String first = byName.putIfAbsent(k.source().get().name(), e.getKey());
        if (first != null) {
          List<String> problems = new ArrayList<>(s.problems());
          problems.add("catalog source '" + ControlCharacters.visible(k.source().get().name())
              + "' is already defined by " + first + "; this resource is ignored");
          statuses.add(new SourceStatus(s.file(), s.name(), 0, problems, s.repositories()));
          continue;
        }
      }
      statuses.add(s);
      entries.addAll(k.loaded().entries());
    }
    snapshot = new CatalogLoader.Snapshot(CatalogIndex.of(entries), statuses, Instant.now());
  }

  // ---- status -----------------------------------------------------------------------------

  private void writeStatusQuietly(String key, boolean scanning) {
    if (!leader || stopping) {
      return;
    }
    try {
      writeStatus(key, scanning);
    } catch (KubernetesClientException e) {
      // A conflict, a source deleted meanwhile, an API server away: the next scan retries.
      metrics.statusWritten(false);
      LOG.warn("{}: status not written ({} {})", key, e.getCode(),
          e.getStatus() == null ? e.getClass().getSimpleName() : e.getStatus().getMessage());
    } catch (RuntimeException e) {
      metrics.statusWritten(false);
      LOG.warn("{}: status not written: {}", key, e.toString());
    }
  }

  /**
   * Replaces the source's status (PUT on the status subresource, with the resourceVersion the
   * informer saw) when it differs from the one computed; on a conflict, once more with the
   * resource read afresh. A replace rather than a merge patch: it has the same meaning
   * everywhere, lists included (the CRUD mock concatenates lists of a merge patch).
   */
  private void writeStatus(String key, boolean scanning) {
    Known k = known.get(key);
    Optional<GenericKubernetesResource> current = lookup(key);
    if (k == null || current.isEmpty()) {
      return;
    }
    try {
      replaceStatus(key, k, current.get(), scanning);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      GenericKubernetesResource fresh = client.genericKubernetesResources(SOURCES)
          .inNamespace(k.namespace()).withName(k.name()).get();
      if (fresh != null) {
        replaceStatus(key, k, fresh, scanning);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void replaceStatus(String key, Known k, GenericKubernetesResource current,
      boolean scanning) {
    Object existing = current.getAdditionalProperties().get("status");
    Map<String, Object> previous = existing instanceof Map<?, ?> m
        ? (Map<String, Object>) m : Map.of();
    Map<String, Object> status = SourceStatusDocument.of(k.loaded(), k.invalidSpec(),
        duplicateOf(key, k), k.generation(), scanning, previous);
    if (SourceStatusDocument.sameExceptTimes(status, previous)) {
      return;
    }
    GenericKubernetesResource next = client.getKubernetesSerialization().clone(current);
    next.setAdditionalProperty("status", status);
    client.genericKubernetesResources(SOURCES).inNamespace(k.namespace()).resource(next)
        .updateStatus();
    metrics.statusWritten(true);
  }

  // ---- lookups ----------------------------------------------------------------------------

  private Optional<GenericKubernetesResource> lookup(String key) {
    for (SharedIndexInformer<GenericKubernetesResource> i : sourceInformers) {
      GenericKubernetesResource r = i.getStore().getByKey(key);
      if (r != null) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private Optional<Secret> secret(String namespace, String name) {
    for (SharedIndexInformer<Secret> i : secretInformers) {
      Secret s = i.getStore().getByKey(namespace + "/" + name);
      if (s != null) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static String key(GenericKubernetesResource r) {
    return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
  }

  private static Object spec(GenericKubernetesResource r) {
    return r.getAdditionalProperties().get("spec");
  }

  private static Long generation(GenericKubernetesResource r) {
    return r.getMetadata().getGeneration();
  }

  // ---- HTTP -------------------------------------------------------------------------------

  /**
   * Alive while the reconciler runs and no informer has given up (fabric8 stops an informer
   * whose first list fails): a liveness probe then restarts the pod rather than leaving it
   * unready for ever.
   */
  private boolean healthy() {
    Thread t = reconciler;
    return !stopping && !syncFailed && t != null && t.isAlive()
        && (initialPending == null || sourceInformers.stream().allMatch(i -> i.isRunning())
            && secretInformers.stream().allMatch(i -> i.isRunning()));
  }

  private static void plain(HttpExchange e, int status, String body) throws IOException {
    send(e, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange e, int status, String type, byte[] body)
      throws IOException {
    try (e) {
      e.getResponseHeaders().set("Content-Type", type);
      boolean head = e.getRequestMethod().equals("HEAD");
      e.sendResponseHeaders(status, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = e.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  // ---- the public view --------------------------------------------------------------------

  /**
   * Waits until the first full sync: the informers have listed every source and Secret and
   * every source found then has been scanned. Until then {@code /readyz} and the API answer 503.
   *
   * @return whether it happened within {@code timeout}
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return readyLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the first full sync is complete (what {@code /readyz} says). */
  public boolean isReady() {
    return readyLatch.getCount() == 0 && !stopping;
  }

  /** Whether this replica holds the Lease and writes status. */
  public boolean isLeader() {
    return leader;
  }

  /** The index being served; empty before the first sync. */
  public CatalogIndex index() {
    CatalogLoader.Snapshot s = snapshot;
    return s == null ? CatalogIndex.empty() : s.index();
  }

  /** The status of every source (by namespace/name) after its last scan. */
  public List<SourceStatus> status() {
    CatalogLoader.Snapshot s = snapshot;
    return s == null ? List.of() : s.sources();
  }

  /** How many sources have been scanned since the start (every repository of one, once). */
  public long scans() {
    return metrics.scans();
  }

  /** How many status writes succeeded since the start. */
  public long statusWrites() {
    return metrics.statusWrites();
  }

  /** The bound port, useful after asking for port 0. */
  public int port() {
    HttpServer h = http;
    if (h == null) {
      throw new ProfilesConfigurationException("the catalog controller is not started");
    }
    return h.getAddress().getPort();
  }

  /** The base URI of the API, e.g. {@code http://127.0.0.1:8000}. */
  public URI uri() {
    String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
    return URI.create("http://" + host + ":" + port());
  }

  /**
   * Stops gracefully; idempotent: {@code /readyz} turns 503, the Lease is released (another
   * replica takes over at once instead of after the lease duration), the informers and scans
   * stop, and the HTTP server lets exchanges in progress finish for up to the {@link
   * Builder#drain drain} time. The Kubernetes client is the caller's and stays open.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (!started || closed) {
        return;
      }
      closed = true;
    }
    stopping = true;
    leader = false;
    CompletableFuture<?> election;
    LeaderElector elector;
    synchronized (this) {
      election = this.election;
      elector = this.elector;
    }
    if (election != null) {
      // Stop renewing, then give the Lease up at once (the elector's own release on cancel is
      // asynchronous), so another replica takes over at its next retry.
      election.cancel(true);
      try {
        elector.release();
      } catch (RuntimeException e) {
        LOG.warn("the Lease was not released ({}); it expires instead", e.toString());
      }
      electionExecutor.shutdown();
      try {
        electionExecutor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    scheduler.shutdownNow();
    sourceInformers.forEach(SharedIndexInformer::stop);
    secretInformers.forEach(SharedIndexInformer::stop);
    synchronized (dirtyLock) {
      dirtyLock.notifyAll();
    }
    reconciler.interrupt();
    scanPool.shutdownNow();
    http.stop((int) Math.max(0, config.drain.toSeconds()));
    httpWorkers.shutdownNow();
    try {
      scanPool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scanner.close();
    LOG.info("catalog controller {} stopped", config.identity);
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Configures a {@link CatalogController}.
   *
   * <pre>{@code
   * CatalogController.builder().client(client).namespaces(Set.of("team-a", "team-b"))
   *     .host("0.0.0.0").port(8000).rescanInterval(Duration.ofMinutes(5))
   *     .leaseNamespace("profiles-system").identity(podName).build();
   * }</pre>
   */
  public static final class Builder {

    private KubernetesClient client;
    private Set<String> namespaces = Set.of();
    private String host = "127.0.0.1";
    private int port = 8000;
    private Duration rescanInterval = Duration.ofMinutes(5);
    private SourcePolicy policy = SourcePolicy.defaults();
    private UrlRewrites rewrites = UrlRewrites.none();
    private Optional<Path> cacheDirectory = Optional.empty();
    private Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"),
        "profiles-catalog-controller");
    private int threads = 8;
    private int scanThreads = 4;
    private Optional<String> leaseNamespace = Optional.empty();
    private String leaseName = "profiles-catalog-controller";
    private String identity = defaultIdentity();
    private Duration leaseDuration = Duration.ofSeconds(15);
    private Duration renewDeadline = Duration.ofSeconds(10);
    private Duration retryPeriod = Duration.ofSeconds(2);
    private Duration drain = Duration.ofSeconds(5);

    private Builder() {}

    private static String defaultIdentity() {
      String pod = System.getenv("POD_NAME");
      if (pod != null && !pod.isBlank()) {
        return pod;
      }
      try {
        return java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        return "catalog-controller-" + ProcessHandle.current().pid();
      }
    }

    /** The Kubernetes client; required. The controller does not close it. */
    public Builder client(KubernetesClient client) {
      this.client = required(client, "client");
      return this;
    }

    /** The namespaces to watch; empty (the default) watches all namespaces. */
    public Builder namespaces(Set<String> namespaces) {
      required(namespaces, "namespaces").forEach(n -> {
        if (n == null || !n.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
          throw new ProfilesConfigurationException("namespace '" + n
              + "' is not a DNS-1123 label");
        }
      });
      this.namespaces = Set.copyOf(new TreeSet<>(namespaces));
      return this;
    }

    /** The address to bind; default {@code 127.0.0.1}. Use {@code 0.0.0.0} in a pod. */
    public Builder host(String host) {
      this.host = required(host, "host");
      return this;
    }

    /** The port; default 8000, 0 for any free port. */
    public Builder port(int port) {
      this.port = ServerSettings.port(port);
      return this;
    }

    /** How often every source is rescanned; default five minutes. */
    public Builder rescanInterval(Duration interval) {
      this.rescanInterval = ServerSettings.rescanInterval(interval);
      return this;
    }

    /**
     * Which repository and entry URLs are scanned and served; default {@link
     * SourcePolicy#defaults()} (https, ssh, scp-like). A refused repository is reported in its
     * source's status ({@code Ready=False}, reason {@code SourceRefused}).
     */
    public Builder sourcePolicy(SourcePolicy policy) {
      this.policy = required(policy, "sourcePolicy");
      return this;
    }

    /** Where repositories are really fetched from (git's insteadOf); default none. */
    public Builder urlRewrites(UrlRewrites rewrites) {
      this.rewrites = required(rewrites, "urlRewrites");
      return this;
    }

    /** The scanner's cache of fetched repositories; default the scanner's own default. */
    public Builder cacheDirectory(Path directory) {
      this.cacheDirectory = Optional.of(required(directory, "cacheDirectory"));
      return this;
    }

    /**
     * A private, writable directory for the files of Secrets in use (SSH keys must be files);
     * default {@code $TMPDIR/profiles-catalog-controller}. Use an emptyDir in a pod with a
     * read-only root file system.
     */
    public Builder workDirectory(Path directory) {
      this.workDirectory = required(directory, "workDirectory");
      return this;
    }

    /** Threads answering requests; default 8. */
    public Builder threads(int threads) {
      this.threads = bounded(threads, "threads", 256);
      return this;
    }

    /** Sources scanned at the same time; default 4. */
    public Builder scanThreads(int threads) {
      this.scanThreads = bounded(threads, "scanThreads", 64);
      return this;
    }

    /**
     * The namespace of the Lease that elects the replica writing status; without one there is
     * no election and this controller always writes status (a single replica).
     */
    public Builder leaseNamespace(String namespace) {
      this.leaseNamespace = Optional.of(required(namespace, "leaseNamespace"));
      return this;
    }

    /** The Lease's name; default {@code profiles-catalog-controller}. */
    public Builder leaseName(String name) {
      this.leaseName = required(name, "leaseName");
      return this;
    }

    /** This replica's identity in the Lease; default {@code $POD_NAME}, else the host name. */
    public Builder identity(String identity) {
      this.identity = required(identity, "identity");
      return this;
    }

    /**
     * The Lease timings: how long a Lease is valid, how long the leader tries to renew it
     * before giving up, and how often candidates retry; defaults 15 s, 10 s, 2 s.
     */
    public Builder leaseTimings(Duration duration, Duration renewDeadline, Duration retry) {
      required(duration, "duration");
      required(renewDeadline, "renewDeadline");
      required(retry, "retry");
      if (retry.isNegative() || retry.isZero() || renewDeadline.compareTo(retry) <= 0
          || duration.compareTo(renewDeadline) <= 0) {
        throw new ProfilesConfigurationException("lease timings must satisfy 0 < retry <"
            + " renewDeadline < duration: " + retry + ", " + renewDeadline + ", " + duration);
      }
      this.leaseDuration = duration;
      this.renewDeadline = renewDeadline;
      this.retryPeriod = retry;
      return this;
    }

    /** How long {@link #close} lets requests in progress finish; default 5 s. */
    public Builder drain(Duration drain) {
      required(drain, "drain");
      if (drain.isNegative() || drain.toSeconds() > 300) {
        throw new ProfilesConfigurationException("drain must be 0..300 seconds: " + drain);
      }
      this.drain = drain;
      return this;
    }

    /**
     * The controller, not yet started.
     *
     * @throws ProfilesConfigurationException when {@link #client} was not set
     */
    public CatalogController build() {
      if (client == null) {
        throw new ProfilesConfigurationException("client(kubernetesClient) is required");
      }
      return new CatalogController(this);
    }

    private static int bounded(int n, String name, int max) {
      if (n < 1 || n > max) {
        throw new ProfilesConfigurationException(name + " " + n + " is not in 1.." + max);
      }
      return n;
    }

    private static <T> T required(T value, String name) {
      return ServerSettings.required(value, name);
    }
  }
}
