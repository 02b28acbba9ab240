package dev.profiles.flux.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Flux objects we emit, hand-modelled as records: only the fields a profile installation
 * sets, named exactly as in the CRDs of {@code source.toolkit.fluxcd.io/v1}, {@code
 * helm.toolkit.fluxcd.io/v2} and {@code kustomize.toolkit.fluxcd.io/v1}. The vendored CRDs are
 * the check that the names are right: every rendered object is validated against them in tests.
 *
 * <p>Why not generate classes from the CRDs: the generated model covers hundreds of fields we
 * never set, needs a generator plugin (and its Jackson line) in the build, and would still need
 * this same validation.
 *
 * <p>Why not fabric8's {@code ObjectMeta} and {@code ConfigMap}: we set two metadata fields and
 * one ConfigMap, and a dependency on kubernetes-model would pin the fabric8 line (and its
 * Jackson line) of every user who also uses fabric8 kubernetes-client (see
 * docs/dependencies.md).
 */
public final class Flux {
  /** {@code source.toolkit.fluxcd.io/v1}. */
  public static final String SOURCE_API = "source.toolkit.fluxcd.io/v1";

  /** {@code helm.toolkit.fluxcd.io/v2}. */
  public static final String HELM_API = "helm.toolkit.fluxcd.io/v2";

  /** {@code kustomize.toolkit.fluxcd.io/v1}. */
  public static final String KUSTOMIZE_API = "kustomize.toolkit.fluxcd.io/v1";

  private Flux() {}

  /**
   * A Flux object: the API version and kind fix which spec type goes with it, so only the
   * factories below create one.
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
  public record Resource<S>(String apiVersion, String kind, ObjectMeta metadata, S spec) {}

  /** A {@code HelmRepository}. */
  public static Resource<HelmRepositorySpec> helmRepository(
      ObjectMeta meta, HelmRepositorySpec spec) {
    return new Resource<>(SOURCE_API, "HelmRepository", meta, spec);
  }

  /** A {@code HelmRelease}. */
  public static Resource<HelmReleaseSpec> helmRelease(ObjectMeta meta, HelmReleaseSpec spec) {
    return new Resource<>(HELM_API, "HelmRelease", meta, spec);
  }

  /** A Flux {@code Kustomization}. */
  public static Resource<KustomizationSpec> kustomization(ObjectMeta meta, KustomizationSpec spec) {
    return new Resource<>(KUSTOMIZE_API, "Kustomization", meta, spec);
  }

  /** {@code metadata}: the two fields a profile installation sets. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"name", "namespace"})
  public record ObjectMeta(String name, String namespace) {}

  /** A core {@code v1 ConfigMap} with string data. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"apiVersion", "kind", "metadata", "data"})
  public record ConfigMap(String apiVersion, String kind, ObjectMeta metadata,
      Map<String, String> data) {
    /** A ConfigMap named by {@code meta} holding {@code data}. */
    public static ConfigMap of(ObjectMeta meta, Map<String, String> data) {
      return new ConfigMap("v1", "ConfigMap", meta, data);
    }
  }

  /** {@code HelmRepository.spec}; {@code type} is "oci" for OCI registries, else absent. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder(alphabetic = true)
  public record HelmRepositorySpec(Optional<String> interval, Optional<String> type, String url) {}

  /** {@code HelmRelease.spec}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder(alphabetic = true)
  public record HelmReleaseSpec(
      HelmChartTemplate chart,
      String interval,
      String releaseName,
      List<ValuesReference> valuesFrom) {}

  /** {@code HelmRelease.spec.chart}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record HelmChartTemplate(HelmChartTemplateSpec spec) {}

  /** {@code HelmRelease.spec.chart.spec}: a chart name or path, from a source. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder(alphabetic = true)
  public record HelmChartTemplateSpec(
      String chart, CrossNamespaceObjectReference sourceRef, Optional<String> version) {}

  /** {@code HelmRelease.spec.valuesFrom[]}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"kind", "name", "valuesKey"})
  public record ValuesReference(String kind, String name, String valuesKey) {}

  /** A source reference ({@code sourceRef}), possibly in another namespace. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"kind", "name", "namespace"})
  public record CrossNamespaceObjectReference(String kind, String name, String namespace) {}

  /** {@code Kustomization.spec}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder(alphabetic = true)
  public record KustomizationSpec(
      List<DependencyReference> dependsOn,
      List<HealthCheck> healthChecks,
      String interval,
      String path,
      boolean prune,
      CrossNamespaceObjectReference sourceRef,
      String targetNamespace) {}

  /** {@code Kustomization.spec.dependsOn[]}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record DependencyReference(String name) {}

  /** {@code Kustomization.spec.healthChecks[]}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"apiVersion", "kind", "name", "namespace"})
  public record HealthCheck(String apiVersion, String kind, String name, String namespace) {}
}
