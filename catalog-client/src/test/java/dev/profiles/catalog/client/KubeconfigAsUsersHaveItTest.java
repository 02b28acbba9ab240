package dev.profiles.catalog.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.yaml.ProfileYaml;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubeconfigs as users have them, against the Kubernetes API stand-in on loopback: {@code exec}
 * credential plugins (real bash scripts on disk printing an ExecCredential), several files in
 * {@code KUBECONFIG} merged by kubectl's rules, the in-cluster service account, and context
 * selection.
 */
class KubeconfigAsUsersHaveItTest {
  private static final String TOKEN = "exec-issued-token-7f3a";
  private static final String SECRET_ON_STDERR = "aws-secret-access-key-DO-NOT-LEAK";

  @TempDir static Path shared;
  @TempDir Path dir;
  static CatalogServer catalog;
  static TestPki.Issued ca;
  static KubernetesApiStandIn api;

  @BeforeAll
  static void start() throws Exception {
    Path sources = Files.createDirectory(shared.resolve("sources"));
    Files.writeString(sources.resolve("team.yaml"), ProfileYaml.strict().writeCatalogSource(
        ProfileCatalogSource.builder().name("team")
            .addProfile(CatalogEntry.builder().name("nginx").tag("nginx/v0.1.0").build())
            .build()));
    catalog = CatalogServer.builder().sources(sources).port(0).build().start();
    catalog.refresh();
    ca = TestPki.ca();
    api = new KubernetesApiStandIn(TestPki.serverContext(TestPki.server(ca), ca), catalog.uri(),
        TOKEN, "profiles-system", "profiles-catalog-service", 8000);
  }

  @AfterAll
  static void stop() {
    api.close();
    catalog.close();
  }

  @BeforeEach
  void reset() {
    api.requests.clear();
  }

  private static String caData() throws Exception {
    return Base64.getEncoder().encodeToString(
        TestPki.pem(ca.certificate()).getBytes(StandardCharsets.UTF_8));
  }

