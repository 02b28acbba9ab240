package dev.profiles.core.model;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
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
    InvalidModelException.throwIfAny(ProfileRules.violations(Optional.of(name()),
        Optional.of(description()), ProfileRules.indexed(artifacts()), artifacts().stream().map(Artifact::name)
            .collect(Collectors.toSet())));
  }

  /** A builder of {@link ProfileDefinition}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ProfileDefinition}: {@code ProfileDefinition.builder()...build()}. */
  final class Builder extends ImmutableProfileDefinition.Builder {
    Builder() {}
  }
}
