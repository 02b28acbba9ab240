package dev.profiles.catalog.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever bytes sit in a kubeconfig's key or certificate PEM blocks (truncated DER, lengths
 * past the end, random base64, every key type's header), building the client fails with {@link
 * CatalogConfigurationException}, never a runtime exception or an error, and the message never
 * shows the key material.
 */
class MalformedKeyMaterialProperties {
  private static final String HEADERS_AND_DER = "PRIVATE KEY,RSA PRIVATE KEY,EC PRIVATE KEY";

  @Provide
  Arbitrary<byte[]> der() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    // DER-looking: a SEQUENCE header with a length that may lie, then random content.
    Arbitrary<byte[]> sequences = Arbitraries.bytes().array(byte[].class).ofMaxSize(80)
        .map(tail -> {
          byte[] b = new byte[tail.length + 4];
          b[0] = 0x30;
          b[1] = (byte) 0x82;
          b[2] = (byte) (tail.length >> 3);
          b[3] = (byte) tail.length;
          System.arraycopy(tail, 0, b, 4, tail.length);
          return b;
        });
    return Arbitraries.oneOf(random, sequences);
  }

  @Provide
  Arbitrary<String> header() {
    return Arbitraries.of(HEADERS_AND_DER.split(","));
  }

  @Property(tries = 200)
  void malformedClientKeysAreConfigurationErrors(@ForAll("der") byte[] der,
      @ForAll("header") String header) throws Exception {
    String key = pem(header, der);
    String cert = pem("CERTIFICATE", der);
    Path dir = Files.createTempDirectory("kubeconfig");
    try {
      Path file = dir.resolve("config");
      Files.writeString(file, "apiVersion: v1\nkind: Config\ncurrent-context: t\n"
          + "clusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:6443\n"
          + "contexts:\n- name: t\n  context:\n    cluster: c\n    user: u\n"
          + "users:\n- name: u\n  user:\n"
          + "    client-certificate-data: " + b64(cert) + "\n"
          + "    client-key-data: " + b64(key) + "\n");
      String body = Base64.getEncoder().encodeToString(der);
      assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(file).build())
          .isInstanceOf(CatalogConfigurationException.class)
          .satisfies(e -> {
            if (body.length() > 8) {
              org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain(body);
            }
          });
    } finally {
      Files.deleteIfExists(dir.resolve("config"));
      Files.deleteIfExists(dir);
    }
  }

  @Property(tries = 100)
  void malformedCertificateAuthoritiesAreConfigurationErrors(@ForAll("der") byte[] der)
      throws Exception {
    Path dir = Files.createTempDirectory("kubeconfig");
    try {
      Path file = dir.resolve("config");
      Files.writeString(file, "apiVersion: v1\nkind: Config\ncurrent-context: t\n"
          + "clusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:6443\n"
          + "    certificate-authority-data: " + b64(pem("CERTIFICATE", der)) + "\n"
          + "contexts:\n- name: t\n  context:\n    cluster: c\n    user: u\n"
          + "users:\n- name: u\n  user:\n    token: abc\n");
      assertThatThrownBy(() -> CatalogClient.builder().kubeconfig(file).build())
          .isInstanceOf(CatalogConfigurationException.class);
    } finally {
      Files.deleteIfExists(dir.resolve("config"));
      Files.deleteIfExists(dir);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