  /** A kubeconfig with one cluster (the stand-in), context {@code test} and {@code user}. */
  private Path kubeconfig(String name, String user) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, "apiVersion: v1\nkind: Config\ncurrent-context: test\n"
        + "clusters:\n- name: c\n  cluster:\n    server: " + api.url() + "\n"
        + "    certificate-authority-data: " + caData() + "\n"
        + "contexts:\n- name: test\n  context:\n    cluster: c\n    user: u\n"
        + "users:\n- name: u\n  user:\n" + user);
    return file;
  }

  private Path script(String name, String body) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/usr/bin/env bash\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  private static String execCredential(String apiVersion, String status) {
    return "cat <<EOF\n{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"ExecCredential\","
        + "\"status\":{" + status + "}}\nEOF\n";
  }

  private static String exec(String apiVersion, Path command, String extra) {
    return "    exec:\n      apiVersion: " + apiVersion + "\n      command: " + command + "\n"
        + extra;
  }

  private static String count(Path counter) {
    return "echo run >> " + counter + "\n";
  }

  @Test
  void anExecPluginsTokenAuthenticatesAndIsKeptUntilItExpires() throws Exception {
    Path counter = dir.resolve("runs");
    String expires = Instant.now().plus(1, ChronoUnit.HOURS).toString();
    Path plugin = script("plugin.sh", count(counter) + execCredential(
        "client.authentication.k8s.io/v1",
        "\"token\":\"" + TOKEN + "\",\"expirationTimestamp\":\"" + expires + "\""));
    CatalogClient client = CatalogClient.builder().kubeconfig(kubeconfig("config",
        exec("client.authentication.k8s.io/v1", plugin, "      interactiveMode: Never\n")))
        .build();
    assertThat(client.get("team", "nginx").tag()).contains("nginx/v0.1.0");
    assertThat(client.search("")).hasSize(1);
    assertThat(api.requests).hasSize(2).allMatch(KubernetesApiStandIn.Seen::bearer);
    assertThat(Files.readAllLines(counter)).hasSize(1);
    assertThat(client.toString()).doesNotContain(TOKEN);
  }

  @Test
  void argsEnvAndClusterInfoReachTheV1beta1Plugin() throws Exception {
    Path seen = dir.resolve("exec-info.json");
    // The token is only right when both the argument and the environment variable arrive.
    Path plugin = script("plugin.sh", "printf '%s' \"$KUBERNETES_EXEC_INFO\" > " + seen + "\n"
        + "[ \"$1\" = \"--cluster=prod\" ] || exit 3\n"
        + execCredential("client.authentication.k8s.io/v1beta1", "\"token\":\"$PREFIX-7f3a\""));
    CatalogClient client = CatalogClient.builder().kubeconfig(kubeconfig("config",
        exec("client.authentication.k8s.io/v1beta1", plugin,
            "      args: [\"--cluster=prod\"]\n"
                + "      env:\n      - name: PREFIX\n        value: exec-issued-token\n"
                + "      provideClusterInfo: true\n"))).build();
    assertThat(client.get("team", "nginx").tag()).contains("nginx/v0.1.0");
    assertThat(api.requests).singleElement().matches(KubernetesApiStandIn.Seen::bearer);
    assertThat(Files.readString(seen))
        .contains("\"apiVersion\":\"client.authentication.k8s.io/v1beta1\"")
        .contains("\"kind\":\"ExecCredential\"").contains("\"interactive\":false")
        .contains("\"server\":\"" + api.url() + "\"")
        .contains("\"certificate-authority-data\":");
  }

  @Test
  void withoutProvideClusterInfoThePluginIsNotToldTheCluster() throws Exception {
    Path seen = dir.resolve("exec-info.json");
    Path plugin = script("plugin.sh", "printf '%s' \"$KUBERNETES_EXEC_INFO\" > " + seen + "\n"
        + execCredential("client.authentication.k8s.io/v1beta1", "\"token\":\"" + TOKEN + "\""));
    CatalogClient.builder().kubeconfig(kubeconfig("config",
        exec("client.authentication.k8s.io/v1beta1", plugin, ""))).build().search("");
    assertThat(Files.readString(seen)).contains("\"interactive\":false")
        .doesNotContain("server");
  }

  @Test
  void aRelativeCommandIsFoundBesideTheKubeconfig() throws Exception {
    script("plugin.sh", execCredential("client.authentication.k8s.io/v1",
        "\"token\":\"" + TOKEN + "\""));
    CatalogClient client = CatalogClient.builder().kubeconfig(kubeconfig("config",
        "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
            + "      command: ./plugin.sh\n      interactiveMode: IfAvailable\n")).build();
    assertThat(client.search("")).hasSize(1);
  }

  @Test
  void anExecPluginsClientCertificateAuthenticates() throws Exception {
    TestPki.Issued carol = TestPki.client(ca, "carol", TestPki.ec());
    String cert = TestPki.pem(carol.certificate()).replace("\n", "\\n");
    String key = TestPki.pkcs8(carol.keys()).replace("\n", "\\n");
    Path plugin = script("plugin.sh", execCredential("client.authentication.k8s.io/v1",
        "\"clientCertificateData\":\"" + cert + "\",\"clientKeyData\":\"" + key + "\""));
    CatalogClient client = CatalogClient.builder().kubeconfig(kubeconfig("config",
        exec("client.authentication.k8s.io/v1", plugin, "      interactiveMode: Never\n")))
        .build();
    assertThat(client.get("team", "nginx").tag()).contains("nginx/v0.1.0");
    assertThat(api.requests).singleElement().satisfies(s -> {
      assertThat(s.clientCertificate()).contains("carol");
      assertThat(s.bearer()).isFalse();
    });
  }

  @Test
  void failingMissingOrMisbehavingPluginsAreTypedErrorsThatLeakNothing() throws Exception {
    String v1 = "client.authentication.k8s.io/v1";
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("echo " + SECRET_ON_STDERR + " >&2\necho " + SECRET_ON_STDERR + "\nexit 7\n",
        "exit status 7");
    cases.put("echo '{\"kind\":\"Secret\",\"token\":\"" + SECRET_ON_STDERR + "\"}'\n",
        "did not print an ExecCredential");
    cases.put(execCredential("client.authentication.k8s.io/v1beta1",
        "\"token\":\"" + SECRET_ON_STDERR + "\""), "did not print an ExecCredential of " + v1);
    cases.put(execCredential(v1, "\"token\":\"\""), "neither a token nor a client certificate");
    cases.put(execCredential(v1, "\"token\":\"" + SECRET_ON_STDERR + "\","
        + "\"expirationTimestamp\":\"2001-01-01T00:00:00Z\""), "already expired");
    cases.put(execCredential(v1, "\"token\":\"" + SECRET_ON_STDERR + "\","
        + "\"expirationTimestamp\":\"tomorrow\""), "expirationTimestamp");
    cases.put("echo '" + SECRET_ON_STDERR + ": [unclosed'\n", "not valid YAML");
    cases.put("head -c 2000000 /dev/zero | tr '\\0' 'a'\n", "printed more than");
    cases.put(execCredential(v1, "\"clientCertificateData\":\"x\""), "go together");
    int i = 0;
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path plugin = script("plugin" + i++ + ".sh", c.getKey());
      assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(kubeconfig("config",
          exec(v1, plugin, "      interactiveMode: Never\n"))).build())
          .as(c.getValue())
          .isInstanceOf(CatalogConfigurationException.class)
          .hasMessageContaining(c.getValue())
          .hasMessageNotContaining(SECRET_ON_STDERR);
    }
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(kubeconfig("config",
        exec(v1, dir.resolve("no-such-plugin"), "      interactiveMode: Never\n"
            + "      installHint: install it with 'brew install the-plugin'\n"))).build())
        .isInstanceOf(CatalogConfigurationException.class)
        .hasMessageContaining("cannot be started").hasMessageContaining("brew install");
  }

  @Test
  void execSettingsThatCannotWorkAreRefusedBeforeRunning() throws Exception {
    Path counter = dir.resolve("runs");
    Path plugin = script("plugin.sh", count(counter));
    String v1 = "client.authentication.k8s.io/v1";
    Map<String, String> cases = Map.of(
        exec(v1, plugin, "      interactiveMode: Always\n"), "needs a terminal",
        exec(v1, plugin, ""), "interactiveMode is required",
        exec(v1, plugin, "      interactiveMode: Sometimes\n"), "interactiveMode must be",
        exec("client.authentication.k8s.io/v1alpha1", plugin, ""), "apiVersion must be",
        exec(v1, plugin, "      interactiveMode: Never\n      args: --flag\n"), "args",
        exec(v1, plugin, "      interactiveMode: Never\n      env: [{name: A}]\n"), "env",
        exec(v1, plugin, "      interactiveMode: Never\n      provideClusterInfo: yes-please\n"),
        "provideClusterInfo",
        "    exec:\n      apiVersion: " + v1 + "\n      interactiveMode: Never\n",
        "command is missing");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(kubeconfig("config",
          c.getKey())).build())
          .as(c.getValue())
          .isInstanceOf(CatalogConfigurationException.class).hasMessageContaining(c.getValue());
    }
    assertThat(counter).doesNotExist();
  }

  @Test
  void kubeconfigFilesMergeByKubectlsRules() throws Exception {
    // a.yaml: the current context and the right user; b.yaml: the cluster (with its CA in a
    // file beside it), a context of the same name pointing elsewhere, and a user of the same
    // name with a wrong token. The first definition of each name wins.
    Path a = Files.createDirectories(dir.resolve("a")).resolve("config");
    Path b = Files.createDirectories(dir.resolve("b")).resolve("config");
    Files.writeString(b.resolveSibling("ca.crt"), TestPki.pem(ca.certificate()));
    Files.writeString(a, "apiVersion: v1\nkind: Config\ncurrent-context: test\n"
        + "contexts:\n- name: test\n  context:\n    cluster: c\n    user: u\n"
        + "users:\n- name: u\n  user:\n    token: " + TOKEN + "\n");
    Files.writeString(b, "apiVersion: v1\nkind: Config\ncurrent-context: elsewhere\n"
        + "clusters:\n- name: c\n  cluster:\n    server: " + api.url() + "\n"
        + "    certificate-authority: ca.crt\n"
        + "- name: other\n  cluster:\n    server: https://127.0.0.1:1\n"
        + "contexts:\n- name: test\n  context:\n    cluster: other\n    user: u\n"
        + "- name: elsewhere\n  context:\n    cluster: other\n    user: u\n"
        + "users:\n- name: u\n  user:\n    token: wrong-token\n");
    Path missing = dir.resolve("missing");
    Map<String, String> env = Map.of("KUBECONFIG",
        a + File.pathSeparator + missing + File.pathSeparator + File.pathSeparator + b);
    CatalogClient fromEnv = CatalogClient.builder()
        .kubeconfigFromEnvironment(env, dir.resolve("home")).build();
    assertThat(fromEnv.search("")).hasSize(1);
    CatalogClient listed = CatalogClient.builder().kubeconfigs(java.util.List.of(a, b)).build();
    assertThat(listed.search("")).hasSize(1);
    assertThat(api.requests).hasSize(2).allMatch(KubernetesApiStandIn.Seen::bearer);

    // The other order: b's names win, so its context points at a server that is not there.
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfigs(java.util.List.of(b, a))
        .maxRetries(0).build().search("")).isInstanceOf(CatalogUnavailableException.class);
    // Listed explicitly, every file must exist; from KUBECONFIG at least one.
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfigs(java.util.List.of(a, missing))
        .build()).isInstanceOf(CatalogConfigurationException.class);
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfigFromEnvironment(
        Map.of("KUBECONFIG", missing.toString()), dir).build())
        .isInstanceOf(CatalogConfigurationException.class).hasMessageContaining("no kubeconfig");
  }

  @Test
  void withoutKubeconfigTheHomeDirectorysConfigIsRead() throws Exception {
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve(".kube"));
    Files.copy(kubeconfig("config", "    token: " + TOKEN + "\n"),
        home.resolve(".kube/config"));
    assertThat(CatalogClient.builder().kubeconfigFromEnvironment(Map.of(), home).build()
        .search("")).hasSize(1);
    assertThat(CatalogClient.builder().kubeconfigFromEnvironment(Map.of("KUBECONFIG", ""), home)
        .build().search("")).hasSize(1);
    assertThatThrownBy(() -> CatalogClient.builder()
        .kubeconfigFromEnvironment(Map.of("KUBECONFIG", "a\0b"), home).build())
        .isInstanceOf(CatalogConfigurationException.class).hasMessageContaining("KUBECONFIG");
  }

  @Test
  void aContextIsChosenByName() throws Exception {
    Path file = dir.resolve("config");
    Files.writeString(file, "apiVersion: v1\nkind: Config\ncurrent-context: broken\n"
        + "clusters:\n- name: c\n  cluster:\n    server: " + api.url() + "\n"
        + "    certificate-authority-data: " + caData() + "\n"
        + "contexts:\n- name: broken\n  context:\n    cluster: nowhere\n    user: u\n"
        + "- name: good\n  context:\n    cluster: c\n    user: u\n"
        + "users:\n- name: u\n  user:\n    token: " + TOKEN + "\n");
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(file).build())
        .isInstanceOf(CatalogConfigurationException.class)
        .hasMessageContaining("cluster 'nowhere' not found");
    assertThat(CatalogClient.builder().kubeconfig(file).context("good").build().search(""))
        .hasSize(1);
    assertThat(CatalogClient.builder().kubeconfigs(java.util.List.of(file)).context("good")
        .build().search("")).hasSize(1);
  }

  @Test
  void inClusterTheServiceAccountIsUsedAndItsTokenReadAgain() throws Exception {
    Path sa = Files.createDirectories(dir.resolve("serviceaccount"));
    Files.writeString(sa.resolve("ca.crt"), TestPki.pem(ca.certificate()));
    Files.writeString(sa.resolve("namespace"), "apps\n");
    Files.writeString(sa.resolve("token"), "expired-token\n");
    String port = api.url().substring(api.url().lastIndexOf(':') + 1);
    Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1",
        "KUBERNETES_SERVICE_PORT", port);
    CatalogClient client = CatalogClient.builder().inCluster(env, sa).maxRetries(0).build();
    assertThatThrownBy(() -> client.search("")).isInstanceOf(CatalogException.class);
    // The kubelet rotated the token: the same client picks it up.
    Files.writeString(sa.resolve("token"), TOKEN + "\n");
    assertThat(client.search("")).hasSize(1);
    assertThat(api.requests).extracting(KubernetesApiStandIn.Seen::bearer)
        .containsExactly(false, true);
  }

  @Test
  void inClusterWithoutItsPiecesIsATypedError() throws Exception {
    Path sa = Files.createDirectories(dir.resolve("serviceaccount"));
    Files.writeString(sa.resolve("token"), TOKEN + "\n");
    Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1",
        "KUBERNETES_SERVICE_PORT", "6443");
    assertThatThrownBy(() -> CatalogClient.builder().inCluster(Map.of(), sa).build())
        .isInstanceOf(CatalogConfigurationException.class)
        .hasMessageContaining("KUBERNETES_SERVICE_HOST");
    assertThatThrownBy(() -> CatalogClient.builder().inCluster(Map.of(
        "KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT", "http"), sa).build())
        .isInstanceOf(CatalogConfigurationException.class).hasMessageContaining("port");
    assertThatThrownBy(() -> CatalogClient.builder().inCluster(env, sa).build())
        .isInstanceOf(CatalogConfigurationException.class).hasMessageContaining("ca.crt");
    Files.writeString(sa.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n"
        + "-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> CatalogClient.builder().inCluster(env, sa).build())
        .isInstanceOf(CatalogConfigurationException.class);
    Files.writeString(sa.resolve("ca.crt"), TestPki.pem(ca.certificate()));
    Files.writeString(sa.resolve("token"), "");
    assertThatThrownBy(() -> CatalogClient.builder().inCluster(env, sa).build())
        .isInstanceOf(CatalogConfigurationException.class).hasMessageContaining("empty");
  }
}
