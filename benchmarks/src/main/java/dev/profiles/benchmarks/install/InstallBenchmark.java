package dev.profiles.benchmarks.install;

import dev.profiles.core.install.InstallResult;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.testing.git.ProfileYamls;
import java.util.concurrent.TimeUnit;
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
 * Install end to end (resolve from a file:// profile repository with a warm cache, render 20
 * artifacts with CRD validation, write, stage and commit) into a GitOps repository that
 * already holds 10,000 files. Target: under 2 s. Each invocation starts from the same commit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
@Fork(1)
public class InstallBenchmark extends WorkspaceBenchmark {
  private ProfileSource source;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    createWorkspace("install-bench", 10_000);
    ProfileYamls yaml = ProfileYamls.profile("app");
    for (int i = 0; i < 10; i++) {
      yaml.kustomize("k" + i, "k" + i);
      for (int f = 0; f < 5; f++) {
        upstream.file("app/k" + i + "/f" + f + ".yaml", "kind: ConfigMap\nindex: " + f + "\n");
      }
      yaml.chart("c" + i, "https://charts.example.com", "chart" + i, "1.0." + i);
    }
    upstream.profile("app", yaml.toYaml()).commit("app").tag("app/v1.0.0");
    source = ProfileSource.ofTag(upstream.url(), "app/v1.0.0");
    ws.profiles.bootstrap(ws.repo)
        .gitRepository(GitRepositoryReference.of("flux-system", "flux-system")).call();
    ws.markHead();
  }

  @Benchmark
  public InstallResult install() throws Exception {
    return ws.profiles.install(ws.repo).source(source).name("app").call();
  }

  /** For a quick look without JMH: {@code java -cp benchmarks.jar ...InstallBenchmark}. */
  public static void main(String[] args) throws Exception {
    InstallBenchmark b = new InstallBenchmark();
    b.setUp();
    b.quickLook("install", b::install);
  }
}
