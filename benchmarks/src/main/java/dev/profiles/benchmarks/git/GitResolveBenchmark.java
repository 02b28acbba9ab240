package dev.profiles.benchmarks.git;

import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.git.GitProfiles;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import dev.profiles.git.internal.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Whole-process harness for issue 3's targets: resolving one tag of a repository with a long
 * history over smart HTTP on loopback, cold (empty cache) and warm (cached), against {@code git
 * clone --depth 1 --branch <tag>} with the git CLI on the same server in the same run.
 *
 * <p>The repository: {@value #COMMITS} commits, one tag every {@value #TAG_EVERY} commits, a
 * profile directory with {@value #CHARTS} incompressible 1 MiB chart archives (rewritten now
 * and then, so history holds more blobs than the tip) and small manifests changed by every
 * commit. Each measurement is the median of its rounds, after warm-up rounds that let the JIT
 * settle (the CLI pays process start-up in every round; a long-lived SDK user does not).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.profiles.benchmarks.git.GitResolveBenchmark [rounds [v2]]
 * }</pre>
 */
public final class GitResolveBenchmark {
  static final int COMMITS = 2_000;
  static final int TAG_EVERY = 10;
  static final int CHARTS = 4;
  private static final int WARMUP = 3;

  private GitResolveBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    boolean v2 = args.length > 1 && args[1].equals("v2");
    Path work = Files.createTempDirectory("git-resolve-bench");
    try {
      run(work, rounds, v2);
    } finally {
      FileTrees.delete(work);
    }
  }

  private static void run(Path work, int rounds, boolean v2) throws Exception {
    long t0 = System.nanoTime();
    String lastTag;
    Path repos = Files.createDirectories(work.resolve("repos"));
    try (ProfileRepoFixture repo = ProfileRepoFixture.create(repos.resolve("profiles.git"))) {
      lastTag = buildHistory(repo);
      repo.pack();
    }
    long repoBytes = sizeOf(repos);
    System.out.printf(Locale.ROOT, "built %d commits, %d tags, %.1f MiB packed in %.1f s%n",
        COMMITS, COMMITS / TAG_EVERY, repoBytes / 1048576.0, (System.nanoTime() - t0) / 1e9);

    try (GitHttpServer server = GitHttpServer.builder(repos).start()) {
      String url = server.url("profiles.git");
      ProfileSource source = ProfileSource.ofTag(url, lastTag);

      double firstCold = coldResolve(work, source, "first", v2);
      List<Double> cli = new ArrayList<>();
      List<Double> cold = new ArrayList<>();
      for (int i = 0; i < WARMUP + rounds; i++) {
        double c = gitClone(work, url, lastTag, i);
        double r = coldResolve(work, source, Integer.toString(i), v2);
        if (i >= WARMUP) {
          cli.add(c);
          cold.add(r);
        }
      }
      List<Double> warm = new ArrayList<>();
      Path cache = work.resolve("cache-warm");
      try (GitProfiles git = GitProfiles.builder().allowHttp(true).cacheDirectory(cache).protocolV2(v2).build()) {
        git.resolve(source).call();
        int packsBefore = server.packsSent();
        for (int i = 0; i < WARMUP + rounds * 2; i++) {
          long s = System.nanoTime();
          ResolvedProfile p = git.resolve(source).call();
          double ms = (System.nanoTime() - s) / 1e6;
          if (p.directory().list(".").isEmpty()) {
            throw new IllegalStateException("empty profile");
          }
          if (i >= WARMUP) {
            warm.add(ms);
          }
        }
        if (server.packsSent() != packsBefore) {
          throw new IllegalStateException("a warm resolve transferred a pack");
        }
      }
      double cliMs = median(cli);
      double coldMs = median(cold);
      double warmMs = median(warm);
      System.out.println();
      System.out.println("| measurement (tag " + lastTag + ", SDK on protocol " + (v2 ? "v2" : "v0")
          + ") | median ms | ratio |");
      System.out.println("|---|---:|---:|");
      System.out.printf(Locale.ROOT, "| git clone --depth 1 --branch (git CLI) | %.1f | 1.00 |%n",
          cliMs);
      System.out.printf(Locale.ROOT, "| cold resolve (empty cache) | %.1f | %.2f x CLI |%n", coldMs,
          coldMs / cliMs);
      System.out.printf(Locale.ROOT, "| warm resolve (cached) | %.1f | %.3f x cold |%n", warmMs,
          warmMs / coldMs);
      System.out.printf(Locale.ROOT, "| first cold resolve in a fresh JVM (not a target) | %.1f |"
          + " %.2f x CLI |%n", firstCold, firstCold / cliMs);
      System.out.printf(Locale.ROOT, "%nrounds=%d (after %d warm-up), targets: cold <= 1.5 x CLI"
          + " (%s), warm <= 0.1 x cold (%s)%n", rounds, WARMUP,
          coldMs <= 1.5 * cliMs ? "met" : "NOT met", warmMs <= 0.1 * coldMs ? "met" : "NOT met");
    }
  }

  /** Writes the benchmark repository's history into {@code repo}; returns its last tag. */
  public static String buildHistory(ProfileRepoFixture repo) {
    Random random = new Random(2026);
    repo.profile("app", ProfileYamls.profile("app").kustomize("manifests", "manifests")
        .kustomize("charts", "charts").toYaml());
    for (int c = 0; c < CHARTS; c++) {
      repo.file("app/charts/chart-" + c + ".tgz", randomBytes(random, 1 << 20));
    }
    repo.file("README.md", "benchmark repository\n");
    String lastTag = null;
    for (int i = 1; i <= COMMITS; i++) {
      repo.file("app/manifests/config-" + (i % 50) + ".yaml",
          "kind: ConfigMap\nmetadata:\n  name: config-" + (i % 50) + "\ndata:\n  rev: \"" + i
              + "\"\n");
      if (i % 250 == 0) {
        repo.file("app/charts/chart-" + (i / 250 % CHARTS) + ".tgz", randomBytes(random, 1 << 20));
      }
      repo.commit("change " + i);
      if (i % TAG_EVERY == 0) {
        lastTag = "app/v0." + (i / TAG_EVERY) + ".0";
        repo.tag(lastTag);
      }
    }
    return lastTag;
  }

  private static byte[] randomBytes(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  private static double coldResolve(Path work, ProfileSource source, String id, boolean v2)
      throws Exception {
    Path cache = work.resolve("cache-cold-" + id);
    try (GitProfiles git = GitProfiles.builder().allowHttp(true).cacheDirectory(cache).protocolV2(v2).build()) {
      long s = System.nanoTime();
      ResolvedProfile p = git.resolve(source).call();
      double ms = (System.nanoTime() - s) / 1e6;
      if (p.directory().list("charts").size() != CHARTS) {
        throw new IllegalStateException("unexpected profile content");
      }
      return ms;
    } finally {
      FileTrees.delete(cache);
    }
  }

  private static double gitClone(Path work, String url, String tag, int i) throws Exception {
    Path target = work.resolve("clone-" + i);
    long s = System.nanoTime();
    Process p = new ProcessBuilder("git", "clone", "-q", "--depth", "1", "--branch", tag, url,
        target.toString()).redirectErrorStream(true).redirectOutput(
            ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("git clone failed");
    }
    double ms = (System.nanoTime() - s) / 1e6;
    FileTrees.delete(target);
    return ms;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static long sizeOf(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

}
