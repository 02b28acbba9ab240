package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.catalog.client.ServiceProxyDispatcher;
import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.yaml.ProfileYaml;
import dev.profiles.flux.catalog.CatalogInstallation;
import dev.profiles.testing.git.GitOpsRepoFixture;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a cluster admin does, end to end: {@code profiles install} commits the catalog's
 * installation; what Flux would apply (every object of {@code DIR/manifests}) is created in
 * fabric8's kubernetes-server-mock in CRUD mode (mock-based: no cluster here); then {@code
 * profiles get --catalog --kubeconfig} finds the profiles through the API server's proxy of the
 * Service the installation rendered, to a real catalog server standing in for its pods.
 */
class CliInstalledCatalogMockBasedTest {
  static final String TOKEN = "admin-token-31415926";
  static final String IMAGE = "registry.example.com/platform/profiles-catalog-controller:v0.1.0";

  /** The resource paths kubectl would find by discovery, by kind. */
  static final Map<String, String> PATHS = Map.ofEntries(
      Map.entry("Namespace", "/api/v1/namespaces"),
      Map.entry("ServiceAccount", "/api/v1/namespaces/%s/serviceaccounts"),
      Map.entry("Service", "/api/v1/namespaces/%s/services"),
      Map.entry("Deployment", "/apis/apps/v1/namespaces/%s/deployments"),
      Map.entry("PodDisruptionBudget", "/apis/policy/v1/namespaces/%s/poddisruptionbudgets"),
      Map.entry("NetworkPolicy", "/apis/networking.k8s.io/v1/namespaces/%s/networkpolicies"),
      Map.entry("Role", "/apis/rbac.authorization.k8s.io/v1/namespaces/%s/roles"),
      Map.entry("RoleBinding", "/apis/rbac.authorization.k8s.io/v1/namespaces/%s/rolebindings"),
      Map.entry("ClusterRole", "/apis/rbac.authorization.k8s.io/v1/clusterroles"),
      Map.entry("ClusterRoleBinding", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings"),
      Map.entry("CustomResourceDefinition",
          "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"));

  @TempDir
  Path tmp;
  GitOpsRepoFixture gitops;
  CatalogServer catalog;
  KubernetesCrudDispatcher cluster;
  ServiceProxyDispatcher proxy;
  KubernetesMockServer api;
  Path kubeconfig;

  @BeforeEach
  void setUp() throws Exception {
    gitops = GitOpsRepoFixture.create(tmp.resolve("gitops")).withUser("Ops", "ops@example.com");
    Path sources = Files.createDirectory(tmp.resolve("sources"));
    Files.writeString(sources.resolve("platform.yaml"), ProfileYaml.strict()
        .writeCatalogSource(ProfileCatalogSource.builder().name("platform")
            .addProfile(CatalogEntry.builder().name("ingress").tag("ingress/v2.1.0")
                .description("the cluster's ingress").build())
            .build()));
    catalog = CatalogServer.builder().sources(sources).port(0).build().start();
    catalog.refresh();
    cluster = new KubernetesCrudDispatcher();
    proxy = new ServiceProxyDispatcher(catalog.uri(), cluster, TOKEN);
    api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), proxy,
        true);
    api.init(InetAddress.getLoopbackAddress(), 0);
    kubeconfig = tmp.resolve("kubeconfig");
    Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\ncurrent-context: admin\n"
        + "clusters:\n- name: prod\n  cluster:\n    server: https://localhost:" + api.getPort()
        + "\n    certificate-authority: " + api.getSelfSignedCertificate().certificatePath()
        + "\ncontexts:\n- name: admin\n  context:\n    cluster: prod\n    user: admin\n"
        + "users:\n- name: admin\n  user:\n    token: " + TOKEN + "\n");
  }

  @AfterEach
  void tearDown() {
    api.destroy();
    catalog.close();
    gitops.close();
  }

  record Run(int code, String out, String err) {}

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e, Map.of());
    }
    Run r = new Run(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
    assertThat(r.out() + r.err()).doesNotContain(TOKEN);
    return r;
  }

  /** Creates every object of {@code dir} in the mock cluster, as Flux's kustomize would. */
  @SuppressWarnings("unchecked")
  List<String> apply(Path dir) throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    List<String> created = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")
          && !p.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
    }
    for (Path file : files) {
      Map<String, Object> object = (Map<String, Object>) new Load(LoadSettings.builder().build())
          .loadFromString(Files.readString(file));
      String kind = (String) object.get("kind");
      Map<String, Object> meta = (Map<String, Object>) object.get("metadata");
      String path = String.format(PATHS.get(kind), meta.get("namespace"));
      MockResponse r = cluster.handleCreate(new RecordedRequest("HTTP/1.1", HttpMethod.POST,
          path, new Headers.Builder().add("Content-Type", "application/json").build(),
          new Buffer(json.writeValueAsBytes(object))));
      assertThat(r.code()).as(kind + " " + meta.get("name")).isBetween(200, 201);
      created.add(kind + "/" + meta.get("name"));
    }
    return created;
  }

  @Test
  void anAdminInstallsTheCatalogAndFindsItsProfilesThroughTheRenderedService() throws Exception {
    Run before = run("get", "--catalog", "--kubeconfig", kubeconfig.toString());
    assertThat(before.code()).isEqualTo(Main.ERROR);
    assertThat(before.err()).contains("services \"profiles-catalog-service:8000\" not found");

    Run install = run("install", "--image", IMAGE, "--git-dir", gitops.directory().toString());
    assertThat(install.code()).as(install.err()).isZero();
    List<String> created = apply(gitops.directory().resolve(
        CatalogInstallation.DEFAULT_DIRECTORY + "/manifests"));
    assertThat(created).contains("Namespace/profiles-system",
        "Service/profiles-catalog-service", "Deployment/profiles-catalog-controller",
        "CustomResourceDefinition/profilecatalogsources.weave.works");

    Run get = run("get", "--catalog", "--kubeconfig", kubeconfig.toString());
    assertThat(get.code()).as(get.err()).isZero();
    assertThat(get.out()).isEqualTo("CATALOG/PROFILE    VERSION   DESCRIPTION\n"
        + "platform/ingress   v2.1.0    the cluster's ingress\n");
    assertThat(proxy.requests).last().satisfies(s -> assertThat(s.path()).isEqualTo(
        "/api/v1/namespaces/profiles-system/services/http:profiles-catalog-service:8000/proxy"
            + "/v1/profiles"));
  }

  @Test
  void aCatalogInstalledInAnotherNamespaceIsNotWhereTheDefaultClientLooks() throws Exception {
    Run install = run("install", "--image", IMAGE, "--namespace", "catalog", "--git-dir",
        gitops.directory().toString());
    assertThat(install.code()).as(install.err()).isZero();
    apply(gitops.directory().resolve(CatalogInstallation.DEFAULT_DIRECTORY + "/manifests"));
    Run get = run("get", "--catalog", "--kubeconfig", kubeconfig.toString());
    assertThat(get.code()).isEqualTo(Main.ERROR);
    assertThat(get.err()).contains("not found");
  }
}
