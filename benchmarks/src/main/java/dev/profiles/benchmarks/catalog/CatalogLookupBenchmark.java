package dev.profiles.benchmarks.catalog;

import dev.profiles.core.catalog.CatalogIndex;
import dev.profiles.core.catalog.PreReleases;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.version.Version;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code latest} and available updates of one profile in the 100,000-entry catalog of {@link
 * CatalogSearchBenchmark}: the two lookups behind {@code GET .../latest} and {@code
 * .../available_updates}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CatalogLookupBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CatalogLookupBenchmark {
  @Param({"1", "10"})
  public int versionsPerProfile;

  private CatalogIndex index;
  private String source;
  private String profile;
  private final Version current = Version.of(1, 0, 0);

  @Setup
  public void setUp() {
    index = CatalogIndex.of(CatalogSearchBenchmark.catalog(versionsPerProfile));
    int profiles = CatalogSearchBenchmark.ENTRIES / versionsPerProfile;
    profile = CatalogSearchBenchmark.name(profiles / 2);
    source = index.versions("platform", profile).isEmpty() ? "community" : "platform";
  }

  @Benchmark
  public Optional<CatalogEntry> latest() {
    return index.latest(source, profile);
  }

  @Benchmark
  public List<CatalogEntry> availableUpdates() {
    return index.availableUpdates(source, profile, current, PreReleases.EXCLUDE);
  }
}
