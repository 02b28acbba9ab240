package dev.profiles.benchmarks.cli;

import dev.profiles.benchmarks.git.GitResolveBenchmark;
import dev.profiles.git.internal.FileTrees;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.GitOpsRepoFixture;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.TestCertificates;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whole-process harness for the command line's targets (issue 11), on the packaged
 * distribution: {@code profiles add} of a profile from a loopback smart-HTTPS repository against
 * {@code git clone --depth 1 --branch <tag>} of the same repository (target ≤ 2×; over HTTPS,
 * and over plain HTTP with {@code --allow-http}), and {@code
 * profiles version} (target ≤ 150 ms median) with all start-up measures and with each one left
 * out. Every measurement is a fresh process; variants alternate within each round so that the
 * machine's load hits them alike. Last, {@link WarmAdd}: the same {@code add} repeated in one warm
 * JVM, the floor that no launcher, archive or daemon could go below.
 *
 * <p>The repository is {@link GitResolveBenchmark}'s (2,000 commits, 200 tags, ~13 MiB packed),
 * served over HTTPS with a self-signed loopback certificate (the command line, like git users,
 * does not fetch over plain HTTP by default): {@code profiles} trusts it through a trust store in
 * {@code PROFILES_OPTS}, git skips verification (which only makes git's side cheaper).
 *
 * <pre>{@code
 * ./mvnw -B -pl cli,benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.profiles.benchmarks.cli.CliBenchmark [rounds [dist.tar.gz]]
 * }</pre>
 */
public final class CliBenchmark {
  private static final int WARMUP = 2;
  private static final String PASSWORD = "changeit";

  private CliBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
    Path dist = args.length > 1 ? Path.of(args[1]) : findDistribution(Path.of("cli/target"));
    Path work = Files.createTempDirectory("cli-bench");
    try {
      new CliBenchmark().run(work, dist.toAbsolutePath(), rounds);
    } finally {
      FileTrees.delete(work);
    }
  }

  private static Path findDistribution(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith("-dist.tar.gz")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no " + dir + "/*-dist.tar.gz: build it"
              + " with ./mvnw -pl cli -am package, or pass its path"));
    }
  }

  private Path home;
  private Path launcher;
  private Map<String, String> env;

  private void run(Path work, Path dist, int rounds) throws Exception {
    Path opt = Files.createDirectories(work.resolve("opt"));
    exec(List.of("tar", "xzf", dist.toString(), "-C", opt.toString()), Map.of(), work);
    try (Stream<Path> dirs = Files.list(opt)) {
      home = dirs.findFirst().orElseThrow();
    }
    launcher = home.resolve("bin/profiles");

    long t0 = System.nanoTime();
    Path repos = Files.createDirectories(work.resolve("repos"));
    String tag;
    try (ProfileRepoFixture repo = ProfileRepoFixture.create(repos.resolve("profiles.git"))) {
      tag = GitResolveBenchmark.buildHistory(repo);
      repo.pack();
    }
    System.out.printf(Locale.ROOT, "repository built in %.1f s; distribution %s%n",
        (System.nanoTime() - t0) / 1e9, home.getFileName());

    Path keyStore = TestCertificates.createLoopbackKeyStore(work, PASSWORD);
    Path trust = work.resolve("trust.p12");
    writeTrust(keyStore, trust);
    env = new LinkedHashMap<>();
    env.put("HOME", work.resolve("home").toString());
    env.put("XDG_CACHE_HOME", work.resolve("xdg").toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("PROFILES_OPTS", "-Djavax.net.ssl.trustStore=" + trust
        + " -Djavax.net.ssl.trustStorePassword=" + PASSWORD
        + " -Djavax.net.ssl.trustStoreType=PKCS12");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    double firstRun = exec(List.of(launcher.toString(), "version"), env, work);
    long dumpStart = System.nanoTime();
    Path cds = work.resolve("xdg/profiles/cds");
    Path jsa = null;
    while (jsa == null && System.nanoTime() - dumpStart < 300_000_000_000L) {
      try (Stream<Path> files = Files.list(cds)) {
        List<String> names = files.map(p -> p.getFileName().toString()).toList();
        if (names.stream().anyMatch(n -> n.endsWith(".failed"))) {
          throw new IllegalStateException("the archive dump failed: see " + cds);
        }
        if (names.stream().noneMatch(n -> n.endsWith(".lock"))) {
          jsa = names.stream().filter(n -> n.endsWith(".jsa")).findFirst().map(cds::resolve)
              .orElse(null);
        }
      }
      Thread.sleep(50);
    }
    if (jsa == null) {
      throw new IllegalStateException("the first run dumped no archive");
    }
    System.out.printf(Locale.ROOT, "first run %.0f ms (starts the class-data archive dump in the"
        + " background); the dump done %.0f ms after the run ended (%.1f MiB)%n", firstRun,
        (System.nanoTime() - dumpStart) / 1e6, Files.size(jsa) / 1048576.0);

    try (GitHttpServer server = GitHttpServer.builder(repos).https(keyStore, PASSWORD).start();
        GitHttpServer plain = GitHttpServer.builder(repos).start()) {
      String url = server.url("profiles.git");
      String plainUrl = plain.url("profiles.git");
      Map<String, List<Double>> add = new LinkedHashMap<>();
      for (int i = 0; i < WARMUP + rounds; i++) {
        Path clone = work.resolve("clone-" + i);
        // git (libcurl-gnutls) does not take the self-signed leaf as a CA; it skips
        // verification instead, which only makes its side cheaper.
        double c = exec(List.of("git", "-c", "http.sslVerify=false", "clone", "-q", "--depth",
            "1", "--branch", tag, url, clone.toString()), Map.of(), work);
        FileTrees.delete(clone);
        double cp = exec(List.of("git", "clone", "-q", "--depth", "1", "--branch", tag,
            plainUrl, clone.toString()), Map.of(), work);
        FileTrees.delete(clone);
        double on = profilesAdd(work, url, tag, "cds-" + i, Map.of());
        double off = profilesAdd(work, url, tag, "nocds-" + i, Map.of("PROFILES_CDS", "off"));
        double http = profilesAdd(work, plainUrl, tag, "http-" + i, Map.of());
        // The launcher's one compiler thread on a small machine, against the JVM's own count
        // (two on two CPUs): PROFILES_OPTS comes last on the java command line, so it wins.
        double compilers = fewCpus() ? profilesAdd(work, url, tag, "c1x2-" + i,
            Map.of("PROFILES_OPTS", env.get("PROFILES_OPTS") + " -XX:CICompilerCount=2")) : 0;
        if (i >= WARMUP) {
          add.computeIfAbsent("git clone --depth 1 --branch, HTTPS (git CLI)",
              k -> new ArrayList<>()).add(c);
          add.computeIfAbsent("profiles add, HTTPS (launcher, class-data sharing on)",
              k -> new ArrayList<>()).add(on);
          add.computeIfAbsent("profiles add, HTTPS, PROFILES_CDS=off", k -> new ArrayList<>())
              .add(off);
          if (fewCpus()) {
            add.computeIfAbsent("profiles add, HTTPS, two C1 compiler threads (the JVM's count)",
                k -> new ArrayList<>()).add(compilers);
          }
          add.computeIfAbsent("git clone --depth 1 --branch, plain HTTP (git CLI)",
              k -> new ArrayList<>()).add(cp);
          add.computeIfAbsent("profiles add --allow-http, plain HTTP", k -> new ArrayList<>())
              .add(http);
        }
      }
      // The bound no launcher can beat: the same add in a JVM that is already warm.
      add.put("profiles add in a warm JVM (Main.run, in-process: the floor of any daemon), HTTPS",
          List.of(warmAdd(work, url, tag, java, trust)));
      add.put("profiles add in a warm JVM (Main.run, in-process), plain HTTP",
          List.of(warmAdd(work, plainUrl, tag, java, trust)));
      double cli = median(add.get("git clone --depth 1 --branch, HTTPS (git CLI)"));
      double cliPlain = median(add.get("git clone --depth 1 --branch, plain HTTP (git CLI)"));
      System.out.println();
      System.out.println("| whole process, tag " + tag + ", cold cache | median ms"
          + " | x git clone (same protocol) |");
      System.out.println("|---|---:|---:|");
      add.forEach((label, ms) -> System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f |%n", label,
          median(ms), median(ms) / (label.contains("plain HTTP") ? cliPlain : cli)));
    }

    List<String> all = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-XX:-UsePerfData", "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
        "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0",
        "-XX:SharedArchiveFile=" + jsa));
    if (fewCpus()) {
      all.add("-XX:CICompilerCount=1");
    }
    Map<String, List<String>> variants = new LinkedHashMap<>();
    variants.put("bin/profiles version (all measures)", List.of(launcher.toString(), "version"));
    variants.put("bin/profiles version, PROFILES_CDS=off", List.of("env", "PROFILES_CDS=off",
        launcher.toString(), "version"));
    variants.put("java + the launcher's flags + archive", javaCommand(java, all));
    variants.put("  without the application archive (JDK archive only)",
        javaCommand(java, without(all, "-XX:SharedArchiveFile=" + jsa)));
    // Tiered compilation needs two compiler threads: without the C1-only flag, the JVM's count.
    List<String> tiered = without(all, "-XX:TieredStopAtLevel=1");
    tiered.remove("-XX:CICompilerCount=1");
    variants.put("  without -XX:TieredStopAtLevel=1", javaCommand(java, tiered));
    if (fewCpus()) {
      variants.put("  without -XX:CICompilerCount=1",
          javaCommand(java, without(all, "-XX:CICompilerCount=1")));
    }
    variants.put("  without -XX:+UseSerialGC", javaCommand(java, without(all, "-XX:+UseSerialGC")));
    variants.put("  without -XX:-UsePerfData", javaCommand(java, without(all, "-XX:-UsePerfData")));
    variants.put("  without -XX:ArchiveRelocationMode=0",
        javaCommand(java, without(all, "-XX:ArchiveRelocationMode=0")));
    List<String> xss = new ArrayList<>(all);
    xss.add("-Xss512k");
    variants.put("  with -Xss512k", javaCommand(java, xss));
    variants.put("java, JDK defaults (no flags)", javaCommand(java, List.of()));
    variants.put("java -Xshare:off (no class-data sharing at all)",
        javaCommand(java, List.of("-Xshare:off")));
    List<String> floor = new ArrayList<>(List.of(java));
    floor.addAll(without(all, "-XX:SharedArchiveFile=" + jsa));
    floor.add("-version");
    variants.put("JVM floor: java + the launcher's flags -version", floor);

    Map<String, List<Double>> times = new LinkedHashMap<>();
    for (int i = 0; i < WARMUP + rounds * 2; i++) {
      for (Map.Entry<String, List<String>> v : variants.entrySet()) {
        double ms = exec(v.getValue(), env, work);
        if (i >= WARMUP) {
          times.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(ms);
        }
      }
    }
    double base = median(times.get("java + the launcher's flags + archive"));
    System.out.println();
    System.out.println("| profiles version, fresh JVM each | median ms | vs all flags |");
    System.out.println("|---|---:|---:|");
    times.forEach((label, ms) -> System.out.printf(Locale.ROOT, "| %s | %.0f | %+.0f ms |%n",
        label, median(ms), median(ms) - base));
    System.out.printf(Locale.ROOT, "%nrounds=%d for add, %d for version (after %d warm-up)%n",
        rounds, rounds * 2, WARMUP);
  }

  /** {@link WarmAdd}'s median in a child JVM with JDK defaults, on the distribution's lib. */
  private double warmAdd(Path work, String url, String tag, String java, Path trust)
      throws Exception {
    Path out = work.resolve("warm-output.txt");
    ProcessBuilder pb = new ProcessBuilder(java, "-Djavax.net.ssl.trustStore=" + trust,
        "-Djavax.net.ssl.trustStorePassword=" + PASSWORD, "-Djavax.net.ssl.trustStoreType=PKCS12",
        "-cp", Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(e -> Path.of(e).toAbsolutePath().toString())
            .collect(Collectors.joining(File.pathSeparator)),
        WarmAdd.class.getName(),
        home.resolve("lib").toString(), url, tag, "40", work.toString())
        .directory(work.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
    Process p = pb.start();
    if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("WarmAdd failed:\n" + Files.readString(out));
    }
    List<String> lines = Files.readAllLines(out);
    return Double.parseDouble(lines.get(lines.size() - 1).strip());
  }

  private List<String> javaCommand(String java, List<String> flags) {
    List<String> c = new ArrayList<>(List.of(java));
    c.addAll(flags);
    c.addAll(List.of("-cp", home.resolve("lib") + "/*", "dev.profiles.cli.Main", "version"));
    return c;
  }

  private static List<String> without(List<String> flags, String flag) {
    List<String> l = new ArrayList<>(flags);
    if (!l.remove(flag)) {
      throw new IllegalArgumentException(flag);
    }
    return l;
  }

  /**
   * The launcher's rule for one C1 compiler thread: one or two CPUs online, as {@code
   * /sys/devices/system/cpu/online} lists them ({@code 0} or {@code 0-1}).
   */
  private static boolean fewCpus() {
    try {
      String online = Files.readString(Path.of("/sys/devices/system/cpu/online")).strip();
      return online.equals("0") || online.equals("0-1");
    } catch (IOException e) {
      return false;
    }
  }

  private double profilesAdd(Path work, String url, String tag, String id,
      Map<String, String> extra) throws Exception {
    Path gitops = work.resolve("gitops-" + id);
    GitOpsRepoFixture.create(gitops).withUser("Bench", "bench@example.com").close();
    Map<String, String> e = new LinkedHashMap<>(env);
    e.putAll(extra);
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(addArguments(url, tag, gitops, work.resolve("cache-" + id)));
    double ms = exec(command, e, work);
    if (!Files.isRegularFile(gitops.resolve("app/profile-installation.yaml"))) {
      throw new IllegalStateException("profiles add installed nothing");
    }
    FileTrees.delete(gitops);
    FileTrees.delete(work.resolve("cache-" + id));
    return ms;
  }

  /**
   * The measured command line after {@code profiles}: the {@code add} of tag {@code tag} from
   * {@code url} into {@code gitops} with the cache {@code cache} ({@code --allow-http} for an
   * {@code http://} URL); the same for fresh processes and for {@link WarmAdd}.
   */
  static List<String> addArguments(String url, String tag, Path gitops, Path cache) {
    List<String> args = new ArrayList<>(List.of("add", "--name", "app", "--profile-repo-url",
        url, "--profile-tag", tag, "--profile-path", "app", "--git-repository",
        "flux-system/flux-system", "--git-dir", gitops.toString(), "--cache-dir",
        cache.toString()));
    if (url.startsWith("http://")) {
      args.add("--allow-http");
    }
    return args;
  }

  /** Runs {@code command} to completion (output discarded) and returns its wall time in ms. */
  private static double exec(List<String> command, Map<String, String> env, Path dir)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("last-output.txt").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("PROFILES_") || k.equals("GIT_TOKEN"));
    pb.environment().putAll(env);
    long s = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n"
          + Files.readString(dir.resolve("last-output.txt")));
    }
    return (System.nanoTime() - s) / 1e6;
  }

  private static void writeTrust(Path keyStore, Path trust) throws Exception {
    KeyStore source = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      source.load(in, PASSWORD.toCharArray());
    }
    Certificate cert = source.getCertificate("loopback");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("loopback", cert);
    try (OutputStream out = Files.newOutputStream(trust)) {
      store.store(out, PASSWORD.toCharArray());
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
