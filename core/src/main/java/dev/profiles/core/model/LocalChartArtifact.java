package dev.profiles.core.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Helm chart kept inside the profile directory ({@code chart.path}); installing copies it
 * into the GitOps repository and points the HelmRelease at the copy.
 *
 * <pre>{@code
 * LocalChartArtifact chart = LocalChartArtifact.builder().name("local-chart").path("charts/mychart").build();
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public non-sealed interface LocalChartArtifact extends Artifact {
  /** The chart directory relative to the profile directory; never escapes it. */
  String path();

  /** Helm values applied before the user's own, as a YAML string. */
  Optional<String> defaultValues();

  @Override
  default Kind kind() {
    return Kind.LOCAL_CHART;
  }

  @Override
  default <R> R accept(Visitor<R> visitor) {
    return visitor.localChart(this);
  }

  @Value.Check
  default void check() {
    List<ModelViolation> out = ArtifactRules.common(this);
    ArtifactRules.path(out, "chart.path", path());
    InvalidModelException.throwIfAny(out);
  }

  /** A builder of {@link LocalChartArtifact}; every setter returns it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link LocalChartArtifact}: {@code LocalChartArtifact.builder()...build()}. */
  public static final class Builder extends ImmutableLocalChartArtifact.Builder {
    Builder() {}
  }
}
