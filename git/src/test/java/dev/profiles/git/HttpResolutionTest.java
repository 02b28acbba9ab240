package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.AuthenticationFailedException;
import dev.profiles.core.resolve.MissingRefException;
import dev.profiles.core.resolve.RepositoryNotFoundException;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.resolve.TransportFailedException;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution and version listing over smart HTTP with basic auth, against a real server. */
class HttpResolutionTest {
  private static final String USER = "bob";
  private static final String PASSWORD = "s3cret-Pa55word";

  @TempDir static Path repos;
  @TempDir Path tmp;
  private static GitHttpServer server;
  private GitProfiles git;

  @BeforeAll
  static void startServer() {
    try (ProfileRepoFixture r = ProfileRepoFixture.create(repos.resolve("profiles.git"))) {
      byte[] chart = new byte[1 << 20];
      new Random(42).nextBytes(chart);
      r.profile("base", ProfileYamls.profile("base").kustomize("k", "k").toYaml())
          .file("base/k/a.yaml", "a")
          .commit("base").tag("base/v1.0.0")
          .profile("nginx", ProfileYamls.profile("nginx").kustomize("k", "k").toYaml())
          .file("nginx/k/chart.tgz", chart)
          .commit("nginx 0.1.0").tag("nginx/v0.1.0")
          .file("nginx/k/chart.tgz", "smaller").commit("nginx 0.10.0").tag("nginx/v0.10.0")
          .commit("nginx 0.2.0").tag("nginx/0.2.0").tag("nginx/v1.0.0-rc.1")
          .tag("not-a-version").tag("deep/er/v1.0.0").tag("v3.0.0");
    }
    server = GitHttpServer.builder(repos).basicAuth(USER, PASSWORD).start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void setUp() {
    git = GitProfiles.builder().allowHttp(true).cacheDirectory(tmp.resolve("cache"))
        .credentials(GitCredentials.basic(USER, PASSWORD)).build();
  }

  @Test
  void resolvesWithBasicAuthAndAWarmCacheTransfersNothingMore() throws Exception {
    ProfileSource source = ProfileSource.ofTag(server.url("profiles.git"), "nginx/v0.1.0");
    int before = server.packsSent();

    ResolvedProfile cold = git.resolve(source).call();
    int afterCold = server.packsSent();
    ResolvedProfile warm = git.resolve(source).call();

    assertThat(afterCold - before).isEqualTo(1);
    assertThat(server.packsSent()).isEqualTo(afterCold);
    assertThat(warm.commit()).isEqualTo(cold.commit());
    assertThat(warm.directory().read("k/chart.tgz")).hasSize(1 << 20);
  }

  @Test
  void protocolV2WorksTheSame() throws Exception {
    ProfileSource source = ProfileSource.ofTag(server.url("profiles.git"), "base/v1.0.0");
    try (GitProfiles v2 = GitProfiles.builder().allowHttp(true).cacheDirectory(tmp.resolve("v2"))
        .credentials(GitCredentials.basic(USER, PASSWORD)).protocolV2(true).build()) {
      String commit = v2.resolve(source).call().commit();
      int packs = server.packsSent();

      assertThat(v2.resolve(source).call().commit()).isEqualTo(commit);
      assertThat(server.packsSent()).isEqualTo(packs);
      assertThat(v2.listVersions(server.url("profiles.git")).call().profileNames())
          .contains("base", "nginx");
    }
  }

  @Test
  void credentialsInTheUrlWorkAndNeverShowInErrors() throws Exception {
    String url = server.urlWithCredentials("profiles.git", USER, PASSWORD);
    try (GitProfiles anonymous = GitProfiles.builder().allowHttp(true)
        .cacheDirectory(tmp.resolve("c2")).build()) {
      ResolvedProfile p = anonymous.resolve(ProfileSource.ofTag(url, "base/v1.0.0")).call();
      assertThat(p.source().toString()).doesNotContain(PASSWORD);

      assertThatThrownBy(() -> anonymous.resolve(ProfileSource.ofTag(url, "base/v9.0.0")).call())
          .isInstanceOf(MissingRefException.class)
          .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(PASSWORD).doesNotContain(USER
              + ":"));
    }
  }

