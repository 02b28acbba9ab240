package dev.profiles.core.model;

import dev.profiles.core.rules.DependencyCycles;
import dev.profiles.core.rules.KubernetesNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A profile: a named, described package of artifacts, as defined by a {@code profile.yaml}
 * ({@code kind: ProfileDefinition}, or the older {@code kind: Profile}).
 *
 * <p>Every instance obeys the rules of the spec: at least one artifact, unique artifact names,
 * {@code dependsOn} naming existing artifacts without cycles, names that are DNS-1123 labels.
 * Building one that does not throws {@link InvalidModelException}; reading one from YAML
 * reports the same rules with file, line and column.
 *
 * <pre>{@code
 * ProfileDefinition nginx = ProfileDefinition.builder()
 *     .name("nginx").description("deploys nginx")
 *     .addArtifact(KustomizeArtifact.builder().name("crds").path("manifests/crds").build())
 *     .build();
 * nginx.artifact("crds"); // Optional[KustomizeArtifact{...}]
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface ProfileDefinition {
  /** {@code metadata.name}: the profile's name, a DNS-1123 label. */
  String name();

  /** {@code spec.description}. */
  String description();

  /** {@code spec.maintainer}. */
  Optional<String> maintainer();

  /** {@code spec.prerequisites}: informational only. */
  List<String> prerequisites();

  /** {@code spec.artifacts}, in document order. */
  List<Artifact> artifacts();

  /** The artifact named {@code name}, if any. */
  default Optional<Artifact> artifact(String name) {
    return artifacts().stream().filter(a -> a.name().equals(name)).findFirst();
  }

  @Value.Check
  default void check() {
    InvalidModelException.throwIfAny(violations(this));
  }

  /** Every rule {@code profile} breaks, paths in the document's shape. */
  private static List<ModelViolation> violations(ProfileDefinition profile) {
    List<ModelViolation> out = new ArrayList<>();
    KubernetesNames.labelProblem(profile.name())
        .ifPresent(p -> out.add(new ModelViolation("metadata.name", p)));
    if (profile.description().isBlank()) {
      out.add(new ModelViolation("spec.description", "must not be empty"));
    }
    if (profile.artifacts().isEmpty()) {
      out.add(new ModelViolation("spec.artifacts", "a profile needs at least one artifact"));
    }
    Map<String, Integer> firstIndex = new HashMap<>();
    Map<String, List<String>> graph = new LinkedHashMap<>();
    for (int i = 0; i < profile.artifacts().size(); i++) {
      Artifact a = profile.artifacts().get(i);
      Integer previous = firstIndex.putIfAbsent(a.name(), i);
      if (previous != null) {
        out.add(
            new ModelViolation(
                "spec.artifacts[" + i + "].name",
                "duplicate artifact name '" + a.name() + "' (first used by spec.artifacts["
                    + previous + "])"));
      }
      graph.putIfAbsent(a.name(), a.dependsOn());
    }
    for (int i = 0; i < profile.artifacts().size(); i++) {
      Artifact a = profile.artifacts().get(i);
      for (int j = 0; j < a.dependsOn().size(); j++) {
        String dep = a.dependsOn().get(j);
        if (!graph.containsKey(dep)) {
          out.add(
              new ModelViolation(
                  "spec.artifacts[" + i + "].dependsOn[" + j + "].name",
                  "artifact '" + a.name() + "' depends on '" + dep
                      + "', which is not an artifact of this profile"));
        }
      }
    }
    DependencyCycles.find(graph).filter(c -> c.size() > 2).ifPresent(cycle -> {
      int index = firstIndex.get(cycle.get(0));
      out.add(
          new ModelViolation(
              "spec.artifacts[" + index + "].dependsOn",
              "dependency cycle: " + DependencyCycles.describe(cycle)));
    });
    return out;
  }

  static ImmutableProfileDefinition.Builder builder() {
    return ImmutableProfileDefinition.builder();
  }
}
