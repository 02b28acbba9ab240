package dev.profiles.benchmarks.install;

import dev.profiles.core.install.UpgradeResult;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Upgrade by three-way merge of an installation of 500 files carrying 50 committed user edits,
 * to a version that changes 50 other files (two renders, the merge, write and commit). Target:
 * under 1 s. Each invocation starts from the same commit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
@Fork(1)
public class UpgradeBenchmark extends WorkspaceBenchmark {
  private static final int ARTIFACTS = 10;
  private static final int FILES_PER_ARTIFACT = 48;

  private int files;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    createWorkspace("upgrade-bench", 100);
    ProfileYamls yaml = ProfileYamls.profile("app");
    for (int i = 0; i < ARTIFACTS; i++) {
      yaml.kustomize("k" + i, "k" + i);
    }
    publish(yaml, "1.0", "app/v1.0.0", -1);
    publish(yaml, "2.0", "app/v2.0.0", 1);
    ws.profiles.bootstrap(ws.repo)
        .gitRepository(GitRepositoryReference.of("flux-system", "flux-system")).call();
    ws.profiles.install(ws.repo).name("app").fromCatalog(CatalogEntry.builder().name("app")
        .tag("app/v1.0.0").url(upstream.url()).catalogSource("cat").build()).call();
    files = ws.repo.listFiles("app").size();
    // 50 user edits, on files upstream does not change in v2.
    try (Git g = Git.open(ws.gitops.toFile())) {
      for (int e = 0; e < 50; e++) {
        Path f = ws.gitops.resolve("app/artifacts/k" + (e % ARTIFACTS) + "/k" + (e % ARTIFACTS)
            + "/f" + (2 * (e / ARTIFACTS)) + ".yaml");
        Files.writeString(f, Files.readString(f).replace("replicas: 1", "replicas: 3"));
      }
      g.add().addFilepattern(".").call();
      g.commit().setMessage("user edits").setAuthor("u", "u@example.com")
          .setCommitter("u", "u@example.com").setSign(false).call();
    }
    ws.markHead();
  }

  /** Publishes every file; in v2 (changeOdd = 1) the odd-numbered files of each artifact change. */
  private void publish(ProfileYamls yaml, String image, String tag, int changeOdd) {
    for (int i = 0; i < ARTIFACTS; i++) {
      for (int f = 0; f < FILES_PER_ARTIFACT; f++) {
        boolean changed = changeOdd == 1 && f % 2 == 1 && f < 10;
        upstream.file("app/k" + i + "/f" + f + ".yaml", "kind: Deployment\nreplicas: 1\nport: 80\n"
            + "image: app:" + (changed ? image : "1.0") + "\n");
      }
    }
    upstream.profile("app", yaml.toYaml()).commit(tag).tag(tag);
  }

  @Benchmark
  public UpgradeResult upgrade() throws Exception {
    UpgradeResult r = ws.profiles.upgrade(ws.repo).installation("app").toVersion("v2.0.0").call();
    if (!r.conflicts().isEmpty() || r.commit().isEmpty()) {
      throw new IllegalStateException("expected a clean, committed upgrade: " + r.conflicts());
    }
    return r;
  }

  /** For a quick look without JMH. */
  public static void main(String[] args) throws Exception {
    UpgradeBenchmark b = new UpgradeBenchmark();
    b.setUp();
    System.out.println("installation files: " + b.files);
    b.quickLook("upgrade", b::upgrade);
  }
}
