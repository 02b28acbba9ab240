package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git's insteadOf / pushInsteadOf semantics, and reading them from git config files. */
class UrlRewritesTest {
  @TempDir Path tmp;

  @Test
  void theLongestMatchingPrefixWinsAndTiesGoToTheFirstRule() {
    UrlRewrites r = UrlRewrites.none()
        .withInsteadOf("https://mirror/all/", "https://github.com/")
        .withInsteadOf("file:///srv/weave/", "https://github.com/weaveworks/")
        .withInsteadOf("https://second/", "https://github.com/");

    assertThat(r.rewrite("https://github.com/weaveworks/profiles-examples"))
        .isEqualTo("file:///srv/weave/profiles-examples");
    assertThat(r.rewrite("https://github.com/other/repo"))
        .isEqualTo("https://mirror/all/other/repo");
    assertThat(r.rewrite("https://gitlab.com/x")).isEqualTo("https://gitlab.com/x");
    // Prefixes are compared as written, like git does.
    assertThat(r.rewrite("HTTPS://github.com/x")).isEqualTo("HTTPS://github.com/x");
  }

  @Test
  void aUrlIsRewrittenOnceNotAgainByTheResult() {
    UrlRewrites r = UrlRewrites.none().withInsteadOf("https://a/a/", "https://a/");

    assertThat(r.rewrite("https://a/x")).isEqualTo("https://a/a/x");
  }

  @Test
  void pushInsteadOfAppliesOnlyToPushesAndFallsBackToInsteadOf() {
    UrlRewrites r = UrlRewrites.none()
        .withInsteadOf("https://mirror/", "https://github.com/")
        .withPushInsteadOf("ssh://git@github.com/", "https://github.com/");

    assertThat(r.rewrite("https://github.com/org/gitops")).isEqualTo("https://mirror/org/gitops");
    assertThat(r.rewriteForPush("https://github.com/org/gitops"))
        .isEqualTo("ssh://git@github.com/org/gitops");
    UrlRewrites fetchOnly = UrlRewrites.none().withInsteadOf("https://mirror/", "https://gh/");
    assertThat(fetchOnly.rewriteForPush("https://gh/x")).isEqualTo("https://mirror/x");
  }

  @Test
  void readsRulesFromAGitConfigFileWithIncludes() throws Exception {
    Path included = tmp.resolve("more.gitconfig");
    Files.writeString(included,
        "[url \"file:///srv/mirror/\"]\n\tinsteadOf = https://example.com/\n");
    Path file = tmp.resolve("gitconfig");
    Files.writeString(file, "[include]\n\tpath = " + included + "\n"
        + "[url \"https://mirror.internal/\"]\n"
        + "\tinsteadOf = https://github.com/\n\tinsteadOf = git@github.com:\n"
        + "\tpushInsteadOf = https://push.example/\n"
        + "[user]\n\tname = someone\n");

    UrlRewrites r = UrlRewrites.fromGitConfig(file);

    assertThat(r.rewrite("git@github.com:org/repo.git"))
        .isEqualTo("https://mirror.internal/org/repo.git");
    assertThat(r.rewrite("https://github.com/org/repo"))
        .isEqualTo("https://mirror.internal/org/repo");
    assertThat(r.rewrite("https://example.com/x")).isEqualTo("file:///srv/mirror/x");
    assertThat(r.rewriteForPush("https://push.example/y")).isEqualTo("https://mirror.internal/y");
    assertThat(r.rewrite("https://push.example/y")).isEqualTo("https://push.example/y");
  }

  @Test
  void aMissingOrBrokenConfigFileIsAConfigurationError() throws Exception {
    assertThatThrownBy(() -> UrlRewrites.fromGitConfig(tmp.resolve("absent")))
        .isInstanceOf(ProfilesConfigurationException.class).hasMessageContaining("absent");
    Path broken = tmp.resolve("broken");
    Files.writeString(broken, "[url \"x\n");
    assertThatThrownBy(() -> UrlRewrites.fromGitConfig(broken))
        .isInstanceOf(ProfilesConfigurationException.class).hasMessageContaining("broken");
    assertThatThrownBy(() -> UrlRewrites.none().withInsteadOf("https://m/", ""))
        .isInstanceOf(ProfilesConfigurationException.class);
    assertThatThrownBy(() -> UrlRewrites.none().withInsteadOf("https://m/\n", "https://x/"))
        .isInstanceOf(ProfilesConfigurationException.class).hasMessageContaining("U+000A");
  }

  @Test
  void readsTheUsersGitConfigThroughJGitsSystemReader() throws Exception {
    Path user = tmp.resolve("home.gitconfig");
    Files.writeString(user, "[url \"file:///air-gap/\"]\n\tinsteadOf = https://github.com/\n");
    SystemReader original = SystemReader.getInstance();
    SystemReader.setInstance(new SystemReader.Delegate(original) {
      @Override
      public FileBasedConfig openUserConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, user.toFile(), fs);
      }

      @Override
      public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, tmp.resolve("no-system").toFile(), fs);
      }

      @Override
      public FileBasedConfig openJGitConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, tmp.resolve("no-jgit").toFile(), fs);
      }
    });
    try {
      assertThat(UrlRewrites.fromUserGitConfig().rewrite("https://github.com/a/b"))
          .isEqualTo("file:///air-gap/a/b");
    } finally {
      SystemReader.setInstance(original);
    }
  }

  @Test
  void toStringShowsNoCredentials() {
    UrlRewrites r =
        UrlRewrites.none().withInsteadOf("https://bob:t0ken-s3cret@mirror/", "https://gh/");

    assertThat(r.toString()).doesNotContain("t0ken-s3cret").contains("https://mirror/");
  }
}
