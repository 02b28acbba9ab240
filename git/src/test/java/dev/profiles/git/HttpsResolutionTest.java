package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.AuthenticationFailedException;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.resolve.TransportFailedException;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import dev.profiles.testing.git.TestCertificates;
import java.nio.file.Path;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token authentication over HTTPS on loopback. The JVM's default TLS trust is replaced, for this
 * class only, by one that trusts the test certificate, as a user would add a private CA.
 */
class HttpsResolutionTest {
  private static final String TOKEN = "ghp_test0token0value";

  @TempDir static Path dir;
  private static GitHttpServer server;
  private static SSLSocketFactory previous;

  @BeforeAll
  static void start() {
    try (ProfileRepoFixture r = ProfileRepoFixture.create(dir.resolve("repos/secure.git"))) {
      r.profile("tls", ProfileYamls.profile("tls").kustomize("k", "k").toYaml())
          .file("tls/k/a.yaml", "a").commit("tls").tag("tls/v1.0.0");
    }
    Path keyStore = TestCertificates.createLoopbackKeyStore(dir, "changeit");
    server = GitHttpServer.builder(dir.resolve("repos")).https(keyStore, "changeit")
        .basicAuth("x-access-token", TOKEN).start();
    previous = HttpsURLConnection.getDefaultSSLSocketFactory();
    HttpsURLConnection.setDefaultSSLSocketFactory(
        TestCertificates.trusting(keyStore, "changeit").getSocketFactory());
  }

  @AfterAll
  static void stop() {
    HttpsURLConnection.setDefaultSSLSocketFactory(previous);
    server.close();
  }

  @Test
  void resolvesWithATokenOverHttps(@TempDir Path cache) throws Exception {
    assertThat(server.url("secure.git")).startsWith("https://");
    try (GitProfiles git = GitProfiles.builder().cacheDirectory(cache)
        .credentials("127.0.0.1", GitCredentials.token(TOKEN)).build()) {
      ResolvedProfile p =
          git.resolve(ProfileSource.ofTag(server.url("secure.git"), "tls/v1.0.0")).call();
      assertThat(p.directory().read("k/a.yaml")).asString().isEqualTo("a");
    }
  }

  @Test
  void aWrongTokenFailsAuthenticationWithoutShowingIt(@TempDir Path cache) {
    try (GitProfiles git = GitProfiles.builder().cacheDirectory(cache)
        .credentials(GitCredentials.token("ghp_wrong0token0value")).build()) {
      assertThatThrownBy(() -> git.listVersions(server.url("secure.git")).call())
          .isInstanceOf(AuthenticationFailedException.class)
          .hasMessageEndingWith(": the server refused the credentials given")
          .satisfies(e -> assertThat(HttpResolutionTest.stackTrace(e))
              .doesNotContain("ghp_wrong0token0value"));
    }
  }

  @Test
  void noTokenSaysTheServerAsksForCredentialsInsteadOfNamingJGitsApi(@TempDir Path cache) {
    try (GitProfiles git = GitProfiles.builder().cacheDirectory(cache).build()) {
      assertThatThrownBy(() -> git.listVersions(server.url("secure.git")).call())
          .isInstanceOf(AuthenticationFailedException.class)
          .hasMessage("authentication failed for " + server.url("secure.git")
              + ": the server asks for credentials and none were given");
    }
  }

  @Test
  void anUntrustedCertificateIsATransportFailure(@TempDir Path cache) {
    SSLSocketFactory trusting = HttpsURLConnection.getDefaultSSLSocketFactory();
    HttpsURLConnection.setDefaultSSLSocketFactory(previous);
    try (GitProfiles git = GitProfiles.builder().cacheDirectory(cache)
        .credentials(GitCredentials.token(TOKEN)).build()) {
      assertThatThrownBy(() -> git.listVersions(server.url("secure.git")).call())
          .isInstanceOf(TransportFailedException.class);
    } finally {
      HttpsURLConnection.setDefaultSSLSocketFactory(trusting);
    }
  }
}
