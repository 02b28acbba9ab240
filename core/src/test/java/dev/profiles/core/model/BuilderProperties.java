package dev.profiles.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.profiles.core.ProfilesConfigurationException;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever strings (or nulls) a caller gives the model's builders and factories, they build a
 * value or throw {@link ProfilesConfigurationException}: nothing else.
 */
class BuilderProperties {
  private static final List<Function<List<String>, Object>> BUILDS = List.of(
      s -> KustomizeArtifact.builder().name(s.get(0)).path(s.get(1)).addDependsOn(s.get(2))
          .build(),
      s -> LocalChartArtifact.builder().name(s.get(0)).path(s.get(1)).build(),
      s -> RemoteChartArtifact.builder().name(s.get(0)).url(s.get(1)).chartName(s.get(2))
          .chartVersion(s.get(3)).build(),
      s -> ProfileSource.builder().url(s.get(0)).tag(s.get(1)).path(s.get(2)).build(),
      s -> ProfileSource.builder().url(s.get(0)).branch(s.get(1)).build().effectivePath(),
      s -> ProfileSource.ofTag(s.get(0), s.get(1)).effectivePath(),
      s -> CatalogReference.of(s.get(0), s.get(1), s.get(2)),
      s -> GitRepositoryReference.of(s.get(0), s.get(1)),
      s -> CatalogEntry.builder().name(s.get(0)).tag(s.get(1)).url(s.get(2)).build()
          .versionTag(),
      s -> CatalogRepository.builder().url(s.get(0)).secretRef(s.get(1)).build(),
      s -> ProfileCatalogSource.builder().name(s.get(0)).namespace(s.get(1)).build(),
      s -> PctlConfig.builder().defaultDir(s.get(0)).build(),
      s -> ProfileInstallation.builder().name(s.get(0)).namespace(s.get(1))
          .configMap(s.get(2)).source(ProfileSource.ofTag("https://x", "v1.0.0")).build(),
      s -> ProfileDefinition.builder().name(s.get(0)).description(s.get(1))
          .addArtifact(KustomizeArtifact.builder().name("a").path("a").build()).build());

  @Property(tries = 2000)
  void buildersBuildOrThrowTheConfigurationException(
      @ForAll("builds") int which, @ForAll("values") List<String> values) {
    Throwable t = catchThrowable(() -> BUILDS.get(which).apply(values));

    if (t != null) {
      assertThat(t).isInstanceOf(ProfilesConfigurationException.class);
      assertThat(t.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<Integer> builds() {
    return Arbitraries.integers().between(0, BUILDS.size() - 1);
  }

  @Provide
  Arbitrary<List<String>> values() {
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.of("", " ", "a", "nginx", "flux-system", "v1.0.0", "nginx/v1.0.0",
            "https://example.com/r", "../x", "/abs", "a\\b", "a\nb", "\0", "Bad_Name",
            "x".repeat(300), "a/../b", "."),
        Arbitraries.strings().withCharRange('\0', '\u00ff').ofMaxLength(12));
    return value.injectNull(0.1).list().ofSize(4);
  }
}
