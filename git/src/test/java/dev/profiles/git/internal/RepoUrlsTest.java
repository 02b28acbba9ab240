package dev.profiles.git.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.git.GitCredentials;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RepoUrlsTest {
  @Test
  void spellingsOfOneRepositoryShareACacheEntry() {
    String[] same = {"https://github.com/org/profiles", "https://GitHub.com/org/profiles.git",
        "https://bob:token@github.com/org/profiles/"};
    for (String url : same) {
      assertThat(RepoUrls.cacheName(url)).isEqualTo(RepoUrls.cacheName(same[0]));
    }
    assertThat(RepoUrls.canonical("git@github.com:org/profiles.git"))
        .isEqualTo(RepoUrls.canonical("ssh://git@github.com/org/profiles"))
        .isEqualTo("ssh://github.com/org/profiles");
    assertThat(RepoUrls.cacheName("https://github.com/org/other"))
        .isNotEqualTo(RepoUrls.cacheName(same[0]));
  }

  @Test
  void userInfoEndsAtTheLastAtSignInCacheKeysToo() {
    assertThat(RepoUrls.canonical("https://bob:p@ss:w0rd@GitHub.com/org/profiles.git"))
        .isEqualTo("https://github.com/org/profiles");
    assertThat(RepoUrls.canonical("git:p@ss@github.com:org/profiles.git"))
        .isEqualTo("ssh://github.com/org/profiles");
    assertThat(RepoUrls.cacheName("u:p@ss@github.com:org/profiles"))
        .isEqualTo(RepoUrls.cacheName("ssh://github.com/org/profiles"))
        .doesNotContain("ss-github");
    assertThat(RepoUrls.canonical("/srv/me@work/profiles.git")).isEqualTo("/srv/me@work/profiles");
  }

  @Test
  void jgitMessagesLoseUserInfoWhereverItStands() {
    Secrets s = Secrets.of("https://u:p@ss#w0rd@127.0.0.1:1/x", GitCredentials.none());
    assertThat(s.text("https://u@127.0.0.1:1/x: not authorized; see https://a:b@c/d"))
        .isEqualTo("https://127.0.0.1:1/x: not authorized; see https://c/d");
    assertThat(s.text("auth for p@ss#w0rd failed; also p%40ss%23w0rd"))
        .doesNotContain("ss#w0rd", "p%40ss");
  }

  @Test
  void credentialsNeverShowTheirSecrets() {
    GitCredentials c = GitCredentials.basic("bob", "hunter22")
        .withSshKey(Path.of("/k"), java.util.Optional.of("passphrase!"), Path.of("/kh"));
    assertThat(c.toString()).contains("bob", "/k").doesNotContain("hunter22", "passphrase!");
  }

  @Test
  void secretsAreScrubbedFromMessagesAndCauses() {
    Secrets s = Secrets.of("https://bob:hunter22@host/r", GitCredentials.none());
    Exception e = new RuntimeException("https://bob:hunter22@host/r: not authorized",
        new IllegalStateException("hunter22"));
    Throwable scrubbed = s.scrub(e);
    assertThat(scrubbed.toString() + scrubbed.getCause()).doesNotContain("hunter22");
    assertThat(scrubbed.getStackTrace()).isEqualTo(e.getStackTrace());
  }
}
