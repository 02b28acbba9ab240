package dev.profiles.catalog.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.yaml.ProfileYaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service-proxy mode against a stand-in for the Kubernetes API server (mock-based: no real
 * cluster here). The stand-in checks TLS, the caller's credentials and the proxy path, and
 * forwards to the real catalog server.
 */
class KubernetesProxyMockBasedTest {
  private static final String TOKEN = "s3cr3t-service-account-token";
  private static final String PROXY =
      "/api/v1/namespaces/profiles-system/services/http:profiles-catalog-service:8000/proxy";

  @TempDir static Path dir;
  static CatalogServer catalog;
  static TestPki.Issued ca;
  static KubernetesApiStandIn api;
  static KubernetesApiStandIn customApi;

  @BeforeAll
  static void start() throws Exception {
    Path sources = Files.createDirectory(dir.resolve("sources"));
    Files.writeString(sources.resolve("team.yaml"), ProfileYaml.strict().writeCatalogSource(
        ProfileCatalogSource.builder().name("team")
            .addProfile(CatalogEntry.builder().name("nginx").tag("nginx/v0.1.0").build())
            .addProfile(CatalogEntry.builder().name("nginx").tag("nginx/v0.2.0").build())
            .build()));
    catalog = CatalogServer.builder().sources(sources).port(0).build().start();
    catalog.refresh();
    ca = TestPki.ca();
    var tls = TestPki.serverContext(TestPki.server(ca), ca);
    api = new KubernetesApiStandIn(tls, catalog.uri(), TOKEN, "profiles-system",
        "profiles-catalog-service", 8000);
    customApi = new KubernetesApiStandIn(tls, catalog.uri(), TOKEN, "catalog", "my-catalog",
        9000);
  }

  @AfterAll
  static void stop() {
    api.close();
    customApi.close();
    catalog.close();
  }

