package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.install.Profiles;
import dev.profiles.core.preview.ObjectChange;
import dev.profiles.core.preview.Preview;
import dev.profiles.flux.FluxRenderer;
import dev.profiles.git.GitProfiles;
import dev.profiles.git.gitops.GitOpsRepositories;
import dev.profiles.git.gitops.JGitOpsRepository;
import dev.profiles.preview.HelmReleaseExpander;
import dev.profiles.preview.KustomizationExpander;
import com.marcnuri.helm.Helm;
import dev.profiles.testing.charts.ChartRepositoryServer;
import dev.profiles.testing.git.GitOpsRepoFixture;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import dev.profiles.testing.junit.Prerequisites;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The preview end to end with the real expanders (the embedded Helm and {@code kubectl
 * kustomize}): a profile with a local chart and a kustomize directory is installed, then a new
 * version whose chart adds a ClusterRoleBinding to cluster-admin, drops a served version of the
 * CRD it ships and changes its image, and whose kustomize directory changes a Deployment's
 * replicas. {@code profiles diff} lists exactly those Kubernetes objects as changing, with the
 * risk report, exits 4 and writes nothing. The same chart change is also served from a Helm
 * repository on loopback ({@link ChartRepositoryServer}).
 */
class CliPreviewEndToEndTest {
  static final String CHART = """
      apiVersion: v2
      name: site
      version: %s
      """;
  static final String VALUES = """
      image:
        repository: ghcr.io/example/site
        tag: "%s"
      """;
  static final String CHART_DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: {{ .Release.Name }}-web
      spec:
        replicas: 1
        selector:
          matchLabels: {app: {{ .Release.Name }}-web}
        template:
          metadata:
            labels: {app: {{ .Release.Name }}-web}
          spec:
            serviceAccountName: {{ .Release.Name }}
            containers:
              - name: web
                image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
      """;
  static final String CHART_SERVICE_ACCOUNT = """
      apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: {{ .Release.Name }}
      """;
  static final String CHART_ADMIN = """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata:
        name: {{ .Release.Name }}-admin
      roleRef:
        apiGroup: rbac.authorization.k8s.io
        kind: ClusterRole
        name: cluster-admin
      subjects:
        - kind: ServiceAccount
          name: {{ .Release.Name }}
          namespace: {{ .Release.Namespace }}
      """;
  static final String CRD_VERSION = """
          - name: %s
            served: true
            storage: %s
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
      """;
  static final String CRD = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: widgets.example.dev
      spec:
        group: example.dev
        scope: Namespaced
        names: {kind: Widget, plural: widgets, singular: widget}
        versions:
      """;
  static final String API = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: api
      spec:
        replicas: %d
        selector:
          matchLabels: {app: api}
        template:
          metadata:
            labels: {app: api}
          spec:
            containers:
              - name: api
                image: ghcr.io/example/api:1.0
      """;
  static final String API_SERVICE = """
      apiVersion: v1
      kind: Service
      metadata:
        name: api
      spec:
        selector: {app: api}
        ports: [{port: 80}]
      """;
  static final String PROFILE = """
      apiVersion: weave.works/v1alpha1
      kind: ProfileDefinition
      metadata:
        name: app
      spec:
        description: a local chart and a kustomize directory
        artifacts:
          - name: site
            chart:
              path: charts/site
          - name: api
            kustomize:
              path: manifests
      """;

  @TempDir
  Path tmp;
  Path gitops;
  GitOpsRepoFixture gitopsRepo;
  ProfileRepoFixture upstream;

  @BeforeEach
  void setUp() {
    Prerequisites.require(onPath("kubectl") || onPath("kustomize"),
        "kubectl or kustomize on PATH (the Kustomization expander runs it)");
    gitops = tmp.resolve("gitops");
    gitopsRepo = GitOpsRepoFixture.create(gitops).withUser("Ops", "ops@example.com");
    upstream = ProfileRepoFixture.create(tmp.resolve("upstream.git"));
    upstream.file("app/profile.yaml", PROFILE)
        .file("app/charts/site/Chart.yaml", CHART.formatted("1.0.0"))
        .file("app/charts/site/values.yaml", VALUES.formatted("1.0"))
        .file("app/charts/site/crds/widgets.yaml", CRD + CRD_VERSION.formatted("v1beta1", false)
            + CRD_VERSION.formatted("v1", true))
        .file("app/charts/site/templates/deployment.yaml", CHART_DEPLOYMENT)
        .file("app/charts/site/templates/serviceaccount.yaml", CHART_SERVICE_ACCOUNT)
        .file("app/manifests/deployment.yaml", API.formatted(2))
        .file("app/manifests/service.yaml", API_SERVICE)
        .commit("v1").tag("app/v1.0.0");
    ok("bootstrap", "--git-repository", "flux-system/flux-system", gitops.toString());
    ok("add", "--name", "inst", "--profile-repo-url", upstream.url(), "--profile-tag",
        "app/v1.0.0", "--profile-path", "app", "--git-dir", gitops.toString());
    // v2: the chart binds its service account to cluster-admin, stops serving v1beta1 of its
    // CRD and runs a new image; the kustomize directory scales the api Deployment.
    upstream.file("app/charts/site/Chart.yaml", CHART.formatted("2.0.0"))
        .file("app/charts/site/values.yaml", VALUES.formatted("2.0"))
        .file("app/charts/site/crds/widgets.yaml", CRD + CRD_VERSION.formatted("v1", true))
        .file("app/charts/site/templates/admin.yaml", CHART_ADMIN)
        .file("app/manifests/deployment.yaml", API.formatted(3))
        .commit("v2").tag("app/v2.0.0");
  }

  @AfterEach
  void tearDown() {
    if (upstream != null) {
      upstream.close();
    }
    if (gitopsRepo != null) {
      gitopsRepo.close();
    }
  }

  private Cli.Run run(String... args) {
    return Cli.run(tmp.resolve("cache"), Map.of(), List.of(), args);
  }

  private Cli.Run ok(String... args) {
    Cli.Run r = run(args);
    assertThat(r.code()).as(r.err()).isZero();
    return r;
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(d -> !d.isEmpty()).map(d -> Path.of(d, tool))
        .anyMatch(p -> Files.isRegularFile(p) && Files.isExecutable(p));
  }

  /** Every object that is not unchanged, with the paths of its changed fields. */
  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> changes(Map<String, Object> preview) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Object o : (List<Object>) preview.get("objects")) {
      Map<String, Object> change = (Map<String, Object>) o;
      if (change.get("change").equals("unchanged")) {
        continue;
      }
      Map<String, Object> id = (Map<String, Object>) change.get("object");
      List<String> fields = new ArrayList<>();
      for (Object f : (List<Object>) change.get("fields")) {
        Map<String, Object> field = (Map<String, Object>) f;
        fields.add(field.get("change") + " " + field.get("path"));
      }
      out.put(change.get("change") + " " + id.get("kind") + " " + id.get("namespace") + "/"
          + id.get("name"), fields);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> findings(Map<String, Object> preview) {
    List<String> out = new ArrayList<>();
    for (Object o : (List<Object>) preview.get("findings")) {
      Map<String, Object> f = (Map<String, Object>) o;
      Map<String, Object> id = (Map<String, Object>) f.get("object");
      out.add(f.get("severity") + " " + f.get("rule") + " " + id.get("kind") + " "
          + id.get("name"));
    }
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void diffShowsExactlyTheKubernetesObjectsTheUpgradeChangesWithTheRisks() {
    Map<String, String> before = Cli.tree(gitops);
    Cli.Run json = run("diff", "inst", "v2.0.0", "--git-dir", gitops.toString(), "-o", "json");
    assertThat(json.code()).as(json.err()).isEqualTo(DiffCommand.CHANGES);
    Map<String, Object> all = (Map<String, Object>) new Load(LoadSettings.builder().build())
        .loadFromString(json.out());
    assertThat(all.get("hasChanges")).isEqualTo(true);
    Map<String, Object> preview = (Map<String, Object>) ((List<Object>) all.get("previews"))
        .get(0);
    assertThat((List<Object>) preview.get("notExpanded")).isEmpty();
    assertThat(changes(preview)).isEqualTo(Map.of(
        "added ClusterRoleBinding /site-admin", List.of(),
        "changed CustomResourceDefinition /widgets.example.dev",
        List.of("removed spec.versions[name=v1beta1]"),
        "changed Deployment default/site-web",
        List.of("changed spec.template.spec.containers[name=web].image"),
        "changed Deployment default/api", List.of("changed spec.replicas")));
    assertThat(findings(preview)).contains(
        "high rbac.binding-added ClusterRoleBinding site-admin",
        "high crd.served-version-removed CustomResourceDefinition widgets.example.dev",
        "medium image.changed Deployment site-web");
    Cli.Run md = run("diff", "inst", "v2.0.0", "--git-dir", gitops.toString(), "-o",
        "markdown");
    assertThat(md.code()).as(md.err()).isEqualTo(DiffCommand.CHANGES);
    assertThat(md.out()).startsWith("### Preview: Upgrade inst to app/v2.0.0\n")
        .contains("| **high** | rbac.authorization.k8s.io/v1 ClusterRoleBinding site-admin |"
            + " binds ServiceAccount default/site to ClusterRole cluster-admin")
        .contains("| **high** | apiextensions.k8s.io/v1 CustomResourceDefinition"
            + " widgets.example.dev | stops serving version v1beta1")
        .contains("<details><summary>+ rbac.authorization.k8s.io/v1 ClusterRoleBinding"
            + " site-admin")
        .contains("<details><summary>~ apps/v1 Deployment default/api (1 field changed)"
            + "</summary>")
        .contains("-   2\n+   3\n")
        .contains("-   ghcr.io/example/site:1.0\n+   ghcr.io/example/site:2.0\n")
        .doesNotContain("Not expanded");
    assertThat(Cli.tree(gitops)).isEqualTo(before);
  }

  /** The same upgrade previewed from Java: core's preview with the preview module's expanders. */
  @Test
  void theSamePreviewFromJava() throws Exception {
    Map<String, String> before = Cli.tree(gitops);
    GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("java-cache")).build();
    Profiles profiles = Profiles.builder().resolver(git.asResolver())
        .versionLister(git.asVersionLister()).sourcePolicy(git.sourcePolicy())
        .renderer(new FluxRenderer())
        .expanders(new HelmReleaseExpander(), new KustomizationExpander()).build();
    try (JGitOpsRepository repo = GitOpsRepositories.open(gitops)) {
      previewFromJava(profiles, repo);
    }
    assertThat(Cli.tree(gitops)).isEqualTo(before);
  }

  private static void previewFromJava(Profiles profiles, JGitOpsRepository repo)
      throws Exception {
    Preview p = profiles.preview(repo)
        .of(profiles.upgrade(repo).installation("inst").toVersion("v2.0.0")).call();
    assertThat(p.hasChanges()).isTrue();
    assertThat(p.notExpanded()).isEmpty();
    Map<String, List<String>> changed = new TreeMap<>();
    for (ObjectChange o : p.objects()) {
      if (o.type() != ObjectChange.Type.UNCHANGED) {
        changed.put(o.type() + " " + o.id().kind() + " " + o.id().namespace() + "/"
            + o.id().name(), o.fields().stream().map(f -> f.kind() + " " + f.path()).toList());
      }
    }
    assertThat(changed).isEqualTo(Map.of(
        "ADDED ClusterRoleBinding /site-admin", List.of(),
        "CHANGED CustomResourceDefinition /widgets.example.dev",
        List.of("REMOVED spec.versions[name=v1beta1]"),
        "CHANGED Deployment default/site-web",
        List.of("CHANGED spec.template.spec.containers[name=web].image"),
        "CHANGED Deployment default/api", List.of("CHANGED spec.replicas")));
    assertThat(p.findings()).extracting(f -> f.severity() + " " + f.rule() + " "
        + f.object().name()).contains("HIGH rbac.binding-added site-admin",
            "HIGH crd.served-version-removed widgets.example.dev",
            "MEDIUM image.changed site-web");
    // Without expanders (List.of(): none, not the ServiceLoader's) the preview is at Flux
    // level: the chart's change is invisible there, the kustomize file's is not.
    Preview flux = profiles.preview(repo).expanders(List.of())
        .of(profiles.upgrade(repo).installation("inst").toVersion("v2.0.0")).call();
    assertThat(flux.notExpanded()).extracting(n -> n.id().kind() + " " + n.reason())
        .containsOnly("HelmRelease no expander for helm.toolkit.fluxcd.io/HelmRelease",
            "Kustomization no expander for kustomize.toolkit.fluxcd.io/Kustomization");
    assertThat(flux.objects(ObjectChange.Type.CHANGED)).extracting(o -> o.id().name())
        .contains("api").doesNotContain("site-web");
    assertThat(flux.objects(ObjectChange.Type.ADDED)).isEmpty();
  }

  /** The chart of {@link #setUp()}'s profile at {@code version}, packaged as a .tgz. */
  private Path packagedChart(String version, String tag, boolean v2) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("chart-src-" + version).resolve("site"));
    Files.writeString(dir.resolve("Chart.yaml"), CHART.formatted(version));
    Files.writeString(dir.resolve("values.yaml"), VALUES.formatted(tag));
    Files.createDirectories(dir.resolve("crds"));
    Files.writeString(dir.resolve("crds/widgets.yaml"), CRD + (v2 ? ""
        : CRD_VERSION.formatted("v1beta1", false)) + CRD_VERSION.formatted("v1", true));
    Path templates = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(templates.resolve("deployment.yaml"), CHART_DEPLOYMENT);
    Files.writeString(templates.resolve("serviceaccount.yaml"), CHART_SERVICE_ACCOUNT);
    if (v2) {
      Files.writeString(templates.resolve("admin.yaml"), CHART_ADMIN);
    }
    Path out = Files.createDirectories(tmp.resolve("charts-out"));
    new Helm(dir).packageIt().withDestination(out).call();
    return out.resolve("site-" + version + ".tgz");
  }

  /**
   * The same chart change from a Helm repository over HTTP (on loopback): the HelmRelease's
   * chart version changes at Flux level, and the chart rendered from the downloaded archive
   * shows the objects that change.
   */
  @Test
  @SuppressWarnings("unchecked")
  void aChartFromAnHttpRepositoryIsDownloadedRenderedAndDiffed() throws Exception {
    try (ChartRepositoryServer charts = new ChartRepositoryServer()) {
      charts.add("site", "1.0.0", packagedChart("1.0.0", "1.0", false), null)
          .add("site", "2.0.0", packagedChart("2.0.0", "2.0", true), null);
      upstream.profile("remote", ProfileYamls.profile("remote")
              .chart("site", charts.url(), "site", "1.0.0").toYaml())
          .commit("remote v1").tag("remote/v1.0.0");
      ok("add", "--name", "remote", "--profile-repo-url", upstream.url(), "--profile-tag",
          "remote/v1.0.0", "--profile-path", "remote", "--git-dir", gitops.toString());
      upstream.profile("remote", ProfileYamls.profile("remote")
              .chart("site", charts.url(), "site", "2.0.0").toYaml())
          .commit("remote v2").tag("remote/v2.0.0");
      Map<String, String> before = Cli.tree(gitops);
      assertThat(run("diff", "remote", "v1.0.0", "--git-dir", gitops.toString()).code())
          .as("nothing changes").isZero();
      Cli.Run json = run("diff", "remote", "v2.0.0", "--git-dir", gitops.toString(), "-o",
          "json");
      assertThat(json.code()).as(json.err()).isEqualTo(DiffCommand.CHANGES);
      Map<String, Object> preview = (Map<String, Object>) ((List<Object>) ((Map<String, Object>)
          new Load(LoadSettings.builder().build()).loadFromString(json.out())).get("previews"))
          .get(0);
      assertThat((List<Object>) preview.get("notExpanded")).isEmpty();
      assertThat(changes(preview)).isEqualTo(Map.of(
          "changed HelmRelease default/remote-site", List.of("changed spec.chart.spec.version"),
          "added ClusterRoleBinding /site-admin", List.of(),
          "changed CustomResourceDefinition /widgets.example.dev",
          List.of("removed spec.versions[name=v1beta1]"),
          "changed Deployment default/site-web",
          List.of("changed spec.template.spec.containers[name=web].image")));
      assertThat(findings(preview)).contains(
          "high rbac.binding-added ClusterRoleBinding site-admin",
          "high crd.served-version-removed CustomResourceDefinition widgets.example.dev",
          "medium image.changed Deployment site-web");
      // Both versions came from the loopback repository (before and after sides).
      assertThat(charts.archiveRequests()).isGreaterThanOrEqualTo(2);
      assertThat(Cli.tree(gitops)).isEqualTo(before);
    }
  }
}
