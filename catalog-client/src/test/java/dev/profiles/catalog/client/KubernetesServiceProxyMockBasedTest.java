package dev.profiles.catalog.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.yaml.ProfileYaml;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CatalogClient} end to end through the Kubernetes API service proxy, as the installed
 * catalog is reached: fabric8's kubernetes-server-mock over TLS stands in for the API server
 * (mock-based: no cluster here), its dispatcher forwarding the proxy path of {@code
 * profiles-system/profiles-catalog-service:8000} to a real {@link CatalogServer} on loopback.
 * Users from kubeconfig files: a bearer token, and an exec credential plugin (a real script).
 */
class KubernetesServiceProxyMockBasedTest {
  static final String TOKEN = "sa-token-0f9e8d7c6b5a";
  static final String EXEC_TOKEN = "exec-plugin-token-1a2b3c4d";
  static final String PROXY =
      "/api/v1/namespaces/profiles-system/services/http:profiles-catalog-service:8000/proxy";

  @TempDir static Path dir;
  static CatalogServer catalog;
  static ServiceProxyDispatcher proxy;
  static KubernetesMockServer api;
  static String server;
  static Path ca;

  @BeforeAll
  static void start() throws Exception {
    Path sources = Files.createDirectory(dir.resolve("sources"));
    Files.writeString(sources.resolve("platform.yaml"), ProfileYaml.strict().writeCatalogSource(
        ProfileCatalogSource.builder().name("platform")
            .addProfile(CatalogEntry.builder().name("nginx").tag("nginx/v0.1.0")
                .description("web server").build())
            .addProfile(CatalogEntry.builder().name("nginx").tag("nginx/v0.2.0")
                .description("web server").build())
            .addProfile(CatalogEntry.builder().name("redis").tag("redis/v1.0.0").build())
            .build()));
    catalog = CatalogServer.builder().sources(sources).port(0).build().start();
    catalog.refresh();
    proxy = new ServiceProxyDispatcher(catalog.uri(), "profiles-system",
        "profiles-catalog-service", 8000, TOKEN, EXEC_TOKEN);
    api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), proxy,
        true);
    api.init(InetAddress.getLoopbackAddress(), 0);
    server = "https://localhost:" + api.getPort();
    ca = Path.of(api.getSelfSignedCertificate().certificatePath());
  }

  @AfterAll
  static void stop() {
    api.destroy();
    catalog.close();
  }

  @BeforeEach
  void reset() {
    proxy.requests.clear();
  }

  /** A kubeconfig with two contexts: {@code token} (current) and {@code exec}. */
  static Path kubeconfig(String token, Path plugin) throws Exception {
    String yaml = "apiVersion: v1\nkind: Config\ncurrent-context: token\n"
        + "clusters:\n- name: mock\n  cluster:\n    server: " + server + "\n"
        + "    certificate-authority: " + ca + "\n"
        + "contexts:\n- name: token\n  context:\n    cluster: mock\n    user: sa\n"
        + "- name: exec\n  context:\n    cluster: mock\n    user: sso\n"
        + "users:\n- name: sa\n  user:\n    token: " + token + "\n"
        + "- name: sso\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
        + "      command: " + plugin + "\n      interactiveMode: Never\n";
    Path file = Files.createTempFile(dir, "kubeconfig", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  /** A real exec plugin: prints an ExecCredential and counts its runs. */
  static Path plugin(String token) throws Exception {
    Path counter = Files.createTempFile(dir, "runs", ".txt");
    Path script = Files.createTempFile(dir, "plugin", ".sh");
    Files.writeString(script, "#!/bin/sh\necho run >> " + counter + "\n"
        + "echo 'leaked-on-stderr-" + token + "' >&2\n"
        + "cat <<EOF\n{\"apiVersion\":\"client.authentication.k8s.io/v1\","
        + "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"" + token + "\"}}\nEOF\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Test
  void aTokenUserSearchesGetsAndListsVersionsThroughTheServiceProxy() throws Exception {
    CatalogClient client = CatalogClient.builder().kubeconfig(kubeconfig(TOKEN,
        plugin(EXEC_TOKEN))).initialBackoff(Duration.ofMillis(1)).build();
    assertThat(client.search("ngi")).extracting(CatalogEntry::tag)
        .containsExactlyInAnyOrder(java.util.Optional.of("nginx/v0.1.0"),
            java.util.Optional.of("nginx/v0.2.0"));
    assertThat(client.get("platform", "nginx").tag()).contains("nginx/v0.2.0");
    assertThat(client.version("platform", "redis", "v1.0.0").name()).isEqualTo("redis");
    assertThat(client.availableUpdates("platform", "nginx", "v0.1.0")).hasSize(1);
    assertThat(proxy.requests).extracting(ServiceProxyDispatcher.Seen::path).containsExactly(
        PROXY + "/v1/profiles?name=ngi", PROXY + "/v1/profiles/platform/nginx",
        PROXY + "/v1/profiles/platform/redis/v1.0.0",
        PROXY + "/v1/profiles/platform/nginx/v0.1.0/available_updates");
    assertThat(proxy.requests).allMatch(ServiceProxyDispatcher.Seen::bearer);
    assertThat(client.toString()).doesNotContain(TOKEN);
  }

  @Test
  void anExecPluginUserIsAuthenticatedByTheTokenThePluginPrints() throws Exception {
    Path plugin = plugin(EXEC_TOKEN);
    CatalogClient client = CatalogClient.builder()
        .kubeconfig(kubeconfig("unused-token", plugin), "exec").build();
    assertThat(client.search("")).hasSize(3);
    assertThat(client.get("platform", "redis").tag()).contains("redis/v1.0.0");
    assertThat(proxy.requests).hasSize(2).allMatch(ServiceProxyDispatcher.Seen::bearer);
    assertThat(client.toString()).doesNotContain(EXEC_TOKEN);
  }

  @Test
  void aRefusedTokenIsATypedErrorThatNeverShowsATokenAndIsNotRetried() throws Exception {
    String wrong = "revoked-token-998877";
    CatalogClient client = CatalogClient.builder().kubeconfig(kubeconfig(wrong,
        plugin(EXEC_TOKEN))).build();
    assertThatThrownBy(() -> client.search("x"))
        .isInstanceOfSatisfying(CatalogRequestException.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.getMessage()).contains("Unauthorized").doesNotContain(wrong);
        });
    assertThat(proxy.requests).hasSize(1);
    Path refused = plugin("plugin-token-nobody-accepts");
    CatalogClient exec = CatalogClient.builder().kubeconfig(kubeconfig(TOKEN, refused), "exec")
        .build();
    assertThatThrownBy(() -> exec.get("platform", "nginx"))
        .isInstanceOf(CatalogRequestException.class)
        .hasMessageNotContaining("plugin-token-nobody-accepts");
  }

  @Test
  void anotherServiceOrNamespaceIsNotFound() throws Exception {
    Path config = kubeconfig(TOKEN, plugin(EXEC_TOKEN));
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(config)
        .serviceNamespace("elsewhere").build().search(""))
        .isInstanceOf(CatalogNotFoundException.class)
        .hasMessageContaining("services \"profiles-catalog-service:8000\" not found");
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(config).serviceName("nope")
        .build().get("platform", "nginx"))
        .isInstanceOf(CatalogNotFoundException.class).hasMessageNotContaining(TOKEN);
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(config).build()
        .get("platform", "missing"))
        .isInstanceOf(CatalogNotFoundException.class);
  }

  @Test
  void anUntrustedApiServerCertificateFailsBeforeAnyCredentialIsSent() throws Exception {
    Path noCa = Files.createTempFile(dir, "kubeconfig", ".yaml");
    Files.writeString(noCa, "apiVersion: v1\nkind: Config\ncurrent-context: t\n"
        + "clusters:\n- name: mock\n  cluster:\n    server: " + server + "\n"
        + "contexts:\n- name: t\n  context:\n    cluster: mock\n    user: sa\n"
        + "users:\n- name: sa\n  user:\n    token: " + TOKEN + "\n");
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(noCa).maxRetries(0).build()
        .search(""))
        .isInstanceOf(CatalogUnavailableException.class).hasMessageNotContaining(TOKEN);
    assertThat(proxy.requests).isEmpty();
  }
}