  @BeforeEach
  void reset() {
    api.requests.clear();
    api.unavailableFor.set(0);
    api.cannedBody.set(null);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Path kubeconfig(String server, String clusterExtra, String user)
      throws Exception {
    String yaml = "apiVersion: v1\nkind: Config\ncurrent-context: test\n"
        + "clusters:\n- name: c\n  cluster:\n    server: " + server + "\n" + clusterExtra
        + "contexts:\n- name: test\n  context:\n    cluster: c\n    user: u\n"
        + "- name: other\n  context:\n    cluster: c\n    user: u\n"
        + "users:\n- name: u\n  user:\n" + user;
    Path file = Files.createTempFile(dir, "kubeconfig", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static String caData() throws Exception {
    return "    certificate-authority-data: " + b64(TestPki.pem(ca.certificate())) + "\n";
  }

  private static CatalogClient tokenClient() throws Exception {
    return CatalogClient.builder()
        .kubeconfig(kubeconfig(api.url(), caData(), "    token: " + TOKEN + "\n"))
        .initialBackoff(Duration.ofMillis(1)).build();
  }

  @Test
  void aBearerTokenOverTlsReachesTheCatalogThroughTheServiceProxyPath() throws Exception {
    CatalogClient client = tokenClient();
    assertThat(client.search("ngi")).hasSize(2);
    assertThat(client.get("team", "nginx").tag()).contains("nginx/v0.2.0");
    assertThat(client.availableUpdates("team", "nginx", "v0.1.0")).hasSize(1);
    assertThat(client.availableUpdates("team", "nginx", "v0.2.0")).isEmpty();
    assertThat(api.requests).extracting(KubernetesApiStandIn.Seen::path).containsExactly(
        PROXY + "/v1/profiles", PROXY + "/v1/profiles/team/nginx",
        PROXY + "/v1/profiles/team/nginx/v0.1.0/available_updates",
        PROXY + "/v1/profiles/team/nginx/v0.2.0/available_updates");
    assertThat(api.requests).allMatch(KubernetesApiStandIn.Seen::bearer);
    assertThat(client.toString()).contains("profiles-system/profiles-catalog-service:8000")
        .doesNotContain(TOKEN);
  }

  @Test
  void anEcClientCertificateFromFilesBesideTheKubeconfigAuthenticates() throws Exception {
    TestPki.Issued user = TestPki.client(ca, "alice", TestPki.ec());
    Files.writeString(dir.resolve("alice.crt"), TestPki.pem(user.certificate()));
    Files.writeString(dir.resolve("alice.key"), TestPki.pem(user.keys().getPrivate()));
    assertThat(Files.readString(dir.resolve("alice.key"))).contains("BEGIN EC PRIVATE KEY");
    Files.writeString(dir.resolve("ca.crt"), TestPki.pem(ca.certificate()));
    CatalogClient client = CatalogClient.builder().kubeconfig(kubeconfig(api.url(),
        "    certificate-authority: ca.crt\n",
        "    client-certificate: alice.crt\n    client-key: alice.key\n")).build();
    assertThat(client.version("team", "nginx", "latest").tag()).contains("nginx/v0.2.0");
    assertThat(api.requests).singleElement().satisfies(s -> {
      assertThat(s.clientCertificate()).contains("alice");
      assertThat(s.bearer()).isFalse();
    });
  }

  @Test
  void rsaClientKeysInPkcs1AndPkcs8FormAuthenticate() throws Exception {
    TestPki.Issued bob = TestPki.client(ca, "bob", TestPki.rsa());
    String pkcs1 = TestPki.pem(bob.keys().getPrivate());
    assertThat(pkcs1).contains("BEGIN RSA PRIVATE KEY");
    for (String key : new String[] {pkcs1, TestPki.pkcs8(bob.keys())}) {
      CatalogClient client = CatalogClient.builder().kubeconfig(kubeconfig(api.url(), caData(),
          "    client-certificate-data: " + b64(TestPki.pem(bob.certificate())) + "\n"
              + "    client-key-data: " + b64(key) + "\n")).build();
      assertThat(client.search("")).hasSize(2);
    }
    assertThat(api.requests).extracting(KubernetesApiStandIn.Seen::clientCertificate)
        .allSatisfy(cn -> assertThat(cn).contains("bob"));
  }

  @Test
  void namespaceServicePortAndContextAreConfigurable() throws Exception {
    CatalogClient client = CatalogClient.builder()
        .kubeconfig(kubeconfig(customApi.url(), caData(), "    token: " + TOKEN + "\n"), "other")
        .serviceNamespace("catalog").serviceName("my-catalog").servicePort(9000).build();
    assertThat(client.search("")).hasSize(2);
    assertThat(customApi.requests).extracting(KubernetesApiStandIn.Seen::path)
        .containsExactly("/api/v1/namespaces/catalog/services/http:my-catalog:9000/proxy/v1/profiles");
  }

  @Test
  void aRefusedTokenIsATypedErrorThatNeverShowsTheToken() throws Exception {
    String wrong = "wrong-token-value-123";
    CatalogClient client = CatalogClient.builder()
        .kubeconfig(kubeconfig(api.url(), caData(), "    token: " + wrong + "\n")).build();
    assertThatThrownBy(() -> client.search("x"))
        .isInstanceOfSatisfying(CatalogRequestException.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.getMessage()).contains("Unauthorized").doesNotContain(wrong);
        });
    assertThat(api.requests).hasSize(1);
  }

  @Test
  void anUntrustedServerCertificateFailsWithoutRetrying() throws Exception {
    CatalogClient client = CatalogClient.builder()
        .kubeconfig(kubeconfig(api.url(), "", "    token: " + TOKEN + "\n")).build();
    assertThatThrownBy(() -> client.search("x"))
        .isInstanceOf(CatalogUnavailableException.class)
        .hasMessageContaining("TLS handshake failed").hasMessageNotContaining(TOKEN);
    assertThat(api.requests).isEmpty();
  }

  @Test
  void serviceUnavailableIsRetriedWithinTheBudget() throws Exception {
    CatalogClient client = tokenClient();
    api.unavailableFor.set(2);
    assertThat(client.search("")).hasSize(2);
    assertThat(api.requests).hasSize(3);

    api.requests.clear();
    api.unavailableFor.set(10);
    CatalogClient impatient = CatalogClient.builder()
        .kubeconfig(kubeconfig(api.url(), caData(), "    token: " + TOKEN + "\n"))
        .maxRetries(1).initialBackoff(Duration.ofMillis(1)).build();
    assertThatThrownBy(() -> impatient.search(""))
        .isInstanceOfSatisfying(CatalogUnavailableException.class, e -> {
          assertThat(e.status()).hasValue(503);
          assertThat(e.getMessage()).contains("failed after 2 attempts")
              .contains("no endpoints available");
        });
    assertThat(api.requests).hasSize(2);
  }

  @Test
  void aBodyThatIsNotTheApisJsonIsAMalformedResponse() throws Exception {
    CatalogClient client = tokenClient();
    api.cannedBody.set("<html><body>Bad gateway</body></html>");
    assertThatThrownBy(() -> client.search(""))
        .isInstanceOf(CatalogResponseException.class).hasMessageContaining("not JSON")
        .hasMessageContaining(PROXY + "/v1/profiles");
    api.cannedBody.set("{\"items\":[{\"name\":\"a\"},{\"name\":5}]}");
    assertThatThrownBy(() -> client.search(""))
        .isInstanceOf(CatalogResponseException.class)
        .hasMessageContaining("items[1].name: expected a string");
    api.cannedBody.set("{\"item\":{\"tag\":\"x/v1.0.0\"}}");
    assertThatThrownBy(() -> client.get("team", "x"))
        .isInstanceOf(CatalogResponseException.class).hasMessageContaining("item.name: missing");
    api.cannedBody.set("{\"items\":[{\"name\":\"a\",\"prerequisites\":\"k8s\"}]}");
    assertThatThrownBy(() -> client.search(""))
        .isInstanceOf(CatalogResponseException.class).hasMessageContaining("prerequisites");
  }

  @Test
  void aMissingServiceIsNotFound() throws Exception {
    CatalogClient client = CatalogClient.builder()
        .kubeconfig(kubeconfig(api.url(), caData(), "    token: " + TOKEN + "\n"))
        .serviceName("nope").build();
    assertThatThrownBy(() -> client.get("team", "nginx"))
        .isInstanceOf(CatalogNotFoundException.class)
        .hasMessageContaining("services \"http:nope:8000\" not found");
  }

  @Test
  void unsupportedOrBrokenKubeconfigsAreConfigurationErrors() throws Exception {
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(kubeconfig(api.url(), caData(),
        "    exec:\n      command: aws\n")).build())
        .isInstanceOf(CatalogConfigurationException.class).hasMessageContaining("exec");
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(kubeconfig(api.url(),
        "    insecure-skip-tls-verify: true\n", "    token: " + TOKEN + "\n")).build())
        .isInstanceOf(CatalogConfigurationException.class)
        .hasMessageContaining("insecure-skip-tls-verify");
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(kubeconfig(api.url(), caData(),
        "    token: " + TOKEN + "\n"), "staging").build())
        .isInstanceOf(CatalogConfigurationException.class)
        .hasMessageContaining("context 'staging' not found");
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(kubeconfig(api.url(), caData(),
        "    client-certificate-data: " + b64("not a cert") + "\n    client-key-data: "
            + b64("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n") + "\n"))
        .build())
        .isInstanceOf(CatalogConfigurationException.class);
    Path notYaml = Files.createTempFile(dir, "bad", ".yaml");
    Files.writeString(notYaml, "token: " + TOKEN + "\n  : [\n");
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(notYaml).build())
        .isInstanceOf(CatalogConfigurationException.class).hasMessageNotContaining(TOKEN);
  }
}
