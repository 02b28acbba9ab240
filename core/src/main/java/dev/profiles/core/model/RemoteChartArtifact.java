package dev.profiles.core.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Helm chart fetched from a chart repository ({@code chart.url}, {@code chart.name}, {@code
 * chart.version}), HTTP(S) or OCI.
 *
 * <pre>{@code
 * RemoteChartArtifact nginx = RemoteChartArtifact.builder()
 *     .name("nginx-server").url("https://charts.example.com/stable")
 *     .chartName("nginx").chartVersion("8.9.1")
 *     .defaultValues("service: {type: ClusterIP}\n")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public non-sealed interface RemoteChartArtifact extends Artifact {
  /** The chart repository URL ({@code https://...} or {@code oci://...}). */
  String url();

  /** The chart's name in that repository ({@code chart.name}). */
  String chartName();

  /** The chart version ({@code chart.version}), as Helm accepts it. */
  String chartVersion();

  /** Helm values applied before the user's own, as a YAML string. */
  Optional<String> defaultValues();

  /** Whether the repository is an OCI registry ({@code oci://}). */
  default boolean isOci() {
    return url().regionMatches(true, 0, "oci://", 0, 6);
  }

  @Override
  default Kind kind() {
    return Kind.REMOTE_CHART;
  }

  @Override
  default <R> R accept(Visitor<R> visitor) {
    return visitor.remoteChart(this);
  }

  @Value.Check
  default void check() {
    List<ModelViolation> out = ArtifactRules.common(this);
    ArtifactRules.required(out, "chart.url", url());
    ArtifactRules.required(out, "chart.name", chartName());
    ArtifactRules.required(out, "chart.version", chartVersion());
    InvalidModelException.throwIfAny(out);
  }

  /** A builder of {@link RemoteChartArtifact}; every setter returns it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RemoteChartArtifact}: {@code RemoteChartArtifact.builder()...build()}. */
  public static final class Builder extends ImmutableRemoteChartArtifact.Builder {
    Builder() {}
  }
}