  @Test
  void aWrongPasswordIsAnAuthenticationFailureThatDoesNotLeakIt() {
    String wrong = "wr0ng-Pa55word";
    try (GitProfiles bad = GitProfiles.builder().allowHttp(true).cacheDirectory(tmp.resolve("c3"))
        .credentials(GitCredentials.basic(USER, wrong)).build()) {
      assertThatThrownBy(() -> bad.resolve(
          ProfileSource.ofTag(server.url("profiles.git"), "base/v1.0.0")).call())
          .isInstanceOf(AuthenticationFailedException.class)
          .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(wrong));
      String inUrl = server.urlWithCredentials("profiles.git", USER, wrong);
      assertThatThrownBy(() -> bad.listVersions(inUrl).call())
          .isInstanceOf(AuthenticationFailedException.class)
          .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(wrong));
    }
  }

  @Test
  void noCredentialsIsAnAuthenticationFailure() {
    try (GitProfiles anonymous = GitProfiles.builder().allowHttp(true)
        .cacheDirectory(tmp.resolve("c4")).build()) {
      assertThatThrownBy(() -> anonymous.listVersions(server.url("profiles.git")).call())
          .isInstanceOf(AuthenticationFailedException.class);
    }
  }

  @Test
  void anUnknownRepositoryIsTyped() {
    assertThatThrownBy(() -> git.resolve(
        ProfileSource.ofTag(server.url("nope.git"), "base/v1.0.0")).call())
        .isInstanceOf(RepositoryNotFoundException.class);
  }

  @Test
  void listsVersionsGroupedAndSortedBySemverAndResolvesLatest() throws Exception {
    RepositoryVersions v = git.listVersions(server.url("profiles.git")).call();

    assertThat(v.profileNames()).containsExactly("base", "nginx");
    assertThat(v.versions("nginx")).extracting(Object::toString).containsExactly(
        "nginx/v0.1.0", "nginx/0.2.0", "nginx/v0.10.0", "nginx/v1.0.0-rc.1");
    assertThat(v.rootVersions()).extracting(Object::toString).containsExactly("v3.0.0");
    assertThat(v.latest("nginx")).hasValueSatisfying(
        t -> assertThat(t).hasToString("nginx/v1.0.0-rc.1"));
    assertThat(v.find("nginx", "v0.2.0")).hasValueSatisfying(
        t -> assertThat(t).hasToString("nginx/0.2.0"));
    ProfileSource latestBase = v.source("base", RepositoryVersions.LATEST).orElseThrow();
    assertThat(git.resolve(latestBase).call().definition().name()).isEqualTo("base");
  }

  @Test
  void profilesOfOneRepositoryNestedTogetherCostOneFetch() throws Exception {
    Path own = tmp.resolve("own");
    try (ProfileRepoFixture top = ProfileRepoFixture.create(own.resolve("top.git"))) {
      String shared = server.url("profiles.git");
      top.profile("top", ProfileYamls.profile("top")
              .nestedTag("base", shared, "base/v1.0.0")
              .nestedTag("nginx", shared, "nginx/v0.1.0")
              .nestedTag("again", shared, "nginx/v0.1.0").toYaml())
          .commit("top").tag("top/v1.0.0");
      int before = server.packsSent();

      ResolvedProfile p = git.resolve(ProfileSource.ofTag(top.url(), "top/v1.0.0")).call();

      assertThat(p.nested()).containsOnlyKeys("base", "nginx", "again");
      assertThat(server.packsSent() - before).isEqualTo(1);
    }
  }

  @Test
  void aServerStoppedMidFetchFailsTypedAndLeavesAUsableCache() throws Exception {
    ProfileSource source = ProfileSource.ofTag(server.url("profiles.git"), "nginx/v0.1.0");
    server.stopDuringNextFetch(64 * 1024);
    try {
      assertThatThrownBy(() -> git.resolve(source).call())
          .isInstanceOf(TransportFailedException.class).hasCauseInstanceOf(Exception.class);
    } finally {
      server.start();
    }
    int before = server.packsSent();

    ResolvedProfile p = git.resolve(source).call();

    assertThat(p.directory().read("k/chart.tgz")).hasSize(1 << 20);
    assertThat(server.packsSent() - before).isEqualTo(1);
    assertThat(git.resolve(source).call().commit()).isEqualTo(p.commit());
    assertThat(server.packsSent() - before).isEqualTo(1);
  }

  static String stackTrace(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    return w.toString() + e;
  }
}
