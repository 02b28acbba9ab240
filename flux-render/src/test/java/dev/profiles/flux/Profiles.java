package dev.profiles.flux;

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
import java.util.List;
import java.util.Map;

/** Test support: compact builders for profile trees and installations. */
final class Profiles {
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  static final GitRepositoryReference FLUX_SYSTEM =
      GitRepositoryReference.of("flux-system", "flux-system");

  private Profiles() {}

  static ProfileInstallation installation(String name) {
    return installationBuilder(name).build();
  }

  static ProfileInstallation.Builder installationBuilder(String name) {
    return ProfileInstallation.builder()
        .name(name)
        .source(ProfileSource.ofTag("https://github.com/org/profiles", "nginx/v0.1.0"))
        .gitRepository(FLUX_SYSTEM);
  }

  static RemoteChartArtifact remote(String name, String... dependsOn) {
    return RemoteChartArtifact.builder().name(name).url("https://charts.example.com/stable")
        .chartName("nginx").chartVersion("8.9.1").addDependsOn(dependsOn).build();
  }

  static LocalChartArtifact local(String name, String path) {
    return LocalChartArtifact.builder().name(name).path(path).build();
  }

  static KustomizeArtifact kustomize(String name, String path, String... dependsOn) {
    return KustomizeArtifact.builder().name(name).path(path).addDependsOn(dependsOn).build();
  }

  static NestedProfileArtifact nested(String name, String... dependsOn) {
    return NestedProfileArtifact.builder().name(name)
        .source(ProfileSource.ofTag("https://github.com/org/other", name + "/v1.0.0"))
        .addDependsOn(dependsOn).build();
  }

  static ProfileDefinition definition(String name, Artifact... artifacts) {
    return ProfileDefinition.builder().name(name).description("test profile " + name)
        .addAllArtifacts(List.of(artifacts)).build();
  }

  static ResolvedProfile resolved(ProfileDefinition definition, ProfileDirectory directory,
      Map<String, ResolvedProfile> nested) {
    return ResolvedProfile.builder()
        .source(ProfileSource.ofTag("https://github.com/org/profiles", definition.name() + "/v0.1.0"))
        .commit(COMMIT).definition(definition).directory(directory).putAllNested(nested).build();
  }

  static ResolvedProfile resolved(ProfileDefinition definition) {
    return resolved(definition, InMemoryProfileDirectory.empty(), Map.of());
  }

  /** A leaf-only profile whose files are {@code files}. */
  static ResolvedProfile resolved(ProfileDefinition definition, Map<String, String> files) {
    return resolved(definition, InMemoryProfileDirectory.of(files), Map.of());
  }

  static List<String> lines(String text) {
    return List.of(text.split("\n", -1));
  }
}
