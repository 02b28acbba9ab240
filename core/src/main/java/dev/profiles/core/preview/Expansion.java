package dev.profiles.core.preview;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.model.ProfilesStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What an {@link ObjectExpander} made of one Flux object: the Kubernetes objects Flux would
 * apply for it, or why it could not be expanded here (such as no {@code kustomize} on the
 * {@code PATH}) — a preview then lists the Flux object as not expanded, with that reason,
 * instead of failing.
 *
 * <pre>{@code
 * Expansion done = Expansion.of(List.of(deployment, service));
 * Expansion skipped = Expansion.notExpanded("neither kubectl nor kustomize is on the PATH");
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface Expansion {
  /** The objects produced, in the order Flux would apply them; empty when not expanded. */
  List<KubeObject> objects();

  /** Why the Flux object was not expanded; empty when it was. */
  Optional<String> notExpanded();

  @Value.Check
  default void check() {
    if (notExpanded().isPresent() && !objects().isEmpty()) {
      throw new ProfilesConfigurationException(
          "an expansion either has objects or says why it has none, not both");
    }
  }

  /** The objects an expansion produced. */
  static Expansion of(List<KubeObject> objects) {
    return builder().objects(objects).build();
  }

  /** An object that could not be expanded here, and why. */
  static Expansion notExpanded(String reason) {
    return builder().notExpanded(reason).build();
  }

  /** A builder of {@link Expansion}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link Expansion}: {@code Expansion.builder()...build()}. */
  final class Builder extends ImmutableExpansion.Builder {
    Builder() {}
  }
}
