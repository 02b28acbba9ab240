package dev.profiles.benchmarks.scan;

import dev.profiles.core.catalog.ScanResult;
import dev.profiles.core.model.CatalogRepository;
import dev.profiles.git.catalog.GitRepositoryScanner;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import dev.profiles.git.internal.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Whole-process harness for issue 5's scan targets: scanning a repository with {@value #TAGS}
 * tags ({@value #PROFILES} profiles × {@value #VERSIONS} versions, one commit per release) over
 * smart HTTP on loopback with {@link GitRepositoryScanner}, against two git CLI approaches in the
 * same run:
 * <ul>
 *   <li>the original's: {@code git clone --depth 1 --branch <tag>} and reading {@code
 *       <name>/profile.yaml} for every tag (a fixed random sample, extrapolated, unless {@code
 *       all} is given);
 *   <li>the floor: {@code git clone --mirror}, {@code git for-each-ref refs/tags} and one {@code
 *       git cat-file --batch} of every tag's {@code profile.yaml}.
 * </ul>
 * It also times an unchanged rescan and a rescan after one new tag, and fails if an unchanged
 * rescan transfers a pack.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.profiles.benchmarks.scan.CatalogScanBenchmark [rounds [sample|all]]
 * }</pre>
 */
public final class CatalogScanBenchmark {
  static final int PROFILES = 50;
  static final int VERSIONS = 20;
  static final int TAGS = PROFILES * VERSIONS;
  private static final int MANIFESTS = 5;
  private static final int WARMUP = 2;

