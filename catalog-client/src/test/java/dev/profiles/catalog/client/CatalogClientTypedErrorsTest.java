package dev.profiles.catalog.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesConfigurationException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder and every call throw only the documented types: {@link
 * ProfilesConfigurationException} for a value given in code, {@link
 * CatalogConfigurationException} for a kubeconfig (or base URL) that cannot be used — never
 * IllegalArgumentException, ArrayIndexOutOfBoundsException, StackOverflowError and the like,
 * whatever the kubeconfig holds. No message shows a secret from it.
 */
class CatalogClientTypedErrorsTest {
  private static final String TOKEN = "kube-Secret-token-value";
  @TempDir static Path dir;
  static String caPem;
  static String certPem;

  @BeforeAll
  static void pki() throws Exception {
    TestPki.Issued ca = TestPki.ca();
    caPem = TestPki.pem(ca.certificate());
    certPem = TestPki.pem(TestPki.client(ca, "alice", TestPki.ec()).certificate());
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Path kubeconfig(String cluster, String user) throws Exception {
    Path file = Files.createTempFile(dir, "kubeconfig", ".yaml");
    Files.writeString(file, "apiVersion: v1\nkind: Config\ncurrent-context: test\n"
        + "clusters:\n- name: c\n  cluster:\n" + cluster
        + "contexts:\n- name: test\n  context:\n    cluster: c\n    user: u\n"
        + "users:\n- name: u\n  user:\n" + user);
    return file;
  }

  private static final String SERVER = "    server: https://127.0.0.1:6443\n";

  private static void refused(Path kubeconfig, String expected) {
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(kubeconfig).build())
        .isInstanceOf(CatalogConfigurationException.class)
        .hasMessageContaining(expected)
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void invalidValuesGivenInCodeAreConfigurationExceptions() {
    List<Consumer<CatalogClient.Builder>> bad = List.of(
        b -> b.baseUrl(null), b -> b.kubeconfig(null), b -> b.kubeconfig(dir, null),
        b -> b.serviceNamespace(null), b -> b.serviceName(null), b -> b.servicePort(0),
        b -> b.servicePort(65536), b -> b.connectTimeout(null),
        b -> b.connectTimeout(Duration.ZERO), b -> b.requestTimeout(Duration.ofMillis(-1)),
        b -> b.requestTimeout(Duration.ofSeconds(Long.MAX_VALUE)),
        b -> b.initialBackoff(Duration.ofDays(365_000)), b -> b.maxRetries(-1),
        b -> b.maxRetries(11), b -> b.maxResponseBytes(0), b -> b.maxResponseBytes(-5),
        b -> b.maxResponseBytes(Long.MAX_VALUE));
    for (Consumer<CatalogClient.Builder> setter : bad) {
      assertThatThrownBy(() -> setter.accept(CatalogClient.builder()))
          .isExactlyInstanceOf(ProfilesConfigurationException.class);
    }
  }

  @Test
  void nullArgumentsToCallsAreConfigurationExceptions() throws Exception {
    CatalogClient c = CatalogClient.builder().baseUrl(URI.create("http://127.0.0.1:1")).build();
    List<ThrowingCall> calls = List.of(() -> c.search(null), () -> c.get(null, "p"),
        () -> c.get("c", null), () -> c.version("c", "p", null),
        () -> c.availableUpdates("c", "p", null), () -> c.availableUpdates("c", "p", "1.0.0",
            null));
    for (ThrowingCall call : calls) {
      assertThatThrownBy(call::run).isExactlyInstanceOf(ProfilesConfigurationException.class)
          .hasMessageContaining("must not be null");
    }
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void baseUrlsThatCannotBeUsedAreRefused() {
    for (String url : new String[] {"ftp://host/x", "mailto:a@b", "/relative/path",
        "http:opaque", "https://user:" + TOKEN + "@/nohost", "file:///etc/passwd"}) {
      assertThatThrownBy(() -> CatalogClient.builder().baseUrl(URI.create(url)).build())
          .as(url).isInstanceOf(CatalogConfigurationException.class)
          .hasMessageNotContaining(TOKEN);
    }
  }

  @Test
  void malformedKeysAndCertificatesAreConfigurationErrors() throws Exception {
    String cert = "    client-certificate-data: " + b64(certPem) + "\n";
    String[][] keys = {
        // Not base64 at all, in the -data field.
        {"    client-key-data: '%%% not base64 %%%'\n", "client-key-data is not base64"},
        // Base64 of a PEM whose block is not valid base64.
        {"    client-key-data: " + b64("-----BEGIN PRIVATE KEY-----\nA=A=A\n"
            + "-----END PRIVATE KEY-----\n") + "\n", "not valid base64"},
        // Valid base64, DER truncated in the middle of a length.
        {"    client-key-data: " + b64("-----BEGIN EC PRIVATE KEY-----\n"
            + Base64.getEncoder().encodeToString(new byte[] {0x30, (byte) 0x83, 0x01})
            + "\n-----END EC PRIVATE KEY-----\n") + "\n", "not a valid EC PRIVATE KEY"},
        // A SEQUENCE that claims more content than there is.
        {"    client-key-data: " + b64("-----BEGIN EC PRIVATE KEY-----\n"
            + Base64.getEncoder().encodeToString(new byte[] {0x30, 0x10, 0x02})
            + "\n-----END EC PRIVATE KEY-----\n") + "\n", "not a valid EC PRIVATE KEY"},
        // A single byte.
        {"    client-key-data: " + b64("-----BEGIN EC PRIVATE KEY-----\nMA==\n"
            + "-----END EC PRIVATE KEY-----\n") + "\n", "not a valid EC PRIVATE KEY"},
        {"    client-key-data: " + b64("-----BEGIN RSA PRIVATE KEY-----\nMAMCAQA=\n"
            + "-----END RSA PRIVATE KEY-----\n") + "\n", "not a valid RSA PRIVATE KEY"},
        {"    client-key-data: " + b64("-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n"
            + "-----END PRIVATE KEY-----\n") + "\n", "unsupported PKCS#8 private key"},
        {"    client-key-data: " + b64("no PEM here") + "\n", "no PEM private key found"},
    };
    for (String[] key : keys) {
      refused(kubeconfig(SERVER, cert + key[0]), key[1]);
    }
    refused(kubeconfig(SERVER + "    certificate-authority-data: " + b64(
        "-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n") + "\n",
        "    token: " + TOKEN + "\n"), "not a valid PEM certificate");
    refused(kubeconfig(SERVER + "    certificate-authority-data: " + b64(
        "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n") + "\n",
        "    token: " + TOKEN + "\n"), "no PEM certificate found");
    refused(kubeconfig(SERVER + "    certificate-authority-data: " + b64(
        "-----BEGIN CERTIFICATE-----\nA=A=A\n-----END CERTIFICATE-----\n") + "\n",
        "    token: " + TOKEN + "\n"), "not a valid PEM certificate");
  }

  @Test
  void hostileKubeconfigDocumentsAreConfigurationErrors() throws Exception {
    Path deep = dir.resolve("deep.yaml");
    Files.writeString(deep, "a: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
    refused(deep, "nests deeper than 64 levels");
    Path deepBlock = dir.resolve("deep-block.yaml");
    StringBuilder block = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      block.append(" ".repeat(i)).append("k:\n");
    }
    Files.writeString(deepBlock, block);
    refused(deepBlock, "nests deeper than 64 levels");

    Path bomb = dir.resolve("bomb.yaml");
    StringBuilder b = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 30; i++) {
      b.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      b.append("]\n");
    }
    Files.writeString(bomb, b);
    refused(bomb, "is not valid YAML");

    Path huge = dir.resolve("huge.yaml");
    Files.write(huge, new byte[5 << 20]);
    refused(huge, "is larger than 4194304 bytes");

    Path notMapping = dir.resolve("list.yaml");
    Files.writeString(notMapping, "- a\n- b\n");
    refused(notMapping, "is not a mapping");

    refused(dir, "cannot be read");
  }

  @Test
  void hostileValuesInsideAKubeconfigAreConfigurationErrors() throws Exception {
    refused(kubeconfig("    server: not a url at all\n", "    token: " + TOKEN + "\n"),
        "server is not");
    refused(kubeconfig("    server: ftp://example.com\n", "    token: " + TOKEN + "\n"),
        "not an http(s) URL with a host");
    refused(kubeconfig("    server: https://\n", "    token: " + TOKEN + "\n"),
        "server is not");
    refused(kubeconfig("    server: unix:/var/run/k8s.sock\n", "    token: " + TOKEN + "\n"),
        "not an http(s) URL with a host");
    refused(kubeconfig(SERVER, "    token: \"" + TOKEN + "\\r\\nX-Injected: 1\"\n"),
        "characters an HTTP header cannot carry");
    refused(kubeconfig(SERVER, "    token: \"" + TOKEN + "\u00e9\"\n"),
        "characters an HTTP header cannot carry");
    refused(kubeconfig(SERVER, "    tokenFile: \"a\\0b\"\n"), "is not a valid path");
    refused(kubeconfig(SERVER, "    tokenFile: missing-token\n"), "cannot read");
    if (Files.isReadable(Path.of("/dev/zero"))) {
      refused(kubeconfig(SERVER, "    tokenFile: /dev/zero\n"), "cannot read");
      refused(kubeconfig(SERVER + "    certificate-authority: /dev/zero\n",
          "    token: " + TOKEN + "\n"), "cannot read certificate-authority");
    }
    refused(kubeconfig(SERVER, "    client-certificate: \"x\\u0000y\"\n"
        + "    client-key: k\n"), "is not a valid path");
    Path names = Files.createTempFile(dir, "kubeconfig", ".yaml");
    Files.writeString(names, "current-context: \"evil\\nINFO forged\"\ncontexts: []\n");
    assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(names).build())
        .isInstanceOf(CatalogConfigurationException.class)
        .hasMessageContaining("evil\\u000aINFO forged").hasMessageNotContaining("\n");
    Path recursive = Files.createTempFile(dir, "kubeconfig", ".yaml");
    Files.writeString(recursive, "current-context: test\ncontexts: &c [*c]\n");
    refused(recursive, "context 'test' not found");
  }

  @Test
  void aValidKubeconfigStillBuilds() throws Exception {
    CatalogClient c = CatalogClient.builder().kubeconfig(kubeconfig(SERVER
        + "    certificate-authority-data: " + b64(caPem) + "\n", "    token: " + TOKEN + "\n"))
        .build();
    assertThat(c.toString()).contains("127.0.0.1:6443").doesNotContain(TOKEN);
  }
}
