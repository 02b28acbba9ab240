package dev.profiles.core.model;

import java.util.List;
import org.immutables.value.Value;

/**
 * Another profile included in this one ({@code profile.source}); its artifacts are installed
 * under this artifact's directory. A {@code dependsOn} naming this artifact waits for every
 * artifact of the nested profile.
 *
 * <pre>{@code
 * NestedProfileArtifact base = NestedProfileArtifact.builder()
 *     .name("base")
 *     .source(ProfileSource.ofTag("https://github.com/org/other-profiles", "base/v1.2.0"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public non-sealed interface NestedProfileArtifact extends Artifact {
  /** Where the nested profile lives. */
  ProfileSource source();

  @Override
  default Kind kind() {
    return Kind.PROFILE;
  }

  @Override
  default <R> R accept(Visitor<R> visitor) {
    return visitor.profile(this);
  }

  @Value.Check
  default void check() {
    List<ModelViolation> out = ArtifactRules.common(this);
    InvalidModelException.throwIfAny(out);
  }

  /** A builder of {@link NestedProfileArtifact}; every setter returns it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link NestedProfileArtifact}: {@code NestedProfileArtifact.builder()...build()}. */
  public static final class Builder extends ImmutableNestedProfileArtifact.Builder {
    Builder() {}
  }
}
