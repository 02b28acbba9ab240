package dev.profiles.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.memory.InMemoryGitOpsRepository;
import dev.profiles.core.memory.InMemoryProfileDirectory;
import dev.profiles.core.memory.InMemoryProfileResolver;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.KustomizeArtifact;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.preview.FieldChange;
import dev.profiles.core.preview.ObjectChange;
import dev.profiles.core.preview.ObjectId;
import dev.profiles.core.preview.Preview;
import dev.profiles.core.preview.PreviewException;
import dev.profiles.core.preview.PreviewFormat;
import dev.profiles.core.preview.RiskFinding;
import dev.profiles.core.preview.RiskFinding.Severity;
import dev.profiles.core.yaml.InvalidDocumentException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Previews of installs, upgrades and uninstalls on the in-memory fakes, with a fake Helm. */
class PreviewTest {
  static final String URL = "https://example.com/profiles";
  static final GitRepositoryReference FLUX = GitRepositoryReference.of("flux-system", "flux");
  static final String DIR = "my-web/artifacts/web/";

  final InMemoryProfileResolver resolver = new InMemoryProfileResolver();
  final FakeHelmExpander helm = new FakeHelmExpander();
  final InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create()
      .withConfiguredUser(Signature.of("Ops", "ops@example.com"));
  final Profiles profiles = Profiles.builder().resolver(resolver).renderer(new TestRenderer())
      .merger(new TestMerger()).versionLister(resolver).expanders(helm).build();

  static String release(String image, boolean admin) {
    return """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: web
          namespace: team
        spec:
          chart:
            spec: {chart: web, version: 1.0.0}
          values:
            image: %s
            admin: %s
        """.formatted(image, admin);
  }

  /** A Flux Kustomization of the installation's {@code m/} directory. */
  static final String KUSTOMIZATION_OF_M = """
      apiVersion: kustomize.toolkit.fluxcd.io/v1
      kind: Kustomization
      metadata: {name: my-web-web, namespace: team}
      spec:
        path: ./my-web/artifacts/web/m
        targetNamespace: team
        sourceRef: {kind: GitRepository, name: flux, namespace: flux-system}
      """;

  static final String CONFIG_MAP = """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: team}
      data:
        color: "blue"
        size: "1"
      ---
      # a second document in the same file
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: team}
      spec:
        ports: [{name: http, port: 80}]
      """;

  void publish(String tag, Map<String, String> files) {
    ProfileDefinition def = ProfileDefinition.builder().name("web").description("test")
        .addArtifacts(KustomizeArtifact.builder().name("web").path("manifests").build()).build();
    resolver.put(ProfileSource.ofTag(URL, tag), def, InMemoryProfileDirectory.ofText(files));
  }

  static Map<String, String> files(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return out;
  }

  InstallCommand install(String tag) {
    return profiles.install(repo).source(ProfileSource.ofTag(URL, tag)).name("my-web")
        .gitRepository(FLUX);
  }

  void installed(String tag) throws ProfilesException {
    install(tag).call();
  }

  Preview upgradeTo(String version) throws ProfilesException {
    var before = repo.snapshot();
    Preview p = profiles.preview(repo)
        .of(profiles.upgrade(repo).installation("my-web").toVersion(version)).call();
    assertThat(repo.snapshot()).isEqualTo(before);
    return p;
  }

