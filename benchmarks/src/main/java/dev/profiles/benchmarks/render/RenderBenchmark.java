package dev.profiles.benchmarks.render;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.RenderRequest;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.KustomizeArtifact;
import dev.profiles.core.model.LocalChartArtifact;
import dev.profiles.core.model.NestedProfileArtifact;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.model.RemoteChartArtifact;
import dev.profiles.core.resolve.ProfileDirectory;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.yaml.DocumentProblem;
import dev.profiles.flux.FluxRenderer;
import dev.profiles.flux.ManifestValidator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * Renders one installation of a profile with 1,000 deployable artifacts: 700 remote charts
 * (every third with default values, every fifth from an OCI registry), 100 local charts of 3
 * files, 100 kustomize directories of 2 files, and two nested profiles of 50 remote charts
 * each; most artifacts depend on their predecessor. Target: render under 50 ms.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RenderBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class RenderBenchmark {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  private RenderRequest request;
  private RenderedFiles rendered;
  // Rendering alone; the validate benchmark measures the schema check separately.
  private final FluxRenderer renderer = FluxRenderer.withoutValidation();

  @Setup
  public void setUp() throws ProfilesException {
    List<Artifact> artifacts = new ArrayList<>();
    String previous = null;
    for (int i = 0; i < 900; i++) {
      String name = "artifact-" + i;
      List<String> deps = previous == null || i % 10 == 0 ? List.of() : List.of(previous);
      if (i < 700) {
        RemoteChartArtifact.Builder chart = RemoteChartArtifact.builder().name(name)
            .url(i % 5 == 0 ? "oci://ghcr.io/org/charts" : "https://charts.example.com/stable")
            .chartName("chart-" + i).chartVersion("1." + i + ".0").addAllDependsOn(deps);
        if (i % 3 == 0) {
          chart.defaultValues("replicaCount: 2\nservice:\n  type: ClusterIP\n  port: " + i + "\n");
        }
        artifacts.add(chart.build());
      } else if (i < 800) {
        artifacts.add(LocalChartArtifact.builder().name(name).path("charts/c" + i)
            .addAllDependsOn(deps).build());
      } else {
        artifacts.add(KustomizeArtifact.builder().name(name).path("manifests/k" + i)
            .addAllDependsOn(deps).build());
      }
      previous = name;
    }
    ResolvedProfile.Builder root = ResolvedProfile.builder();
    for (String nested : List.of("nested-a", "nested-b")) {
      artifacts.add(NestedProfileArtifact.builder().name(nested)
          .source(ProfileSource.ofTag("https://github.com/org/other", nested + "/v1.0.0"))
          .addDependsOn("artifact-0").build());
      List<Artifact> inner = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        inner.add(RemoteChartArtifact.builder().name(nested + "-chart-" + i)
            .url("https://charts.example.com/stable").chartName("inner").chartVersion("2.0.0")
            .build());
      }
      root.putNested(nested, resolved(nested, inner));
    }
    ResolvedProfile profile = root.from(resolved("big", artifacts)).build();
    ProfileInstallation installation = ProfileInstallation.builder().name("bench")
        .namespace("apps").source(ProfileSource.ofTag("https://github.com/org/profiles", "big/v1.0.0"))
        .gitRepository(GitRepositoryReference.of("flux-system", "flux-system"))
        .configMap("user-values").build();
    request = RenderRequest.builder().installation(installation).profile(profile)
        .installationDirectory("clusters/prod/" + installation.name()).build();
    rendered = renderer.render(request);
  }

  /** The render request of the 1,000-artifact profile, once {@link #setUp()} ran. */
  public RenderRequest request() {
    return request;
  }

  private static ResolvedProfile resolved(String name, List<Artifact> artifacts) {
    return ResolvedProfile.builder()
        .source(ProfileSource.ofTag("https://github.com/org/profiles", name + "/v1.0.0"))
        .commit(COMMIT)
        .definition(ProfileDefinition.builder().name(name).description("benchmark profile")
            .addAllArtifacts(artifacts).build())
        .directory(new SyntheticDirectory())
        .build();
  }

  /** Render 1,000 artifacts to bytes. */
  @Benchmark
  public RenderedFiles render() throws ProfilesException {
    return renderer.render(request);
  }

  /** Validate the rendered Flux objects against the bundled CRDs. */
  @Benchmark
  public List<DocumentProblem> validate() {
    return ManifestValidator.bundled().validate(rendered);
  }

  /**
   * Every directory holds the same few files: a chart ({@code Chart.yaml}, {@code values.yaml},
   * one template) or two manifests, depending on where it is.
   */
  private static final class SyntheticDirectory implements ProfileDirectory {
    private static final byte[] CONTENT =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n".getBytes(StandardCharsets.UTF_8);

    @Override
    public List<String> list(String path) {
      return path.startsWith("charts/")
          ? List.of(path + "/Chart.yaml", path + "/templates/cm.yaml", path + "/values.yaml")
          : List.of(path + "/a.yaml", path + "/b.yaml");
    }

    @Override
    public byte[] read(String path) {
      return CONTENT.clone();
    }

    @Override
    public boolean isDirectory(String path) {
      return true;
    }
  }
}
