package dev.profiles.preview;

import static dev.profiles.preview.HelmReleaseLocalChartTest.at;
import static dev.profiles.preview.HelmReleaseLocalChartTest.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.preview.Expansion;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectId;
import dev.profiles.core.preview.PreviewException;
import dev.profiles.testing.junit.Prerequisites;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flux Kustomizations built with the real {@code kubectl kustomize} (or {@code kustomize}). */
class KustomizationExpanderTest {
  static final String KS = "clusters/dev/my-nginx/artifacts/app/kustomize-flux.yaml";

  @TempDir Path tmp;

  @BeforeAll
  static void needsKubectl() {
    Prerequisites.require(kubectl().isPresent(),
        "kubectl (Debian's kubernetes-client) for kubectl kustomize");
  }

  static Optional<Path> kubectl() {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "kubectl"))
        .filter(Files::isExecutable).findFirst();
  }

  static MapContext side(String path, String extraSpec) {
    return new MapContext()
        .put(KS, """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: my-nginx-app
              namespace: apps
            spec:
              interval: 5m
              path: %s
              prune: true
              sourceRef:
                kind: GitRepository
                name: flux-system
                namespace: flux-system
            %s""".formatted(path, extraSpec.indent(2)))
        .put("apps/overlay/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
            - ../base
            - role.yaml
            """)
        .put("apps/overlay/role.yaml", """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            rules: []
            """)
        .put("apps/base/kustomization.yaml", "resources: [deployment.yaml, namespaced.yaml]\n")
        .put("apps/base/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: "nginx:1.25"}]
            """)
        .put("apps/base/namespaced.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: elsewhere}
            data: {a: "1"}
            """)
        .put("apps/plain/one.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: one}
            """)
        .put("apps/plain/nested/two.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: two}
            """);
  }

  static Expansion expand(KustomizationExpander expander, MapContext side) throws Exception {
    KubeObject ks = side.object("Kustomization", "my-nginx-app");
    assertThat(expander.handles(ks)).isTrue();
    return expander.expand(ks, side);
  }

  @Test
  void buildsThePathFollowingBasesElsewhereInTheRepositoryWithTargetNamespace()
      throws Exception {
    Expansion expansion = expand(new KustomizationExpander(),
        side("./apps/overlay", "targetNamespace: team"));
    List<String> ids = expansion.objects().stream().map(o -> o.id().toString()).toList();
    assertThat(ids).containsExactlyInAnyOrder(
        "rbac.authorization.k8s.io/v1 ClusterRole reader",
        "apps/v1 Deployment team/web",
        // targetNamespace overrides a namespace the manifest sets, as kustomize's does.
        "v1 ConfigMap team/settings");
    assertThat(find(expansion, "Deployment", "web").producedBy()).contains(
        new ObjectId("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "apps", "my-nginx-app"));
    assertThat(at(find(expansion, "Deployment", "web"), "metadata", "namespace"))
        .isEqualTo("team");
  }

  @Test
  void withoutTargetNamespaceObjectsKeepTheirOwnAndPrefixPatchesAndImagesApply()
      throws Exception {
    Expansion expansion = expand(new KustomizationExpander(), side("./apps/overlay", """
        namePrefix: pre-
        images:
        - name: nginx
          newTag: "1.27"
        patches:
        - target: {kind: ConfigMap}
          patch: |
            - op: add
              path: /data/b
              value: "2"
        """));
    assertThat(find(expansion, "ConfigMap", "pre-settings").id().namespace())
        .isEqualTo("elsewhere");
    assertThat(at(find(expansion, "ConfigMap", "pre-settings"), "data", "b")).isEqualTo("2");
    assertThat(find(expansion, "Deployment", "pre-web").id().namespace()).isEmpty();
    assertThat(at(find(expansion, "Deployment", "pre-web"), "spec", "template", "spec",
        "containers")).asString().contains("nginx:1.27");
  }

  @Test
  void aPathWithoutKustomizationHasOneGeneratedListingItsManifests() throws Exception {
    Expansion expansion = expand(new KustomizationExpander(),
        side("./apps/plain", "targetNamespace: gen"));
    assertThat(expansion.objects().stream().map(o -> o.id().toString()))
        .containsExactlyInAnyOrder("v1 ConfigMap gen/one", "v1 ConfigMap gen/two");
  }

  @Test
  void withNeitherKubectlNorKustomizeOnThePathItIsNotExpanded() throws Exception {
    Expansion expansion = expand(new KustomizationExpander(ExpanderSettings.defaults()
        .withPath(tmp.toString())), side("./apps/overlay", ""));
    assertThat(expansion.objects()).isEmpty();
    assertThat(expansion.notExpanded()).contains("neither kubectl nor kustomize is on the PATH");
  }

  @Test
  void kustomizeIsUsedWhenKubectlIsNotThere() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path kustomize = bin.resolve("kustomize");
    // A kustomize that is kubectl's: proves `kustomize build DIR` is the call made.
    Files.writeString(kustomize, "#!/bin/sh\n[ \"$1\" = build ] || exit 3\nexec "
        + kubectl().orElseThrow() + " kustomize \"$2\"\n");
    Files.setPosixFilePermissions(kustomize, PosixFilePermissions.fromString("rwxr-xr-x"));
    Expansion expansion = expand(new KustomizationExpander(ExpanderSettings.defaults()
        .withPath(bin.toString())), side("./apps/plain", ""));
    assertThat(expansion.objects()).hasSize(2);
  }

  @Test
  void aBuildThatRunsTooLongIsStoppedAndAnError() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("slow"));
    Path kustomize = bin.resolve("kustomize");
    Files.writeString(kustomize, "#!/bin/sh\nexec sleep 60\n");
    Files.setPosixFilePermissions(kustomize, PosixFilePermissions.fromString("rwxr-xr-x"));
    KustomizationExpander expander = new KustomizationExpander(ExpanderSettings.defaults()
        .withPath(bin.toString()).withTimeout(Duration.ofMillis(300)));
    assertThatThrownBy(() -> expand(expander, side("./apps/plain", "")))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("Kustomization apps/my-nginx-app (" + KS + ")")
        .hasMessageContaining("took longer than");
  }

  @Test
  void aSourceOtherThanTheGitOpsRepositoryIsNotExpanded() throws Exception {
    MapContext side = side("./apps/overlay", "");
    side.put(KS, side.readFile(KS).map(String::new).orElseThrow()
        .replace("kind: GitRepository", "kind: OCIRepository"));
    Expansion expansion = expand(new KustomizationExpander(), side);
    assertThat(expansion.notExpanded()).hasValueSatisfying(r -> assertThat(r)
        .contains("OCIRepository flux-system/flux-system").contains("not the GitOps repository"));
  }

  @Test
  void aBuildThatFailsIsAnErrorNamingTheKustomizationAndPath() {
    MapContext side = side("./apps/overlay", "");
    side.put("apps/overlay/kustomization.yaml", "resources: [../base, missing.yaml]\n");
    assertThatThrownBy(() -> expand(new KustomizationExpander(), side))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("Kustomization apps/my-nginx-app (" + KS + ")")
        .hasMessageContaining("kustomize build of 'apps/overlay' failed")
        .hasMessageContaining("missing.yaml")
        .hasMessageNotContaining("profiles-preview-");
  }

  @Test
  void badPathsAndRemoteReferencesAreErrors() {
    assertThatThrownBy(() -> expand(new KustomizationExpander(), side("./apps/none", "")))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("spec.path 'apps/none' has no files");
    assertThatThrownBy(() -> expand(new KustomizationExpander(), side("../outside", "")))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("leaves the repository");
    MapContext remote = side("./apps/overlay", "");
    remote.put("apps/overlay/kustomization.yaml",
        "resources: [https://github.com/org/repo//base?ref=v1]\n");
    assertThatThrownBy(() -> expand(new KustomizationExpander(), remote))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("apps/overlay/kustomization.yaml references the remote");
  }

  @Test
  void theKustomizationFluxRenderWritesForAChartYieldsItsHelmReleaseAndConfigMap()
      throws Exception {
    String dir = HelmReleaseLocalChartTest.DIR;
    MapContext side = HelmReleaseLocalChartTest.side("")
        .put(dir + "/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
            - HelmRelease.yaml
            - ConfigMap.yaml
            """)
        .put(KS, """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: my-nginx-app, namespace: apps}
            spec:
              interval: 5m
              path: ./%s
              prune: true
              sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}
              targetNamespace: apps
            """.formatted(dir));
    Expansion expansion = expand(new KustomizationExpander(), side);
    assertThat(expansion.objects().stream().map(o -> o.id().toString()))
        .containsExactlyInAnyOrder(
            "helm.toolkit.fluxcd.io/v2 HelmRelease apps/my-nginx-local-chart",
            "v1 ConfigMap apps/my-nginx-local-chart-defaultvalues");
  }

  @Test
  void componentsAndCommonMetadataApplyAsFluxAppliesThem() throws Exception {
    MapContext side = side("./apps/overlay", """
        components:
        - ../components/extra
        commonMetadata:
          labels: {team: web}
          annotations: {owner: profiles}
        """)
        .put("apps/components/extra/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1alpha1
            kind: Component
            resources: [extra.yaml]
            """)
        .put("apps/components/extra/extra.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: extra}
            """);
    Expansion expansion = expand(new KustomizationExpander(), side);
    assertThat(expansion.objects()).extracting(o -> o.id().name())
        .contains("extra", "web", "reader");
    assertThat(expansion.objects()).allSatisfy(o -> {
      assertThat(at(o, "metadata", "labels")).asString().contains("team=web");
      assertThat(at(o, "metadata", "annotations")).asString().contains("owner=profiles");
    });
  }

  @Test
  void postBuildSubstitutionIsNotExpanded() throws Exception {
    Expansion expansion = expand(new KustomizationExpander(), side("./apps/overlay", """
        postBuild:
          substitute: {cluster: dev}
        """));
    assertThat(expansion.notExpanded()).hasValueSatisfying(r -> assertThat(r)
        .contains("postBuild"));
  }
}
