package dev.profiles.benchmarks.catalog;

import dev.profiles.core.catalog.CatalogIndex;
import dev.profiles.core.model.CatalogEntry;
import java.util.List;
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
 * Building the 100,000-entry index, which the catalog server does once per refresh: what a
 * rescan costs on top of reading files and scanning repositories.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CatalogIndexBuildBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CatalogIndexBuildBenchmark {
  private List<CatalogEntry> entries;

  @Setup
  public void setUp() {
    entries = CatalogSearchBenchmark.catalog(10);
  }

  @Benchmark
  public CatalogIndex build() {
    return CatalogIndex.of(entries);
  }
}
