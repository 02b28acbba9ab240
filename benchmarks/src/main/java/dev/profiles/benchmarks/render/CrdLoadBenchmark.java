package dev.profiles.benchmarks.render;

import dev.profiles.flux.internal.Crds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loads and compiles the bundled CRDs (11 files, 16 CEL rules): once per fresh JVM
 * ({@code cold}, what a CLI run pays) and warm. The numbers decide between our CEL subset and a
 * full CEL implementation (docs/benchmarks.md, "CRD rules").
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CrdLoadBenchmark}.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CrdLoadBenchmark {
  private static final String ROOT = "/dev/profiles/flux/crds/";

  private Map<String, String> files;

  @Setup
  public void setUp() throws IOException {
    files = new LinkedHashMap<>();
    for (String line : read("index.txt").split("\n")) {
      if (!line.isBlank()) {
        String name = line.strip().split("\\s+")[0];
        files.put(name, read(name));
      }
    }
  }

  /** The first load in a new JVM: class loading and JIT warm-up included. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Fork(10)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public Crds cold() {
    return Crds.load(files);
  }

  /** A load once the JVM is warm. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Fork(1)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  public Crds warm() {
    return Crds.load(files);
  }

  private static String read(String name) throws IOException {
    try (InputStream in = Crds.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IOException("missing " + ROOT + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