  private CatalogScanBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int sample = args.length > 1 ? (args[1].equals("all") ? TAGS : Integer.parseInt(args[1]))
        : 100;
    Path work = Files.createTempDirectory("catalog-scan-bench");
    try {
      run(work, rounds, sample);
    } finally {
      FileTrees.delete(work);
    }
  }

  private static void run(Path work, int rounds, int sample) throws Exception {
    Path repos = Files.createDirectories(work.resolve("repos"));
    long t0 = System.nanoTime();
    try (ProfileRepoFixture repo = ProfileRepoFixture.create(repos.resolve("profiles.git"));
        GitHttpServer server = GitHttpServer.builder(repos).start()) {
      List<String> tags = build(repo);
      repo.pack();
      System.out.printf(Locale.ROOT, "built %d tags on %d commits, %.1f MiB packed, in %.1f s%n",
          tags.size(), tags.size(), sizeOf(repos) / 1048576.0, (System.nanoTime() - t0) / 1e9);
      CatalogRepository source = CatalogRepository.builder().url(server.url("profiles.git"))
          .build();

      double first = sdkCold(work, source, "first");
      List<Double> sdk = new ArrayList<>();
      List<Double> floor = new ArrayList<>();
      for (int i = 0; i < WARMUP + rounds; i++) {
        double f = mirrorAndCatFile(work, source.url(), i);
        double s = sdkCold(work, source, Integer.toString(i));
        if (i >= WARMUP) {
          floor.add(f);
          sdk.add(s);
        }
      }

      List<Double> unchanged = new ArrayList<>();
      List<Double> oneNew = new ArrayList<>();
      try (GitRepositoryScanner scanner = GitRepositoryScanner.builder()
          .cacheDirectory(work.resolve("cache-rescan")).allowHttp(true).build()) {
        Set<String> known = new HashSet<>(scanner.scan(source, Set.of()).tags());
        int packs = server.packsSent();
        for (int i = 0; i < WARMUP + rounds * 2; i++) {
          long s = System.nanoTime();
          ScanResult r = scanner.scan(source, known);
          double ms = (System.nanoTime() - s) / 1e6;
          check(r.entries().isEmpty() && r.tags().size() == known.size(), "unchanged rescan");
          if (i >= WARMUP) {
            unchanged.add(ms);
          }
        }
        check(server.packsSent() == packs, "an unchanged rescan transferred a pack");
        for (int i = 0; i < WARMUP + rounds; i++) {
          String tag = "extra/v1.0." + i;
          repo.profile("extra", ProfileYamls.profile("extra").kustomize("k", "k").toYaml())
              .commit("extra " + i).tag(tag);
          long s = System.nanoTime();
          ScanResult r = scanner.scan(source, known);
          double ms = (System.nanoTime() - s) / 1e6;
          check(r.entries().size() == 1 && r.entries().get(0).tag().orElseThrow().equals(tag),
              "one new tag, one new entry");
          known.addAll(r.tags());
          if (i >= WARMUP) {
            oneNew.add(ms);
          }
        }
      }

      List<String> sampled = new ArrayList<>(tags);
      Collections.shuffle(sampled, new Random(5));
      sampled = sampled.subList(0, Math.min(sample, sampled.size()));
      long c0 = System.nanoTime();
      for (int i = 0; i < sampled.size(); i++) {
        shallowCloneOneTag(work, source.url(), sampled.get(i), i);
      }
      double cliSampleMs = (System.nanoTime() - c0) / 1e6;
      double cliAllMs = cliSampleMs * TAGS / sampled.size();

      report(rounds, sampled.size(), first, median(sdk), median(floor), median(unchanged),
          median(oneNew), cliSampleMs, cliAllMs);
    }
  }

  private static void report(int rounds, int sampled, double first, double sdk, double floor,
      double unchanged, double oneNew, double cliSampleMs, double cliAllMs) {
    System.out.println();
    System.out.println("| approach (" + TAGS + " tags, smart HTTP on loopback) | ms | vs SDK scan |");
    System.out.println("|---|---:|---:|");
    System.out.printf(Locale.ROOT, "| SDK scan, empty cache (median of %d) | %.0f | 1.00 |%n",
        rounds, sdk);
    System.out.printf(Locale.ROOT, "| floor: clone --mirror + for-each-ref + cat-file --batch "
        + "(median of %d) | %.0f | %.2f |%n", rounds, floor, floor / sdk);
    System.out.printf(Locale.ROOT, "| original: clone --depth 1 per tag, %d tags %s | %.0f | %.1f"
        + " |%n", TAGS, sampled == TAGS ? "(all timed)" : "(extrapolated from " + sampled
        + " sampled: " + Math.round(cliSampleMs) + " ms)", cliAllMs, cliAllMs / sdk);
    System.out.printf(Locale.ROOT, "| SDK rescan, nothing changed (median of %d) | %.1f | %.3f |%n",
        rounds * 2, unchanged, unchanged / sdk);
    System.out.printf(Locale.ROOT, "| SDK rescan, one new tag (median of %d) | %.1f | %.3f |%n",
        rounds, oneNew, oneNew / sdk);
    System.out.printf(Locale.ROOT, "| SDK scan, first in a fresh JVM (not a target) | %.0f | %.2f"
        + " |%n", first, first / sdk);
    System.out.printf(Locale.ROOT, "%ntargets: original / SDK >= 50 (%.1f: %s); SDK / floor <= 2"
        + " (%.2f: %s)%n", cliAllMs / sdk, cliAllMs / sdk >= 50 ? "met" : "NOT met", sdk / floor,
        sdk / floor <= 2 ? "met" : "NOT met");
  }

  /**
   * 50 profiles released 20 times each, one commit and one tag per release (every other release
   * an annotated tag). Each release changes the profile's chart version in profile.yaml, so all
   * 1,000 profile.yamls differ, and one of its manifests.
   */
  private static List<String> build(ProfileRepoFixture repo) {
    Random random = new Random(2026);
    List<String> tags = new ArrayList<>();
    for (int p = 0; p < PROFILES; p++) {
      for (int m = 0; m < MANIFESTS; m++) {
        repo.file(name(p) + "/manifests/m" + m + ".yaml", manifest(random, m, 0));
      }
    }
    for (int v = 0; v < VERSIONS; v++) {
      for (int p = 0; p < PROFILES; p++) {
        String name = name(p);
        repo.profile(name, ProfileYamls.profile(name).kustomize("manifests", "manifests")
            .chart("chart", "https://charts.example.com/stable", name, "1." + v + ".0").toYaml())
            .file(name + "/manifests/m" + (v % MANIFESTS) + ".yaml", manifest(random, v, v))
            .commit(name + " 1." + v + ".0");
        String tag = name + "/v1." + v + ".0";
        if (v % 2 == 0) {
          repo.annotatedTag(tag, "release " + tag);
        } else {
          repo.tag(tag);
        }
        tags.add(tag);
      }
    }
    return tags;
  }

  private static String name(int p) {
    return String.format(Locale.ROOT, "profile-%02d", p);
  }

  private static String manifest(Random random, int m, int rev) {
    StringBuilder sb = new StringBuilder("kind: ConfigMap\nmetadata:\n  name: m" + m
        + "\ndata:\n  rev: \"" + rev + "\"\n");
    for (int i = 0; i < 24; i++) {
      sb.append("  key").append(i).append(": \"").append(Long.toHexString(random.nextLong()))
          .append(Long.toHexString(random.nextLong())).append("\"\n");
    }
    return sb.toString();
  }

  private static double sdkCold(Path work, CatalogRepository source, String id)
      throws Exception {
    Path cache = work.resolve("cache-cold-" + id);
    try (GitRepositoryScanner scanner = GitRepositoryScanner.builder().cacheDirectory(cache)
        .allowHttp(true).build()) {
      long s = System.nanoTime();
      ScanResult r = scanner.scan(source, Set.of());
      double ms = (System.nanoTime() - s) / 1e6;
      check(r.entries().size() == TAGS && r.skipped().isEmpty(), "every tag an entry");
      return ms;
    } finally {
      FileTrees.delete(cache);
    }
  }

  /** The floor: a mirror clone, then every tag's profile.yaml from one cat-file process. */
  private static double mirrorAndCatFile(Path work, String url, int i) throws Exception {
    Path mirror = work.resolve("mirror-" + i);
    long s = System.nanoTime();
    exec(null, "git", "clone", "-q", "--mirror", url, mirror.toString());
    List<String> tags = new String(exec(null, "git", "-C", mirror.toString(), "for-each-ref",
        "--format=%(refname:strip=2)", "refs/tags"), StandardCharsets.UTF_8).lines().toList();
    StringBuilder input = new StringBuilder();
    tags.forEach(t -> input.append(t).append(':').append(t, 0, t.indexOf('/'))
        .append("/profile.yaml\n"));
    byte[] out = exec(input.toString(), "git", "-C", mirror.toString(), "cat-file", "--batch");
    double ms = (System.nanoTime() - s) / 1e6;
    long blobs = new String(out, StandardCharsets.UTF_8).lines()
        .filter(l -> l.matches("[0-9a-f]{40} blob \\d+")).count();
    check(tags.size() == TAGS && blobs == TAGS, "cat-file read every profile.yaml");
    FileTrees.delete(mirror);
    return ms;
  }

  /** The original's way for one tag: a shallow clone of the tag, then read its profile.yaml. */
  private static void shallowCloneOneTag(Path work, String url, String tag, int i)
      throws Exception {
    Path target = work.resolve("clone-" + i);
    exec(null, "git", "clone", "-q", "--depth", "1", "--branch", tag, url, target.toString());
    byte[] yaml = Files.readAllBytes(target.resolve(tag.substring(0, tag.indexOf('/')))
        .resolve("profile.yaml"));
    check(yaml.length > 0, "profile.yaml read");
    FileTrees.delete(target);
  }

  /** Runs a command, feeding {@code stdin} from another thread, and returns its stdout. */
  private static byte[] exec(String stdin, String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    Thread feeder = new Thread(() -> {
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    feeder.start();
    byte[] out;
    try (InputStream stdout = p.getInputStream()) {
      out = stdout.readAllBytes();
    }
    feeder.join();
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
    return out;
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("benchmark sanity check failed: " + what);
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static long sizeOf(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

}
