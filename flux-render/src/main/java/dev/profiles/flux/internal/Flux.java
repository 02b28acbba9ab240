package dev.profiles.flux.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Flux objects we emit, hand-modelled as records: only the fields a profile installation
 * sets, named exactly as in the CRDs of {@code source.toolkit.fluxcd.io/v1}, {@code
 * helm.toolkit.fluxcd.io/v2} and {@code kustomize.toolkit.fluxcd.io/v1}. The vendored CRDs are
 * the check that the names are right: every rendered object is validated against them in tests.
 * {@link Manifests} writes a record's components in the order declared here (metadata first,
 * specs alphabetically, as {@code kubectl} and Flux print them) and leaves out empty ones.
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
  public record ObjectMeta(String name, String namespace) {}

  /** A core {@code v1 ConfigMap} with string data. */
  public record ConfigMap(String apiVersion, String kind, ObjectMeta metadata,
      Map<String, String> data) {
    /** A ConfigMap named by {@code meta} holding {@code data}. */
    public static ConfigMap of(ObjectMeta meta, Map<String, String> data) {
      return new ConfigMap("v1", "ConfigMap", meta, data);
    }
  }

  /** {@code HelmRepository.spec}; {@code type} is "oci" for OCI registries, else absent. */
  public record HelmRepositorySpec(Optional<String> interval, Optional<String> type, String url) {}

  /** {@code HelmRelease.spec}. */
  public record HelmReleaseSpec(
      HelmChartTemplate chart,
      String interval,
      String releaseName,
      List<ValuesReference> valuesFrom) {}

  /** {@code HelmRelease.spec.chart}. */
  public record HelmChartTemplate(HelmChartTemplateSpec spec) {}

  /** {@code HelmRelease.spec.chart.spec}: a chart name or path, from a source. */
  public record HelmChartTemplateSpec(
      String chart, CrossNamespaceObjectReference sourceRef, Optional<String> version) {}

  /** {@code HelmRelease.spec.valuesFrom[]}. */
  public record ValuesReference(String kind, String name, String valuesKey) {}

  /** A source reference ({@code sourceRef}), possibly in another namespace. */
  public record CrossNamespaceObjectReference(String kind, String name, String namespace) {}

  /** {@code Kustomization.spec}. */
  public record KustomizationSpec(
      List<DependencyReference> dependsOn,
      List<HealthCheck> healthChecks,
      String interval,
      String path,
      boolean prune,
      CrossNamespaceObjectReference sourceRef,
      String targetNamespace) {}

  /** {@code Kustomization.spec.dependsOn[]}. */
  public record DependencyReference(String name) {}

  /** {@code Kustomization.spec.healthChecks[]}. */
  public record HealthCheck(String apiVersion, String kind, String name, String namespace) {}
}
