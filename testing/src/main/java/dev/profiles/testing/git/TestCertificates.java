package dev.profiles.testing.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code 127.0.0.1}, made with the JDK's {@code keytool}, and a
 * TLS context that trusts only it: what an HTTPS test server and its clients need.
 *
 * <pre>{@code
 * Path ks = TestCertificates.createLoopbackKeyStore(dir, "changeit");
 * GitHttpServer server = GitHttpServer.builder(root).https(ks, "changeit").start();
 * SSLContext trusting = TestCertificates.trusting(ks, "changeit");
 * }</pre>
 */
public final class TestCertificates {
  private TestCertificates() {}

  /** Creates {@code dir/loopback.p12} holding a key pair and a certificate for 127.0.0.1. */
  public static Path createLoopbackKeyStore(Path dir, String password) {
    Path store = dir.resolve("loopback.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    try {
      Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "loopback",
          "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
          "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
          "-keystore", store.toString(), "-storepass", password, "-keypass", password)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(store)) {
        throw new IllegalStateException("keytool could not create a test certificate");
      }
      return store;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run keytool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A TLS context that trusts exactly the certificate in {@code keyStore}. */
  public static SSLContext trusting(Path keyStore, String password) {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore source = KeyStore.getInstance("PKCS12");
      source.load(in, password.toCharArray());
      Certificate cert = source.getCertificate("loopback");
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("loopback", cert);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the test certificate", e);
    }
  }
}
