package dev.profiles.flux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.install.RenderedFiles;
import org.junit.jupiter.api.Test;

/**
 * Exact bytes of a few rendered files of the spec example, so that a formatting change (which
 * would show as a diff in every user's GitOps repository, and as a conflict in upgrades' three-way
 * merges) is a deliberate one. Reviewed against spec §4: names NAME-artifact in namespace NS,
 * repo-relative paths, the GitRepository as source, dependsOn expanded through the nested
 * profile, valuesFrom defaults first then the user's ConfigMap; the field values are also
 * asserted one by one in {@link FluxRendererTest}.
 */
class GoldenOutputTest {
  private static final String A = "artifacts/";

  @Test
  void remoteChartRelease() throws Exception {
    assertThat(text(A + "nginx-server/helm-chart/HelmRelease.yaml")).isEqualTo("""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: my-nginx-nginx-server
          namespace: apps
        spec:
          chart:
            spec:
              chart: nginx
              sourceRef:
                kind: HelmRepository
                name: my-nginx-nginx-server
                namespace: apps
              version: "8.9.1"
          interval: 5m
          releaseName: nginx-server
          valuesFrom:
          - kind: ConfigMap
            name: my-nginx-nginx-server-defaultvalues
            valuesKey: default-values.yaml
          - kind: ConfigMap
            name: my-values
            valuesKey: nginx-server
        """);
  }

  @Test
  void defaultValuesConfigMapKeepsTheValuesReadable() throws Exception {
    assertThat(text(A + "nginx-server/helm-chart/ConfigMap.yaml")).isEqualTo("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: my-nginx-nginx-server-defaultvalues
          namespace: apps
        data:
          default-values.yaml: |
            service: {type: ClusterIP}
        """);
  }

  @Test
  void kustomizationWithDependenciesAndHealthCheck() throws Exception {
    assertThat(text(A + "app/kustomize-flux.yaml")).isEqualTo("""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: my-nginx-app
          namespace: apps
        spec:
          dependsOn:
          - name: my-nginx-base-crds
          - name: my-nginx-nginx
          - name: my-nginx-nginx-server
          healthChecks:
          - apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            name: my-nginx-app
            namespace: apps
          interval: 5m
          path: ./clusters/dev/my-nginx/artifacts/app/helm-chart
          prune: true
          sourceRef:
            kind: GitRepository
            name: flux-system
            namespace: flux-system
          targetNamespace: apps
        """);
  }

  @Test
  void localChartReleaseAndItsKustomization() throws Exception {
    assertThat(text(A + "local-chart/helm-chart/HelmRelease.yaml")).isEqualTo("""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: my-nginx-local-chart
          namespace: apps
        spec:
          chart:
            spec:
              chart: ./clusters/dev/my-nginx/artifacts/local-chart/helm-chart/charts/mychart
              sourceRef:
                kind: GitRepository
                name: flux-system
                namespace: flux-system
          interval: 5m
          releaseName: local-chart
          valuesFrom:
          - kind: ConfigMap
            name: my-nginx-local-chart-defaultvalues
            valuesKey: default-values.yaml
          - kind: ConfigMap
            name: my-values
            valuesKey: local-chart
        """);
    assertThat(text(A + "local-chart/helm-chart/kustomization.yaml")).isEqualTo("""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
        - HelmRelease.yaml
        - ConfigMap.yaml
        """);
  }

  private static String text(String path) throws Exception {
    RenderedFiles files = FluxRendererTest.renderSpecExample();
    return files.text(path).orElseThrow();
  }
}
