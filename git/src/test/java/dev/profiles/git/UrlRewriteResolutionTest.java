package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.resolve.UntrustedSourceException;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * insteadOf rules on {@link GitProfiles}: profiles installed from a mirror or a local clone
 * while the URLs they are known by (and recorded with) stay the original ones. The original
 * hosts are under {@code .invalid}, which never resolves: reading one would fail the test.
 */
class UrlRewriteResolutionTest {
  private static final String GITHUB = "https://github.invalid/";
  private static final String EXAMPLES = GITHUB + "weaveworks/profiles-examples";

  @TempDir Path tmp;
  private ProfileRepoFixture mirror;

  @BeforeEach
  void setUp() {
    mirror = ProfileRepoFixture.create(tmp.resolve("mirror/weaveworks/profiles-examples"));
    mirror.profile("base", ProfileYamls.profile("base").kustomize("k", "k").toYaml())
        .file("base/k/cm.yaml", "kind: ConfigMap\n")
        .profile("nginx", ProfileYamls.profile("nginx")
            .nestedTag("base", EXAMPLES, "base/v1.0.0").toYaml())
        .profile("sneaky", ProfileYamls.profile("sneaky")
            .nestedTag("base", mirror.url(), "base/v1.0.0").toYaml())
        .commit("examples").tag("base/v1.0.0").tag("nginx/v1.0.0").tag("sneaky/v1.0.0");
  }

  @AfterEach
  void tearDown() {
    mirror.close();
  }

  private String mirrorRoot() {
    return tmp.resolve("mirror").toUri().toString(); // file:///.../mirror/
  }

  @Test
  void installsFromALocalMirrorAndKeepsTheOriginalUrls() throws Exception {
    try (GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("cache"))
        .insteadOf(mirrorRoot(), GITHUB).build()) {
      ResolvedProfile nginx = git.resolve(ProfileSource.ofTag(EXAMPLES, "nginx/v1.0.0")).call();

      assertThat(nginx.source().url()).isEqualTo(EXAMPLES);
      ResolvedProfile base = nginx.nested("base").orElseThrow();
      assertThat(base.source().url()).isEqualTo(EXAMPLES);
      assertThat(base.directory().read("k/cm.yaml")).asString().isEqualTo("kind: ConfigMap\n");
      assertThat(git.listVersions(EXAMPLES).call().profileNames()).contains("nginx", "base");
      assertThat(git.listVersions(EXAMPLES).call().url()).isEqualTo(EXAMPLES);
    }
  }

  @Test
  void aRewriteToAMirrorDoesNotMakeTheRemoteProfileLocal() {
    try (GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("cache"))
        .insteadOf(mirrorRoot(), GITHUB).build()) {
      // sneaky, known by its https URL, names a file:// source: judged by the URL as written.
      assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(EXAMPLES, "sneaky/v1.0.0")).call())
          .isInstanceOf(UntrustedSourceException.class)
          .hasMessageContaining("nested profile 'base'").hasMessageContaining(EXAMPLES);
    }
  }

  @Test
  void nestedSourcesAreRewrittenTooFromALocalRoot() throws Exception {
    try (ProfileRepoFixture top = ProfileRepoFixture.create(tmp.resolve("own/top.git"))) {
      top.profile("top", ProfileYamls.profile("top").nestedTag("nginx", EXAMPLES, "nginx/v1.0.0")
              .toYaml())
          .commit("top").tag("top/v1.0.0");
      try (GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("cache"))
          .insteadOf(mirrorRoot(), GITHUB).build()) {
        ResolvedProfile p = git.resolve(ProfileSource.ofTag(top.url(), "top/v1.0.0")).call();

        ResolvedProfile nginx = p.nested("nginx").orElseThrow();
        assertThat(nginx.source().url()).isEqualTo(EXAMPLES);
        assertThat(nginx.nested("base").orElseThrow().definition().name()).isEqualTo("base");
      }
    }
  }

  @Test
  void theLongestMatchingPrefixWins() throws Exception {
    try (ProfileRepoFixture special = ProfileRepoFixture.create(tmp.resolve("special.git"))) {
      special.profile("base", ProfileYamls.profile("base").kustomize("k", "k").toYaml())
          .file("base/k/cm.yaml", "kind: Special\n").commit("special").tag("base/v1.0.0");
      try (GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("cache"))
          .insteadOf(mirrorRoot(), GITHUB)
          .insteadOf(special.url(), EXAMPLES)
          .insteadOf("https://nowhere.invalid/", "https://github.invalid/weave")
          .build()) {
        ResolvedProfile base = git.resolve(ProfileSource.ofTag(EXAMPLES, "base/v1.0.0")).call();
        assertThat(base.directory().read("k/cm.yaml")).asString().isEqualTo("kind: Special\n");
      }
    }
  }

  @Test
  void installsThroughALoopbackHttpMirrorReadFromAGitConfigFile() throws Exception {
    try (GitHttpServer server = GitHttpServer.builder(tmp.resolve("mirror")).start()) {
      String mirrorBase = server.url("");
      Path config = Files.writeString(tmp.resolve("gitconfig"),
          "[url \"" + mirrorBase + "\"]\n\tinsteadOf = " + GITHUB + "\n");
      try (GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("cache"))
          .allowHttp(true).gitConfig(config).build()) {
        int before = server.uploadPackRequests();
        ResolvedProfile nginx = git.resolve(ProfileSource.ofTag(EXAMPLES, "nginx/v1.0.0")).call();
        assertThat(nginx.source().url()).isEqualTo(EXAMPLES);
        assertThat(server.uploadPackRequests()).isGreaterThan(before);
      }
      // The rewritten URL is judged too: plain http needs the opt-in even behind a rewrite.
      try (GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("cache2"))
          .gitConfig(config).build()) {
        assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(EXAMPLES, "nginx/v1.0.0")).call())
            .isInstanceOf(UntrustedSourceException.class)
            .hasMessageContaining("rewritten").hasMessageContaining("plain http");
        assertThatThrownBy(() -> git.listVersions(EXAMPLES).call())
            .isInstanceOf(UntrustedSourceException.class);
      }
      assertThat(tmp.resolve("cache2")).doesNotExist();
    }
  }

  @Test
  void aRewriteToARefusedUrlIsRefused() {
    try (GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("cache"))
        .insteadOf("ext::sh -c touch% /tmp/pwned% ", GITHUB).build()) {
      assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(EXAMPLES, "nginx/v1.0.0")).call())
          .isInstanceOf(UntrustedSourceException.class).hasMessageContaining("remote helper");
    }
    assertThat(tmp.resolve("cache")).doesNotExist();
  }

  @Test
  void pushInsteadOfIsOnlyForPushes() throws Exception {
    try (GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("cache"))
        .insteadOf(mirrorRoot(), GITHUB)
        .pushInsteadOf("https://push.invalid/", GITHUB).build()) {
      // Resolution reads from the insteadOf target; the pushInsteadOf one is never read.
      assertThat(git.resolve(ProfileSource.ofTag(EXAMPLES, "base/v1.0.0")).call().commit())
          .isEqualTo(mirror.lastCommit());
      assertThat(git.urlRewrites().rewriteForPush(EXAMPLES))
          .isEqualTo("https://push.invalid/weaveworks/profiles-examples");
      assertThat(git.urlRewrites().rewrite(EXAMPLES))
          .isEqualTo(mirrorRoot() + "weaveworks/profiles-examples");
    }
  }
}
