package dev.profiles.pullrequests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesConfigurationException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The factory: host detection from remote URLs, derived API URLs, and refused input. */
class PullRequestProvidersTest {
  @Test
  void publicHostsAreDetectedFromEveryRemoteForm() {
    assertThat(PullRequestProviders.detect("https://github.com/acme/gitops.git"))
        .contains(PullRequestHost.GITHUB);
    assertThat(PullRequestProviders.detect("git@github.com:acme/gitops.git"))
        .contains(PullRequestHost.GITHUB);
    assertThat(PullRequestProviders.detect("ssh://git@gitlab.com/platform/team/gitops.git"))
        .contains(PullRequestHost.GITLAB);
    assertThat(PullRequestProviders.detect("https://codeberg.org/acme/gitops"))
        .contains(PullRequestHost.GITEA);
    assertThat(PullRequestProviders.detect("https://git.example.com/acme/gitops.git"))
        .isEmpty();
    assertThat(PullRequestProviders.detect("/srv/git/gitops.git")).isEmpty();
  }

  @Test
  void theApiUrlAndRepositoryComeFromTheRemote() {
    assertThat(PullRequestProviders.forRepository("git@github.com:acme/gitops.git", "t0k3n-abc")
        .toString()).isEqualTo("GitHub pull requests of acme/gitops at api.github.com");
    assertThat(PullRequestProviders.forRepository(
        "https://user:secret@gitlab.com/platform/team/gitops.git", "x").toString())
        .isEqualTo("GitLab merge requests of platform/team/gitops at gitlab.com");
    assertThat(PullRequestProviders.builder().host(PullRequestHost.GITHUB)
        .remote("https://ghe.example.com/acme/gitops.git").build().toString())
        .contains("at ghe.example.com");
    assertThat(PullRequestProviders.builder().host(PullRequestHost.GITEA)
        .remote("https://git.example.com:3000/acme/gitops.git").build().toString())
        .contains("at git.example.com:3000");
  }

  @Test
  void aSelfHostedRemoteNeedsItsKind() {
    assertThatThrownBy(() -> PullRequestProviders.forRepository(
        "https://git.example.com/acme/gitops.git", "t"))
        .isInstanceOf(ProfilesConfigurationException.class)
        .hasMessageContaining("cannot tell which kind of git host 'git.example.com'");
  }

  @Test
  void repositoriesOfTheWrongShapeAreRefused() {
    for (String repo : new String[] {"acme", "acme/", "/gitops", "a/b/c", "a/../b", "a/ b"}) {
      assertThatThrownBy(() -> PullRequestProviders.builder().host(PullRequestHost.GITHUB)
          .apiUrl(URI.create("https://api.github.com")).repository(repo).build())
          .as(repo).isInstanceOf(ProfilesConfigurationException.class)
          .hasMessageContaining("the repository");
    }
    assertThat(PullRequestProviders.builder().host(PullRequestHost.GITLAB)
        .apiUrl(URI.create("https://gitlab.com")).repository("a/b/c").build()).isNotNull();
  }

  @Test
  void apiUrlsWithCredentialsOrQueriesAreRefusedWithoutShowingThem() {
    assertThatThrownBy(() -> PullRequestProviders.builder().host(PullRequestHost.GITEA)
        .apiUrl(URI.create("https://bot:hunter22@git.example.com")).repository("a/b").build())
        .isInstanceOf(ProfilesConfigurationException.class)
        .hasMessageContaining("no user-info").hasMessageNotContaining("hunter22");
    assertThatThrownBy(() -> PullRequestProviders.builder().host(PullRequestHost.GITEA)
        .apiUrl(URI.create("ftp://git.example.com")).repository("a/b").build())
        .isInstanceOf(ProfilesConfigurationException.class);
    assertThatThrownBy(() -> PullRequestProviders.builder().repository("a/b").build())
        .isInstanceOf(ProfilesConfigurationException.class)
        .hasMessageContaining("needs a remote URL or a host kind");
  }

  @Test
  void tokensComeFromTheHostsVariableThenGitToken() {
    assertThat(PullRequestProviders.token(PullRequestHost.GITLAB,
        Map.of("GITLAB_TOKEN", "gl", "GIT_TOKEN", "g"))).isEqualTo("gl");
    assertThat(PullRequestProviders.token(PullRequestHost.GITEA, Map.of("GIT_TOKEN", "g")))
        .isEqualTo("g");
    assertThat(PullRequestProviders.token(PullRequestHost.BITBUCKET_SERVER,
        Map.of("GITHUB_TOKEN", "gh"))).isEmpty();
  }

  @Test
  void hostNamesParse() {
    assertThat(PullRequestHost.named("GitHub")).isEqualTo(PullRequestHost.GITHUB);
    assertThat(PullRequestHost.named("bitbucket-server"))
        .isEqualTo(PullRequestHost.BITBUCKET_SERVER);
    assertThatThrownBy(() -> PullRequestHost.named("sourcehut"))
        .isInstanceOf(ProfilesConfigurationException.class)
        .hasMessageContaining("expected github, gitlab, gitea");
  }
}
