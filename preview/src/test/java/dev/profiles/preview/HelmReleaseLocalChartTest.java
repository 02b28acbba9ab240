package dev.profiles.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.preview.Expansion;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectId;
import dev.profiles.core.preview.PreviewException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A HelmRelease with a local chart, as flux-render writes it (chart copied into the GitOps
 * repository, GitRepository flux-system as source, valuesFrom the default-values ConfigMap then
 * the user's), rendered with the embedded Helm; the values merge in Flux's order.
 */
class HelmReleaseLocalChartTest {
  static final String DIR = "clusters/dev/my-nginx/artifacts/local-chart/helm-chart";

  static final String RELEASE = """
      apiVersion: helm.toolkit.fluxcd.io/v2
      kind: HelmRelease
      metadata:
        name: my-nginx-local-chart
        namespace: apps
      spec:
        chart:
          spec:
            chart: ./clusters/dev/my-nginx/artifacts/local-chart/helm-chart/charts/web
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
      %s""";

  static final String DEFAULTS = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: my-nginx-local-chart-defaultvalues
        namespace: apps
      data:
        default-values.yaml: |
          replicas: 2
          greeting: from-profile-defaults
          extra: {a: 1, b: 1}
      """;

  static final String USER = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: my-values
        namespace: apps
      data:
        local-chart: |
          replicas: 3
          extra: {b: 2}
      """;

  static final String USER_ENTRY =
      "  - kind: ConfigMap\n    name: my-values\n    valuesKey: local-chart\n";

  /** {@code text} indented by two spaces (a list under {@code spec}). */
  static String indent(String text) {
    return text.indent(2);
  }

  private final HelmReleaseExpander expander = new HelmReleaseExpander();

  static MapContext side(String extraSpec) {
    return new MapContext()
        .put(DIR + "/HelmRelease.yaml", RELEASE.formatted(extraSpec))
        .put(DIR + "/ConfigMap.yaml", DEFAULTS)
        .putTree("charts/web", DIR + "/charts/web");
  }

  private Expansion expand(MapContext side) throws Exception {
    KubeObject release = side.object("HelmRelease", "my-nginx-local-chart");
    assertThat(expander.handles(release)).isTrue();
    return expander.expand(release, side);
  }

  static KubeObject find(Expansion expansion, String kind, String name) {
    return expansion.objects().stream()
        .filter(o -> o.id().kind().equals(kind) && o.id().name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in "
            + expansion.objects().stream().map(o -> o.id().toString()).toList()));
  }

  @SuppressWarnings("unchecked")
  static Object at(KubeObject o, String... path) {
    Object node = o.content();
    for (String key : path) {
      node = ((Map<String, Object>) node).get(key);
    }
    return node;
  }

  @Test
  void rendersTheChartFromTheGitOpsRepositoryWithCrdsFirstAndNamespacesFilled() throws Exception {
    Expansion expansion = expand(side("").put("clusters/dev/my-values.yaml", USER));

    assertThat(expansion.notExpanded()).isEmpty();
    List<String> ids = expansion.objects().stream().map(o -> o.id().toString()).toList();
    assertThat(ids).containsExactlyInAnyOrder(
        "apiextensions.k8s.io/v1 CustomResourceDefinition widgets.example.dev",
        "apps/v1 Deployment apps/local-chart-web",
        "v1 Service apps/local-chart-web",
        "v1 ConfigMap apps/local-chart-seen",
        "rbac.authorization.k8s.io/v1 ClusterRole local-chart-reader",
        // Widget is declared cluster-scoped by the chart's own CRD: no namespace.
        "example.dev/v1 Widget local-chart-widget");
    assertThat(ids.get(0)).contains("CustomResourceDefinition");
    KubeObject deployment = find(expansion, "Deployment", "local-chart-web");
    assertThat(deployment.producedBy()).contains(
        new ObjectId("helm.toolkit.fluxcd.io/v2", "HelmRelease", "apps", "my-nginx-local-chart"));
    assertThat(at(deployment, "metadata", "namespace")).isEqualTo("apps");
    assertThat(deployment.file()).isEmpty();
  }

  @Test
  void valuesMergeInFluxOrderChartDefaultsThenEachValuesFromThenInline() throws Exception {
    // Only chart defaults (the profile's ConfigMap is there, the user's is not declared).
    Expansion defaults = expand(side(""));
    assertThat(at(find(defaults, "Deployment", "local-chart-web"), "spec", "replicas"))
        .isEqualTo(2);
    assertThat(at(find(defaults, "ConfigMap", "local-chart-seen"), "data", "greeting"))
        .isEqualTo("from-profile-defaults");

    // The user's ConfigMap overrides the profile's defaults, maps merged key by key.
    Expansion user = expand(side("").put("clusters/dev/my-values.yaml", USER));
    assertThat(at(find(user, "Deployment", "local-chart-web"), "spec", "replicas"))
        .isEqualTo(3);
    assertThat(at(find(user, "ConfigMap", "local-chart-seen"), "data", "extra"))
        .isEqualTo("{\"a\":1,\"b\":2}");
    assertThat(at(find(user, "Deployment", "local-chart-web"), "spec", "template", "spec",
        "containers")).asString().contains("nginx:1.25");

    // Inline values go on top of everything.
    Expansion inline = expand(side("""
          values:
            replicas: 5
            image: {tag: "1.27"}
        """).put("clusters/dev/my-values.yaml", USER));
    KubeObject deployment = find(inline, "Deployment", "local-chart-web");
    assertThat(at(deployment, "spec", "replicas")).isEqualTo(5);
    assertThat(at(deployment, "spec", "template", "spec", "containers")).asString()
        .contains("nginx:1.27");
  }

  @Test
  void targetPathSetsOneTypedValueAndOptionalMissingKeysAreSkipped() throws Exception {
    String withTargetPath = RELEASE.formatted("").replace(USER_ENTRY, indent("""
        - kind: ConfigMap
          name: my-values
          valuesKey: replicas
          targetPath: replicas
        - kind: ConfigMap
          name: my-values
          valuesKey: greeting
          targetPath: greeting
        - kind: ConfigMap
          name: my-values
          valuesKey: not-there
          optional: true
        """));
    MapContext side = side("").put(DIR + "/HelmRelease.yaml", withTargetPath)
        .put("clusters/dev/my-values.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: my-values, namespace: apps}
            data:
              replicas: "7"
              greeting: hello world
            """);
    Expansion expansion = expand(side);
    assertThat(at(find(expansion, "Deployment", "local-chart-web"), "spec", "replicas"))
        .isEqualTo(7);
    assertThat(at(find(expansion, "ConfigMap", "local-chart-seen"), "data", "greeting"))
        .isEqualTo("hello world");
  }

  @Test
  void aMissingKeyThatIsNotOptionalIsAnErrorNamingTheConfigMapAndFile() {
    MapContext side = side("").put("clusters/dev/my-values.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: my-values, namespace: apps}
        data:
          other-release: "replicas: 1"
        """);
    assertThatThrownBy(() -> expand(side)).isInstanceOf(PreviewException.class)
        .hasMessageContaining("HelmRelease apps/my-nginx-local-chart (" + DIR
            + "/HelmRelease.yaml)")
        .hasMessageContaining("spec.valuesFrom[1]")
        .hasMessageContaining("ConfigMap apps/my-values (clusters/dev/my-values.yaml)")
        .hasMessageContaining("key 'local-chart' does not exist");
  }

  @Test
  void valuesThatDoNotParseAreAnErrorWithTheirLine() {
    MapContext side = side("").put("clusters/dev/my-values.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: my-values, namespace: apps}
        data:
          local-chart: |
            replicas: 3
            image: [unclosed
        """);
    assertThatThrownBy(() -> expand(side)).isInstanceOf(PreviewException.class)
        .hasMessageContaining("HelmRelease apps/my-nginx-local-chart")
        .hasMessageContaining("values of ConfigMap apps/my-values (clusters/dev/my-values.yaml)"
            + " key 'local-chart'")
        .hasMessageMatching("(?s).*:\\d+:\\d+: .*");
  }

  @Test
  void valuesThatAreNotAMappingAreAnError() {
    MapContext side = side("").put("clusters/dev/my-values.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: my-values, namespace: apps}
        data:
          local-chart: "- a\\n- b\\n"
        """);
    assertThatThrownBy(() -> expand(side)).isInstanceOf(PreviewException.class)
        .hasMessageContaining("not a mapping of values but a list");
  }

  @Test
  void secretsAreReadFromDataAndStringData() throws Exception {
    String fromSecret = RELEASE.formatted("").replace(USER_ENTRY, indent("""
        - kind: Secret
          name: web-secret
        - kind: Secret
          name: web-plain
        """));
    MapContext side = side("").put(DIR + "/HelmRelease.yaml", fromSecret)
        .put("clusters/dev/secrets.yaml", """
            apiVersion: v1
            kind: Secret
            metadata: {name: web-secret, namespace: apps}
            data:
              values.yaml: cmVwbGljYXM6IDQK
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: web-plain, namespace: apps}
            stringData:
              values.yaml: "greeting: secret-hello"
            """);
    Expansion expansion = expand(side);
    assertThat(at(find(expansion, "Deployment", "local-chart-web"), "spec", "replicas"))
        .isEqualTo(4);
    assertThat(at(find(expansion, "ConfigMap", "local-chart-seen"), "data", "greeting"))
        .isEqualTo("secret-hello");
  }

  @Test
  void installCrdsSkipLeavesTheChartsCrdsOut() throws Exception {
    Expansion expansion = expand(side("""
          install:
            crds: Skip
        """));
    assertThat(expansion.objects()).noneMatch(o ->
        o.id().kind().equals("CustomResourceDefinition"));
    // Without the CRD, Widget's scope is unknown: namespaced by default, so it gets one.
    assertThat(find(expansion, "Widget", "local-chart-widget").id().namespace())
        .isEqualTo("apps");
  }

  @Test
  void defaultReleaseNameIsTargetNamespaceDashNameAndTheNamespaceIsTheTarget() throws Exception {
    MapContext side = side("""
          targetNamespace: web
        """);
    String release = side.readFile(DIR + "/HelmRelease.yaml").map(String::new).orElseThrow()
        .replace("  releaseName: local-chart\n", "");
    side.put(DIR + "/HelmRelease.yaml", release);
    Expansion expansion = expand(side);
    KubeObject deployment = find(expansion, "Deployment", "web-my-nginx-local-chart-web");
    assertThat(deployment.id().namespace()).isEqualTo("web");
  }

  @Test
  void aChartThatFailsToRenderIsAnErrorNamingTheTemplate() {
    MapContext side = side("").putTree("charts/broken", DIR + "/charts/broken");
    side.put(DIR + "/HelmRelease.yaml", side.readFile(DIR + "/HelmRelease.yaml")
        .map(String::new).orElseThrow().replace("charts/web", "charts/broken"));
    assertThatThrownBy(() -> expand(side)).isInstanceOf(PreviewException.class)
        .hasMessageContaining("HelmRelease apps/my-nginx-local-chart")
        .hasMessageContaining("chart " + DIR + "/charts/broken")
        .hasMessageContaining("broken/templates/bad.yaml:6")
        .hasMessageContaining("nil pointer");
  }

  @Test
  void aChartPathWithoutChartYamlIsAnError() {
    MapContext side = side("");
    side.put(DIR + "/HelmRelease.yaml", side.readFile(DIR + "/HelmRelease.yaml")
        .map(String::new).orElseThrow().replace("charts/web", "charts/nope"));
    assertThatThrownBy(() -> expand(side)).isInstanceOf(PreviewException.class)
        .hasMessageContaining("no Chart.yaml at '" + DIR + "/charts/nope'");
  }

  @Test
  void aChartPathLeavingTheRepositoryIsAnError() {
    MapContext side = side("");
    side.put(DIR + "/HelmRelease.yaml", side.readFile(DIR + "/HelmRelease.yaml")
        .map(String::new).orElseThrow().replace("chart: ./clusters", "chart: ../../clusters"));
    assertThatThrownBy(() -> expand(side)).isInstanceOf(PreviewException.class)
        .hasMessageContaining("leaves the repository");
  }

  @Test
  void aChartInAnotherGitRepositoryIsNotExpandedWithTheReason() throws Exception {
    MapContext side = side("");
    side.put(DIR + "/HelmRelease.yaml", side.readFile(DIR + "/HelmRelease.yaml")
        .map(String::new).orElseThrow().replace("name: flux-system\n", "name: other-repo\n"));
    Expansion expansion = expand(side);
    assertThat(expansion.objects()).isEmpty();
    assertThat(expansion.notExpanded()).hasValueSatisfying(r -> assertThat(r)
        .contains("GitRepository flux-system/other-repo").contains("not the GitOps repository"));
  }

  @Test
  void aGitRepositoryNamedByAProfileInstallationIsTheGitOpsRepository() throws Exception {
    MapContext side = side("");
    side.put(DIR + "/HelmRelease.yaml", side.readFile(DIR + "/HelmRelease.yaml")
        .map(String::new).orElseThrow().replace("name: flux-system\n", "name: fleet\n"));
    side.put("clusters/dev/my-nginx/profile-installation.yaml", """
        apiVersion: profiles.dev/v1alpha1
        kind: ProfileInstallation
        metadata: {name: my-nginx, namespace: apps}
        spec:
          gitRepository: {name: fleet, namespace: flux-system}
        """);
    assertThat(expand(side).objects()).isNotEmpty();
  }

  @Test
  void postRenderersAreNotExpanded() throws Exception {
    Expansion expansion = expand(side("""
          postRenderers:
          - kustomize:
              images: [{name: nginx, newTag: "2"}]
        """));
    assertThat(expansion.notExpanded()).hasValueSatisfying(r -> assertThat(r)
        .contains("postRenderers"));
  }

  @Test
  void aChartRefToAHelmChartAndTheBetaApiVersionsReadTheSame() throws Exception {
    MapContext side = new MapContext()
        .putTree("charts/web", "charts/web")
        .put("apps/release.yaml", """
            apiVersion: helm.toolkit.fluxcd.io/v2beta2
            kind: HelmRelease
            metadata: {name: web, namespace: team}
            spec:
              chartRef: {kind: HelmChart, name: web-chart}
              values: {replicas: 9}
            ---
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: HelmChart
            metadata: {name: web-chart, namespace: team}
            spec:
              chart: charts/web
              sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}
            """);
    KubeObject release = side.object("HelmRelease", "web");
    assertThat(expander.handles(release)).isTrue();
    Expansion expansion = expander.expand(release, side);
    KubeObject deployment = find(expansion, "Deployment", "web-web");
    assertThat(deployment.id().namespace()).isEqualTo("team");
    assertThat(at(deployment, "spec", "replicas")).isEqualTo(9);
  }

  @Test
  void aChartRefToAnUndeclaredSourceIsAnError() {
    MapContext side = new MapContext().put("apps/release.yaml", """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: web, namespace: team}
        spec:
          chartRef: {kind: OCIRepository, name: gone}
        """);
    assertThatThrownBy(() -> expander.expand(side.object("HelmRelease", "web"), side))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("HelmRelease team/web (apps/release.yaml)")
        .hasMessageContaining("OCIRepository team/gone is not declared");
  }

  @Test
  void aReleaseNameOverHelmsLimitIsShortenedAsHelmControllerDoes() throws Exception {
    String longName = "a-very-long-helm-release-name-that-goes-past-fifty-three";
    MapContext side = side("");
    side.put(DIR + "/HelmRelease.yaml", side.readFile(DIR + "/HelmRelease.yaml")
        .map(String::new).orElseThrow().replace("  releaseName: local-chart\n", "")
        .replace("name: my-nginx-local-chart\n", "name: " + longName + "\n"));
    KubeObject release = side.object("HelmRelease", longName);
    Expansion expansion = expander.expand(release, side);
    String name = find(expansion, "ClusterRole", expansion.objects().stream()
        .filter(o -> o.id().kind().equals("ClusterRole")).findFirst().orElseThrow().id().name())
        .id().name();
    assertThat(name).startsWith(longName.substring(0, 40) + "-").hasSize(40 + 1 + 12 + 7);
  }

  @Test
  void aChartWithoutCrdsAndOneThatRendersNothingExpand() throws Exception {
    MapContext side = side("").putTree("charts/plain", DIR + "/charts/plain");
    String release = side.readFile(DIR + "/HelmRelease.yaml").map(String::new).orElseThrow()
        .replace("charts/web", "charts/plain");
    side.put(DIR + "/HelmRelease.yaml", release);
    assertThat(expand(side).objects()).extracting(o -> o.id().toString())
        .containsExactly("v1 ConfigMap apps/local-chart-plain");
    side.put(DIR + "/HelmRelease.yaml", release + "  values: {enabled: false}\n");
    Expansion nothing = expand(side);
    assertThat(nothing.notExpanded()).isEmpty();
    assertThat(nothing.objects()).isEmpty();
  }

  @Test
  void valuesAndManifestsReadYaml11BooleansAsHelmDoesAndQuotedStringsStayStrings()
      throws Exception {
    MapContext side = side("").putTree("charts/plain", DIR + "/charts/plain");
    String release = side.readFile(DIR + "/HelmRelease.yaml").map(String::new).orElseThrow()
        .replace("charts/web", "charts/plain");
    // 'no' is false for Helm (YAML 1.1): the template's if renders nothing.
    side.put(DIR + "/HelmRelease.yaml", release);
    side.put("clusters/dev/my-values.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: my-values, namespace: apps}
        data:
          local-chart: "enabled: no"
        """);
    assertThat(expand(side).objects()).isEmpty();
    // A quoted "no" is a non-empty string, true in a Go template: it must reach Helm quoted.
    side.put("clusters/dev/my-values.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: my-values, namespace: apps}
        data:
          local-chart: "enabled: 'no'"
        """);
    assertThat(expand(side).objects()).hasSize(1);
  }

  @Test
  void valuesFilesReplaceTheChartsValuesAsSourceControllerDoes() throws Exception {
    MapContext side = side("");
    String release = side.readFile(DIR + "/HelmRelease.yaml").map(String::new).orElseThrow()
        .replace("      sourceRef:\n", "      valuesFiles:\n"
            + "      - ./" + DIR + "/charts/web/values.yaml\n"
            + "      - ./clusters/dev/prod-values.yaml\n"
            + "      sourceRef:\n");
    assertThat(release).contains("valuesFiles");
    side.put(DIR + "/HelmRelease.yaml", release);
    side.put("clusters/dev/prod-values.yaml", "greeting: from-values-file\nreplicas: 8\n");
    // The profile's ConfigMap (replicas: 2) still goes on top of the chart's values.
    Expansion expansion = expand(side);
    assertThat(at(find(expansion, "ConfigMap", "local-chart-seen"), "data", "greeting"))
        .isEqualTo("from-profile-defaults");
    assertThat(at(find(expansion, "Deployment", "local-chart-web"), "spec", "replicas"))
        .isEqualTo(2);

    // Without the chart's values.yaml in the list, its defaults are gone (image is unset).
    String withoutChartValues = release.replace(
        "      - ./" + DIR + "/charts/web/values.yaml\n", "");
    assertThat(withoutChartValues).isNotEqualTo(release);
    side.put(DIR + "/HelmRelease.yaml", withoutChartValues);
    side.put(DIR + "/ConfigMap.yaml", DEFAULTS.replace("replicas: 2", "image: {repository: x,"
        + " tag: y}\n    service: {type: ClusterIP, port: 81}"));
    Expansion replaced = expand(side);
    assertThat(at(find(replaced, "Deployment", "local-chart-web"), "spec", "replicas"))
        .isEqualTo(8);
    assertThat(at(find(replaced, "Service", "local-chart-web"), "spec", "ports")).asString()
        .contains("81");

    side.put("clusters/dev/prod-values.yaml", "# gone\n");
    side.put(DIR + "/HelmRelease.yaml", release.replace("prod-values", "missing-values"));
    assertThatThrownBy(() -> expand(side)).isInstanceOf(PreviewException.class)
        .hasMessageContaining("valuesFiles: no file 'clusters/dev/missing-values.yaml'");
  }

  @Test
  void handlesOnlyFluxHelmReleases() {
    KubeObject other = KubeObject.builder()
        .id(new ObjectId("apps.example.com/v1", "HelmRelease", "a", "b")).content(Map.of())
        .build();
    KubeObject beta = KubeObject.builder()
        .id(new ObjectId("helm.toolkit.fluxcd.io/v2beta1", "HelmRelease", "a", "b"))
        .content(Map.of()).build();
    assertThat(expander.handles(other)).isFalse();
    assertThat(expander.handles(beta)).isTrue();
  }
}