  static ObjectChange object(Preview p, String kind, String name) {
    return p.objects().stream().filter(o -> o.id().kind().equals(kind)
        && o.id().name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
            "no " + kind + " " + name + " in " + p.objects()));
  }

  static List<String> rules(Preview p) {
    return p.findings().stream().map(RiskFinding::rule).toList();
  }

  // --- install ---

  @Test
  void anInstallAddsEveryObjectFluxObjectsIncludedAndWritesNothing() throws Exception {
    publish("web/v0.1.0", files("release.yaml", release("nginx:1.25", false),
        "config.yaml", CONFIG_MAP, "values.yaml", "replicas: 3\n"));
    var before = repo.snapshot();
    Preview p = profiles.preview(repo).of(install("web/v0.1.0")).call();
    assertThat(repo.snapshot()).isEqualTo(before);
    assertThat(repo.commits()).isEmpty();
    assertThat(p.operation()).startsWith("Install profile web");
    assertThat(p.directory()).contains("my-web");
    assertThat(p.objects()).extracting(o -> o.id().kind() + " " + o.id().name())
        .containsExactlyInAnyOrder("ConfigMap settings", "Service web", "HelmRelease web",
            "Deployment web");
    assertThat(p.objects()).allMatch(o -> o.type() == ObjectChange.Type.ADDED);
    assertThat(object(p, "Deployment", "web").after().orElseThrow().producedBy())
        .contains(new ObjectId("helm.toolkit.fluxcd.io/v2", "HelmRelease", "team", "web"));
    assertThat(object(p, "ConfigMap", "settings").after().orElseThrow().file())
        .contains(DIR + "config.yaml");
    assertThat(p.hasChanges()).isTrue();
    assertThat(p.notExpanded()).isEmpty();
    assertThat(p.findings()).extracting(RiskFinding::rule).containsExactly("image.added");
    assertThat(p.findings().get(0).severity()).isEqualTo(Severity.LOW);
    assertThat(helm.expanded).isEqualTo(1);
  }

  @Test
  void aPreviewedCommandIsLeftAsItWasAndThenRunsForReal() throws Exception {
    publish("web/v0.1.0", files("config.yaml", CONFIG_MAP));
    var before = repo.snapshot();
    InstallCommand install = install("web/v0.1.0");

    Preview p = profiles.preview(repo).of(install).call();

    assertThat(p.hasChanges()).isTrue();
    assertThat(repo.snapshot()).isEqualTo(before);
    InstallResult real = install.call();
    assertThat(real.dryRun()).isFalse();
    assertThat(repo.commits()).hasSize(1);
  }

  @Test
  void withoutAnExpanderHelmReleasesAreListedAsNotExpanded() throws Exception {
    publish("web/v0.1.0", files("release.yaml", release("nginx:1.25", false)));
    Preview p = profiles.preview(repo).expanders(List.of()).of(install("web/v0.1.0")).call();
    assertThat(p.objects()).extracting(o -> o.id().kind()).containsExactly("HelmRelease");
    assertThat(p.notExpanded()).singleElement().satisfies(n -> {
      assertThat(n.id().kind()).isEqualTo("HelmRelease");
      assertThat(n.reason()).isEqualTo("no expander for helm.toolkit.fluxcd.io/HelmRelease");
    });
    assertThat(PreviewFormat.text(p, false))
        .contains("no expander for helm.toolkit.fluxcd.io/HelmRelease");
  }

  @Test
  void anExpanderThatCannotExpandHereGivesItsReason() throws Exception {
    publish("web/v0.1.0", files("release.yaml",
        release("nginx:1.25", false) + "    offline: true\n"));
    Preview p = profiles.preview(repo).of(install("web/v0.1.0")).call();
    assertThat(p.notExpanded()).singleElement().extracting(n -> n.reason())
        .isEqualTo("chart repository not reachable from here");
    assertThat(p.objects()).extracting(o -> o.id().kind()).containsExactly("HelmRelease");
  }

  @Test
  void aChartThatFailsIsATypedErrorAndNothingIsWritten() throws Exception {
    publish("web/v0.1.0", files("release.yaml", release("nginx:1.25", false)
        + "    fail: true\n"));
    var before = repo.snapshot();
    assertThatThrownBy(() -> profiles.preview(repo).of(install("web/v0.1.0")).call())
        .isInstanceOf(PreviewException.class).hasMessageContaining("chart failed");
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void aManifestThatDoesNotParseIsLocatedAndNothingIsWritten() throws Exception {
    publish("web/v0.1.0", files("broken.yaml", "apiVersion: v1\nkind: ConfigMap\n"
        + "metadata: {name: x\n"));
    var before = repo.snapshot();
    assertThatThrownBy(() -> profiles.preview(repo).of(install("web/v0.1.0")).call())
        .isInstanceOfSatisfying(InvalidDocumentException.class, e ->
            assertThat(e.problems()).first().satisfies(pr -> {
              assertThat(pr.source()).isEqualTo(DIR + "broken.yaml");
              assertThat(pr.line()).isGreaterThan(0);
            }));
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void anUnsupportedTagIsLocated() throws Exception {
    publish("web/v0.1.0", files("tagged.yaml", "apiVersion: v1\nkind: ConfigMap\n"
        + "metadata: {name: x}\ndata:\n  a: !!binary aGVsbG8=\n"));
    assertThatThrownBy(() -> profiles.preview(repo).of(install("web/v0.1.0")).call())
        .isInstanceOfSatisfying(InvalidDocumentException.class, e ->
            assertThat(e.problems()).first().satisfies(pr -> {
              assertThat(pr.line()).isEqualTo(5);
              assertThat(pr.path()).isEqualTo("data.a");
            }));
  }

  @Test
  void anInstallTheRealRunWouldRefuseIsRefused() throws Exception {
    publish("web/v0.1.0", files("config.yaml", CONFIG_MAP));
    installed("web/v0.1.0");
    assertThatThrownBy(() -> profiles.preview(repo).of(install("web/v0.1.0")).call())
        .isInstanceOf(InstallRefusedException.class);
  }

  @Test
  void aCommandOnAnotherRepositoryIsRefusedInCode() {
    InMemoryGitOpsRepository other = InMemoryGitOpsRepository.create();
    assertThatThrownBy(() -> profiles.preview(repo).of(profiles.install(other)))
        .isInstanceOf(ProfilesConfigurationException.class);
    assertThatThrownBy(() -> profiles.preview(repo).call())
        .isInstanceOf(ProfilesConfigurationException.class);
  }

  // --- upgrade ---

  @Test
  void anUpgradeShowsTheChangedImageAndTheNewClusterAdminBindingInTheRiskReport()
      throws Exception {
    publish("web/v0.1.0", files("release.yaml", release("nginx:1.25", false),
        "config.yaml", CONFIG_MAP));
    publish("web/v0.2.0", files("release.yaml", release("nginx:1.27", true),
        "config.yaml", CONFIG_MAP.replace("color: \"blue\"", "color: \"green\"")
            .replace("size: \"1\"", "size: 1")));
    installed("web/v0.1.0");
    Preview p = upgradeTo("v0.2.0");
    assertThat(p.operation()).contains("Upgrade my-web to web/v0.2.0");
    ObjectChange deployment = object(p, "Deployment", "web");
    assertThat(deployment.type()).isEqualTo(ObjectChange.Type.CHANGED);
    assertThat(deployment.fields()).containsExactly(new FieldChange(
        "spec.template.spec.containers[name=web].image", FieldChange.Kind.CHANGED,
        "nginx:1.25", "nginx:1.27"));
    // "1" and 1 differ; key order and quoting style do not
    assertThat(object(p, "ConfigMap", "settings").fields()).containsExactlyInAnyOrder(
        new FieldChange("data.color", FieldChange.Kind.CHANGED, "blue", "green"),
        new FieldChange("data.size", FieldChange.Kind.CHANGED, "1", 1L));
    assertThat(object(p, "Service", "web").type()).isEqualTo(ObjectChange.Type.UNCHANGED);
    assertThat(object(p, "ClusterRoleBinding", "web-admin").type())
        .isEqualTo(ObjectChange.Type.ADDED);
    assertThat(p.findings().get(0)).satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.rule()).isEqualTo("rbac.binding-added");
      assertThat(f.object().name()).isEqualTo("web-admin");
      assertThat(f.message()).contains("cluster-admin").contains("ServiceAccount team/web");
    });
    assertThat(rules(p)).contains("image.changed");
    assertThat(PreviewFormat.markdown(p))
        .contains("| **high** | rbac.authorization.k8s.io/v1 ClusterRoleBinding web-admin |");
  }

  @Test
  void anUpgradeThatChangesNoObjectHasAnEmptyDiff() throws Exception {
    publish("web/v0.1.0", files("release.yaml", release("nginx:1.25", false),
        "config.yaml", CONFIG_MAP));
    // Same objects, written differently: key order, quoting, flow style.
    publish("web/v0.2.0", files("release.yaml", release("'nginx:1.25'", false),
        "config.yaml", CONFIG_MAP.replace("metadata: {name: settings, namespace: team}",
            "metadata:\n  namespace: team\n  name: 'settings'")));
    installed("web/v0.1.0");
    Preview p = upgradeTo("v0.2.0");
    assertThat(p.hasChanges()).isFalse();
    assertThat(p.findings()).isEmpty();
    assertThat(p.objects()).hasSize(4).allMatch(o -> o.type() == ObjectChange.Type.UNCHANGED);
    assertThat(PreviewFormat.text(p, false)).contains("0 added, 0 changed, 0 removed,"
        + " 4 unchanged");
  }

  @Test
  void anUpToDateInstallationPreviewsAsNothingChanging() throws Exception {
    publish("web/v0.1.0", files("config.yaml", CONFIG_MAP));
    installed("web/v0.1.0");
    Preview p = upgradeTo("v0.1.0");
    assertThat(p.hasChanges()).isFalse();
    assertThat(p.operation()).contains("up to date");
    assertThat(p.objects()).hasSize(2);
  }

  @Test
  void anUpToDateInstallationIsNotExpandedSoAnUnreachableChartCannotFailThePreview()
      throws Exception {
    publish("web/v0.1.0", files("release.yaml", release("nginx:1.25", false)
        + "    fail: true\n"));
    installed("web/v0.1.0");
    Preview p = upgradeTo("v0.1.0");
    assertThat(p.hasChanges()).isFalse();
    assertThat(p.objects()).extracting(o -> o.id().kind()).contains("HelmRelease");
    assertThat(p.notExpanded()).isEmpty();
    assertThat(helm.expanded).isZero();
  }

  static String crd(String versions) {
    return """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Widget, plural: widgets}
          versions:
        """ + versions;
  }

  static String version(String name, boolean storage, String schema) {
    return """
          - name: %s
            served: true
            storage: %s
            schema:
              openAPIV3Schema:
        %s
        """.formatted(name, storage, schema.indent(8).stripTrailing());
  }

  static final String SCHEMA_V1 = """
      type: object
      properties:
        spec:
          type: object
          properties:
            size: {type: string, enum: [small, medium, large]}
            replicas: {type: integer, default: 1}
      """;

  @Test
  void aCrdThatDropsItsStoredVersionIsAHighRisk() throws Exception {
    publish("web/v0.1.0", files("crd.yaml", crd(version("v1alpha1", true, SCHEMA_V1))));
    publish("web/v0.2.0", files("crd.yaml", crd(version("v1", true, SCHEMA_V1))));
    installed("web/v0.1.0");
    Preview p = upgradeTo("v0.2.0");
    assertThat(p.findings()).first().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("crd.stored-version-removed");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.message()).contains("v1alpha1");
    });
    assertThat(object(p, "CustomResourceDefinition", "widgets.example.com").fields())
        .extracting(FieldChange::path).contains("spec.versions[name=v1alpha1]",
            "spec.versions[name=v1]");
  }

  @Test
  void schemaChangesOfAVersionAreCheckedAgainstTheUpgradeSafetyRules() throws Exception {
    String narrowed = SCHEMA_V1.replace("enum: [small, medium, large]", "enum: [small]")
        .replace("default: 1", "default: 2").replace("{type: integer", "{type: string")
        .replace("    type: object\n    properties:\n      size",
            "    type: object\n    required: [size]\n    properties:\n      size");
    publish("web/v0.1.0", files("crd.yaml", crd(version("v1", true, SCHEMA_V1))));
    publish("web/v0.2.0", files("crd.yaml", crd(version("v1", true, narrowed))
        .replace("scope: Namespaced", "scope: Cluster")));
    installed("web/v0.1.0");
    Preview p = upgradeTo("v0.2.0");
    assertThat(rules(p)).containsExactlyInAnyOrder("crd.scope-changed", "crd.type-changed",
        "crd.enum-narrowed", "crd.required-field-added", "crd.default-changed");
    assertThat(p.findings()).filteredOn(f -> f.rule().equals("crd.enum-narrowed"))
        .singleElement().extracting(RiskFinding::message).asString()
        .contains("v1 spec.size").contains("medium");
  }

  @Test
  void aWidenedClusterRoleANewWebhookAndARemovedNamespaceAreReported() throws Exception {
    String role = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: reader}
        rules:
        - apiGroups: [""]
          resources: [pods]
          verbs: [get, list]
        """;
    String ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: old-team}\n";
    String hook = """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingWebhookConfiguration
        metadata: {name: guard}
        webhooks:
        - name: guard.example.com
          failurePolicy: Fail
        """;
    publish("web/v0.1.0", files("role.yaml", role, "ns.yaml", ns));
    publish("web/v0.2.0", files("role.yaml", role.replace("verbs: [get, list]",
        "verbs: [get, list]\n- apiGroups: [\"*\"]\n  resources: [secrets]\n  verbs: [\"*\"]"),
        "hook.yaml", hook));
    installed("web/v0.1.0");
    Preview p = upgradeTo("v0.2.0");
    assertThat(p.findings()).extracting(f -> f.severity() + " " + f.rule()).containsExactly(
        "HIGH webhook.added", "HIGH rbac.role-widened", "HIGH namespace.removed");
    assertThat(p.findings().get(1).message()).contains("* */secrets").contains("cluster-wide");
  }

  @Test
  void expandersSeeEachSideIncludingTheUsersValuesConfigMapElsewhereInTheRepository()
      throws Exception {
    String withValues = release("nginx:1.25", false).replace("  values:\n",
        "  valuesFrom:\n  - {kind: ConfigMap, name: web-values}\n  values:\n");
    publish("web/v0.1.0", files("release.yaml", withValues));
    publish("web/v0.2.0", files("release.yaml", withValues.replace("1.0.0", "1.1.0")));
    repo.writeFile("values/web.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: web-values\n  namespace: team\ndata:\n  replicas: \"4\"\n");
    repo.writeFile("values/README.yaml", "{ this is: [not valid\n"); // ignored by the context
    repo.commitAll("values", Signature.of("Ops", "ops@example.com"));
    installed("web/v0.1.0");
    Preview p = upgradeTo("v0.2.0");
    assertThat(object(p, "Deployment", "web").type()).isEqualTo(ObjectChange.Type.UNCHANGED);
    Map<?, ?> spec = (Map<?, ?>) object(p, "Deployment", "web").after().orElseThrow().content()
        .get("spec");
    assertThat(spec.get("replicas")).isEqualTo(4L);
    assertThat(helm.expanded).isEqualTo(2); // once per side
  }

  @Test
  void anExpandedKustomizationStandsForTheFilesUnderItsPath() throws Exception {
    String ks = KUSTOMIZATION_OF_M;
    String api = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\n"
        + "spec:\n  template:\n    spec:\n      containers: [{name: api, image: 'api:1'}]\n";
    publish("web/v0.1.0", files("ks.yaml", ks, "m/api.yaml", api, "m/release.yaml",
        release("nginx:1.25", false)));
    Preview p = profiles.preview(repo).expanders(List.of(new FakeKustomizeExpander(), helm))
        .of(install("web/v0.1.0")).call();
    ObjectId kustomization = new ObjectId("kustomize.toolkit.fluxcd.io/v1", "Kustomization",
        "team", "my-web-web");
    ObjectId helmRelease = new ObjectId("helm.toolkit.fluxcd.io/v2", "HelmRelease", "team",
        "web");
    assertThat(p.objects()).extracting(o -> o.id() + " <- " + o.after().orElseThrow()
        .producedBy().map(ObjectId::toString).orElse("file")).containsExactly(
            kustomization + " <- file",
            "apps/v1 Deployment team/api <- " + kustomization,
            helmRelease + " <- " + kustomization,
            "apps/v1 Deployment team/web <- " + helmRelease);
    assertThat(p.notExpanded()).isEmpty();
    assertThat(helm.expanded).isEqualTo(1);
    // Without the kustomize expander the files under its path count as written.
    Preview flat = profiles.preview(repo).of(install("web/v0.1.0")).call();
    assertThat(flat.objects()).extracting(o -> o.id().toString()).contains(
        "apps/v1 Deployment api");
    assertThat(flat.notExpanded()).extracting(n -> n.id()).containsExactly(kustomization);
  }

  @Test
  void aRefreshOfABranchInstallIsPreviewed() throws Exception {
    ProfileSource branch = ProfileSource.ofBranch(URL, "main", "web");
    ProfileDefinition def = ProfileDefinition.builder().name("web").description("test")
        .addArtifacts(KustomizeArtifact.builder().name("web").path("manifests").build()).build();
    resolver.put(branch, def, InMemoryProfileDirectory.ofText(files("config.yaml", CONFIG_MAP)));
    profiles.install(repo).source(branch).name("my-web").gitRepository(FLUX).call();
    resolver.put(branch, def, InMemoryProfileDirectory.ofText(files("config.yaml",
        CONFIG_MAP.replace("name: http, port: 80", "name: http, port: 8080"))));
    var before = repo.snapshot();
    Preview p = profiles.preview(repo)
        .of(profiles.upgrade(repo).installation("my-web").refresh()).call();
    assertThat(repo.snapshot()).isEqualTo(before);
    assertThat(p.operation()).startsWith("Refresh my-web");
    assertThat(object(p, "Service", "web").fields()).containsExactly(new FieldChange(
        "spec.ports[name=http].port", FieldChange.Kind.CHANGED, 80L, 8080L));
  }

  @Test
  void filesAnUpgradeCannotMergeAreListedAndLeftOut() throws Exception {
    publish("web/v0.1.0", files("config.yaml", CONFIG_MAP));
    publish("web/v0.2.0", files("config.yaml", CONFIG_MAP.replace("blue", "green")));
    installed("web/v0.1.0");
    repo.writeFile(DIR + "config.yaml", CONFIG_MAP.replace("blue", "red"));
    repo.commitAll("user edit", Signature.of("Ops", "ops@example.com"));
    Preview p = upgradeTo("v0.2.0");
    assertThat(p.conflicts()).containsExactly(DIR + "config.yaml");
    assertThat(p.objects()).isEmpty(); // neither removed nor unchanged: not previewed
    assertThat(PreviewFormat.text(p, false)).contains("merge conflicts in:\n  " + DIR
        + "config.yaml");
  }

  @Test
  void aFluxObjectWhoseFilesHaveConflictsIsNotExpandedOnEitherSide() throws Exception {
    // Its files hold conflict markers, not YAML: expanding them would fail the whole preview
    // (a chart's values.yaml, a kustomization's manifests), as it did.
    String ks = KUSTOMIZATION_OF_M;
    publish("web/v0.1.0", files("ks.yaml", ks, "m/config.yaml", CONFIG_MAP));
    publish("web/v0.2.0", files("ks.yaml", ks, "m/config.yaml",
        CONFIG_MAP.replace("blue", "green")));
    installed("web/v0.1.0");
    repo.writeFile(DIR + "m/config.yaml", CONFIG_MAP.replace("blue", "red"));
    repo.commitAll("user edit", Signature.of("Ops", "ops@example.com"));
    var before = repo.snapshot();
    Preview p = profiles.preview(repo).expanders(List.of(new FakeKustomizeExpander(), helm))
        .of(profiles.upgrade(repo).installation("my-web").toVersion("v0.2.0")).call();
    assertThat(repo.snapshot()).isEqualTo(before);
    assertThat(p.conflicts()).containsExactly(DIR + "m/config.yaml");
    assertThat(p.notExpanded()).singleElement().satisfies(n -> {
      assertThat(n.id().kind()).isEqualTo("Kustomization");
      assertThat(n.reason()).isEqualTo("merge conflicts in " + DIR + "m/config.yaml");
    });
    assertThat(p.objects()).extracting(o -> o.type()).containsOnly(ObjectChange.Type.UNCHANGED);
  }

  // --- uninstall ---

  @Test
  void anUninstallRemovesEveryObject() throws Exception {
    publish("web/v0.1.0", files("release.yaml", release("nginx:1.25", true),
        "config.yaml", CONFIG_MAP));
    installed("web/v0.1.0");
    var before = repo.snapshot();
    Preview p = profiles.preview(repo).of(profiles.uninstall(repo).installation("my-web"))
        .call();
    assertThat(repo.snapshot()).isEqualTo(before);
    assertThat(p.objects()).hasSize(5).allMatch(o -> o.type() == ObjectChange.Type.REMOVED);
    assertThat(p.findings()).isEmpty(); // removing permissions and images is no risk
    assertThat(PreviewFormat.json(p)).contains("\"removed\": 5");
  }

  // --- Secrets ---

  @Test
  void secretValuesAreMaskedInTheDiffAndInEveryForm() throws Exception {
    String secret = """
        apiVersion: v1
        kind: Secret
        metadata: {name: creds, namespace: team}
        data:
          password: %s
        stringData:
          token: %s
        """;
    publish("web/v0.1.0", files("secret.yaml", secret.formatted("b2xkLXBhc3N3b3Jk",
        "old-token-value")));
    publish("web/v0.2.0", files("secret.yaml", secret.formatted("bmV3LXBhc3N3b3Jk",
        "new-token-value") + "  extra: added-secret-value\n"));
    installed("web/v0.1.0");
    Preview p = upgradeTo("v0.2.0");
    assertThat(object(p, "Secret", "creds").fields()).containsExactlyInAnyOrder(
        new FieldChange("data.password", FieldChange.Kind.CHANGED, FieldChange.MASKED,
            FieldChange.MASKED),
        new FieldChange("stringData.token", FieldChange.Kind.CHANGED, FieldChange.MASKED,
            FieldChange.MASKED),
        new FieldChange("stringData.extra", FieldChange.Kind.ADDED, null, FieldChange.MASKED));
    String all = PreviewFormat.text(p, true) + PreviewFormat.markdown(p)
        + PreviewFormat.json(p) + p;
    for (String value : List.of("b2xkLXBhc3N3b3Jk", "bmV3LXBhc3N3b3Jk", "old-token-value",
        "new-token-value", "added-secret-value")) {
      assertThat(all).doesNotContain(value);
    }
    Preview removed = profiles.preview(repo)
        .of(profiles.uninstall(repo).installation("my-web")).call();
    String gone = PreviewFormat.markdown(removed) + PreviewFormat.json(removed) + removed;
    assertThat(gone).doesNotContain("old-token-value").doesNotContain("b2xkLXBhc3N3b3Jk")
        .contains("password");
  }

  // --- Markdown ---

  @Test
  void theMarkdownIsCappedWithACountOfWhatIsNotShown() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      many.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-").append(i)
          .append(", namespace: team}\ndata:\n  payload: \"").append("x".repeat(300))
          .append("\"\n");
    }
    publish("web/v0.1.0", files("many.yaml", many.toString()));
    Preview p = profiles.preview(repo).of(install("web/v0.1.0")).call();
    String md = PreviewFormat.markdown(p);
    assertThat(md.length()).isLessThanOrEqualTo(PreviewFormat.MARKDOWN_LIMIT);
    assertThat(md).contains("| ConfigMap | 400 | 0 | 0 | 0 |")
        .containsPattern("\\n\\d+ more objects not shown")
        .contains("<details><summary>+ v1 ConfigMap team/cm-0 (added)</summary>");
    int shown = md.split("<details>", -1).length - 1;
    assertThat(md).contains((400 - shown) + " more objects not shown");
    String small = PreviewFormat.markdown(p, 5_000);
    assertThat(small.length()).isLessThanOrEqualTo(5_000);
    assertThatThrownBy(() -> PreviewFormat.markdown(p, 10))
        .isInstanceOf(ProfilesConfigurationException.class);
  }
}
