package dev.profiles.core.model;

import java.util.List;
import org.immutables.value.Value;

/**
 * A directory of raw Kubernetes YAML or a kustomize overlay inside the profile directory
 * ({@code kustomize.path}); installing copies it and applies it with a Flux Kustomization.
 *
 * <pre>{@code
 * KustomizeArtifact crds = KustomizeArtifact.builder().name("crds").path("manifests/crds").build();
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public non-sealed interface KustomizeArtifact extends Artifact {
  /** The directory relative to the profile directory; never escapes it. */
  String path();

  @Override
  default Kind kind() {
    return Kind.KUSTOMIZE;
  }

  @Override
  default <R> R accept(Visitor<R> visitor) {
    return visitor.kustomize(this);
  }

  @Value.Check
  default void check() {
    List<ModelViolation> out = ArtifactRules.common(this);
    ArtifactRules.path(out, "kustomize.path", path());
    InvalidModelException.throwIfAny(out);
  }

  /** A builder of {@link KustomizeArtifact}; every setter returns it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link KustomizeArtifact}: {@code KustomizeArtifact.builder()...build()}. */
  public static final class Builder extends ImmutableKustomizeArtifact.Builder {
    Builder() {}
  }
}
