package dev.profiles.cli;

import dev.profiles.core.catalog.CatalogService;
import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.catalog.client.ServiceProxyDispatcher;
import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.yaml.ProfileYaml;
import dev.profiles.flux.catalog.CatalogInstallation;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code profiles get --catalog --kubeconfig FILE [--context C]} end to end: the CLI reaches
 * the installed catalog's Service ({@link CatalogService#NAME} in {@link
 * CatalogService#NAMESPACE}, port {@link CatalogService#PORT})
 * through the API server's service proxy. The API server is fabric8's kubernetes-server-mock
 * over TLS (mock-based) forwarding to a real catalog server on loopback.
 */
class CliServiceProxyMockBasedTest {
  static final String TOKEN = "cli-sa-token-5e6f7a8b";
  static final String EXEC_TOKEN = "cli-exec-token-9c0d1e2f";

  @TempDir static Path dir;
  static CatalogServer catalog;
  static ServiceProxyDispatcher proxy;
  static KubernetesMockServer api;
  static Path kubeconfig;

  @BeforeAll
  static void start() throws Exception {
    Path sources = Files.createDirectory(dir.resolve("sources"));
    Files.writeString(sources.resolve("team.yaml"), ProfileYaml.strict().writeCatalogSource(
        ProfileCatalogSource.builder().name("team")
            .addProfile(CatalogEntry.builder().name("nginx").tag("nginx/v0.1.0")
                .description("deploys nginx").build())
            .addProfile(CatalogEntry.builder().name("redis").tag("redis/1.0.0")
                .description("a cache").build())
            .build()));
    catalog = CatalogServer.builder().sources(sources).port(0).build().start();
    catalog.refresh();
    proxy = new ServiceProxyDispatcher(catalog.uri(), CatalogService.NAMESPACE,
        CatalogService.NAME, CatalogService.PORT, TOKEN, EXEC_TOKEN);
    api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), proxy,
        true);
    api.init(InetAddress.getLoopbackAddress(), 0);
    Path plugin = dir.resolve("sso-login.sh");
    Files.writeString(plugin, "#!/bin/sh\necho 'debug: token " + EXEC_TOKEN + "' >&2\n"
        + "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
        + "\"status\":{\"token\":\"" + EXEC_TOKEN + "\"}}'\n");
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
    kubeconfig = dir.resolve("config");
    Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\ncurrent-context: admin\n"
        + "clusters:\n- name: prod\n  cluster:\n    server: https://localhost:" + api.getPort()
        + "\n    certificate-authority: " + api.getSelfSignedCertificate().certificatePath()
        + "\n"
        + "contexts:\n- name: admin\n  context:\n    cluster: prod\n    user: admin\n"
        + "- name: sso\n  context:\n    cluster: prod\n    user: sso\n"
        + "- name: revoked\n  context:\n    cluster: prod\n    user: revoked\n"
        + "users:\n- name: admin\n  user:\n    token: " + TOKEN + "\n"
        + "- name: revoked\n  user:\n    token: revoked-" + TOKEN + "\n"
        + "- name: sso\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
        + "      command: " + plugin + "\n      interactiveMode: Never\n");
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

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e, Map.of());
    }
    Run r = new Run(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
    assertThat(r.out() + r.err()).doesNotContain(TOKEN).doesNotContain(EXEC_TOKEN);
    return r;
  }

  @Test
  void getCatalogWithAKubeconfigTokenPrintsTheTableThroughTheServiceProxy() {
    Run r = run("get", "--catalog", "--kubeconfig", kubeconfig.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("CATALOG/PROFILE   VERSION   DESCRIPTION\n"
        + "team/nginx        v0.1.0    deploys nginx\n"
        + "team/redis        1.0.0     a cache\n");
    assertThat(proxy.requests).singleElement().satisfies(s -> {
      assertThat(s.path()).isEqualTo("/api/v1/namespaces/profiles-system/services/"
          + "http:profiles-catalog-service:8000/proxy/v1/profiles");
      assertThat(s.bearer()).isTrue();
    });
  }

  @Test
  void pctlsCatalogServiceOptionsNameTheServiceTheProxyReaches() {
    Run r = run("get", "-c", "--kubeconfig", kubeconfig.toString(),
        "--catalog-service-namespace", "catalogs", "--catalog-service-name", "team-catalog",
        "--catalog-service-port", "9000");

    // This cluster has no such Service: the request went where the options say, and failed.
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("team-catalog").hasLineCount(1);
    assertThat(proxy.requests).isNotEmpty().allSatisfy(s -> assertThat(s.path())
        .startsWith("/api/v1/namespaces/catalogs/services/http:team-catalog:9000/proxy/"));

    proxy.requests.clear();
    Run defaults = run("get", "-c", "--kubeconfig", kubeconfig.toString(),
        "--catalog-service-namespace", CatalogService.NAMESPACE,
        "--catalog-service-name", CatalogService.NAME,
        "--catalog-service-port", String.valueOf(CatalogService.PORT));
    assertThat(defaults.code()).as(defaults.err()).isZero();
    assertThat(defaults.out()).contains("team/nginx");
    Run badPort = run("get", "-c", "--kubeconfig", kubeconfig.toString(),
        "--catalog-service-port", "http");
    assertThat(badPort.code()).isEqualTo(2);
    assertThat(badPort.err()).contains("--catalog-service-port");
  }

  @Test
  void theContextsExecPluginUserReachesTheCatalogToo() {
    Run r = run("get", "ngi", "--catalog", "--kubeconfig", kubeconfig.toString(), "--context",
        "sso", "-o", "json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"name\": \"nginx\"").doesNotContain("redis");
    Run one = run("get", "team/redis", "--kubeconfig", kubeconfig.toString(), "--context", "sso");
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(one.out()).contains("team/redis").contains("1.0.0");
    assertThat(proxy.requests).hasSize(2).allMatch(ServiceProxyDispatcher.Seen::bearer);
  }

  @Test
  void aRevokedTokenOrAnUnknownContextIsOneErrorLineWithoutCredentials() {
    Run revoked = run("get", "--catalog", "--kubeconfig", kubeconfig.toString(), "--context",
        "revoked");
    assertThat(revoked.code()).isEqualTo(Main.ERROR);
    assertThat(revoked.err()).startsWith("error: ").contains("401").doesNotContain("revoked-");
    assertThat(revoked.err().lines().count()).isEqualTo(1);
    Run unknown = run("get", "--catalog", "--kubeconfig", kubeconfig.toString(), "--context",
        "staging");
    assertThat(unknown.code()).isEqualTo(Main.ERROR);
    assertThat(unknown.err()).contains("context 'staging' not found");
    assertThat(List.of(revoked.out(), unknown.out())).allMatch(String::isEmpty);
  }
}
