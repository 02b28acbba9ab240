package dev.profiles.benchmarks.preview;

import dev.profiles.benchmarks.render.RenderBenchmark;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.Change;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.RenderRequest;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.install.Signature;
import dev.profiles.core.memory.InMemoryGitOpsRepository;
import dev.profiles.core.memory.InMemoryProfileResolver;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.preview.Preview;
import dev.profiles.flux.FluxRenderer;
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
 * Render + preview at Flux level (no expanders) of the 1,000-artifact profile of {@link
 * RenderBenchmark}: {@code install} previews its render into an empty repository (every object
 * added, one side read); {@code upgrade} previews a render whose values ConfigMap name changed
 * over the installed render (both sides' 4,535 files read: 2,935 objects — the copied
 * ConfigMaps all share one id — of which the 900 HelmReleases changed). Target: under 2 s
 * each.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PreviewBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class PreviewBenchmark {
  private static final String DIR = "clusters/prod/bench";
  private final FluxRenderer renderer = FluxRenderer.withoutValidation();
  private RenderRequest request;
  private RenderRequest changed;
  private InMemoryGitOpsRepository empty;
  private InMemoryGitOpsRepository installed;
  private Profiles profiles;

  @Setup
  public void setUp() throws ProfilesException {
    RenderBenchmark fixture = new RenderBenchmark();
    fixture.setUp();
    request = fixture.request();
    ProfileInstallation other = ProfileInstallation.builder().from(request.installation())
        .configMap("user-values-2").build();
    changed = RenderRequest.builder().from(request).installation(other).build();
    profiles = Profiles.builder().resolver(new InMemoryProfileResolver()).renderer(renderer)
        .expanders(List.of()).build();
    Signature ops = Signature.of("Ops", "ops@example.com");
    empty = InMemoryGitOpsRepository.create().withConfiguredUser(ops);
    installed = InMemoryGitOpsRepository.create().withConfiguredUser(ops);
    installed.commit(change(renderer.render(request)));
    Preview check = upgrade();
    if (check.objects().size() < 2_900 || !check.hasChanges()) {
      throw new IllegalStateException("the fixture previews " + check.objects().size()
          + " objects");
    }
  }

  private static Change change(RenderedFiles files) {
    RenderedFiles.Builder placed = RenderedFiles.builder();
    files.forEach((p, b) -> placed.put(DIR + "/" + p, b));
    return Change.builder().files(placed.build()).installation(DIR).removals(List.of(DIR))
        .message("Install bench").build();
  }

  /** Render, then preview into an empty repository: every object added. */
  @Benchmark
  public Preview install() throws ProfilesException {
    return profiles.preview(empty).of(change(renderer.render(request))).call();
  }

  /** Render the changed installation, then preview it over the installed one. */
  @Benchmark
  public Preview upgrade() throws ProfilesException {
    return profiles.preview(installed).of(change(renderer.render(changed))).call();
  }
}
