package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.AuthenticationFailedException;
import dev.profiles.core.resolve.ChangedHostKeyException;
import dev.profiles.core.resolve.RepositoryNotFoundException;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.resolve.UnknownHostKeyException;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.GitSshServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolution over SSH (Apache MINA sshd on loopback, key auth, strict known_hosts), including a
 * profile tree spanning three repositories reached over SSH and smart HTTP with credentials.
 */
class SshResolutionTest {
  private static final String PASSPHRASE = "correct-horse-battery";

  @TempDir static Path dir;
  private static GitSshServer ssh;
  private static GitHttpServer http;
  private static Path key;
  private static Path knownHosts;

  @BeforeAll
  static void start() throws Exception {
    Path sshRepos = Files.createDirectories(dir.resolve("ssh-repos"));
    Path httpRepos = Files.createDirectories(dir.resolve("http-repos"));
    ssh = GitSshServer.start(sshRepos);
    http = GitHttpServer.builder(httpRepos).basicAuth("alice", "t0ken-t0ken").start();
    try (ProfileRepoFixture top = ProfileRepoFixture.create(sshRepos.resolve("org/top.git"));
        ProfileRepoFixture mid = ProfileRepoFixture.create(httpRepos.resolve("mid.git"));
        ProfileRepoFixture leaf = ProfileRepoFixture.create(sshRepos.resolve("org/leaf.git"))) {
      leaf.profile("leaf", ProfileYamls.profile("leaf").kustomize("k", "k").toYaml())
          .file("leaf/k/cm.yaml", "kind: ConfigMap\n").commit("leaf").tag("leaf/v1.0.0");
      mid.profile("mid", ProfileYamls.profile("mid")
              .nestedTag("leaf", ssh.url("org/leaf.git"), "leaf/v1.0.0").toYaml())
          .commit("mid").tag("mid/v1.0.0");
      top.profile("top", ProfileYamls.profile("top").kustomize("k", "k")
              .nestedTag("mid", http.url("mid.git"), "mid/v1.0.0").toYaml())
          .file("top/k/a.yaml", "a").commit("top").tag("top/v1.0.0");
    }
    KeyPair user = GitSshServer.generateKeyPair();
    ssh.authorize(user.getPublic());
    key = GitSshServer.writePrivateKey(user, dir.resolve("id_ecdsa"), PASSPHRASE);
    knownHosts = ssh.writeKnownHosts(dir.resolve("known_hosts"));
  }

  @AfterAll
  static void stop() {
    ssh.close();
    http.close();
  }

  private static GitCredentials credentials() {
    return GitCredentials.basic("alice", "t0ken-t0ken")
        .withSshKey(key, Optional.of(PASSPHRASE), knownHosts);
  }

  private GitProfiles git(Path cache, GitCredentials credentials) {
    return GitProfiles.builder().allowHttp(true).cacheDirectory(cache).credentials(credentials)
        .build();
  }

  @Test
  void resolvesATreeAcrossThreeRepositoriesOverSshAndHttp(@TempDir Path cache) throws Exception {
    try (GitProfiles git = git(cache, credentials())) {
      ResolvedProfile top =
          git.resolve(ProfileSource.ofTag(ssh.url("org/top.git"), "top/v1.0.0")).call();

      ResolvedProfile mid = top.nested("mid").orElseThrow();
      ResolvedProfile leaf = mid.nested("leaf").orElseThrow();
      assertThat(top.definition().name()).isEqualTo("top");
      assertThat(mid.source().url()).isEqualTo(http.url("mid.git"));
      assertThat(leaf.directory().read("k/cm.yaml")).asString().isEqualTo("kind: ConfigMap\n");
      assertThat(leaf.commit()).hasSize(40);
    }
  }

  @Test
  void scpLikeUrlsWorkThroughAnSshConfigAlias(@TempDir Path cache) throws Exception {
    Path config = Files.writeString(dir.resolve("ssh-config"),
        "Host gitserver\n  HostName 127.0.0.1\n  Port " + ssh.port() + "\n  User git\n");
    try (GitProfiles git = GitProfiles.builder().cacheDirectory(cache).credentials(credentials())
        .sshConfig(config).build()) {
      ResolvedProfile leaf =
          git.resolve(ProfileSource.ofTag("git@gitserver:org/leaf.git", "leaf/v1.0.0")).call();
      assertThat(leaf.definition().name()).isEqualTo("leaf");
      assertThat(git.listVersions("git@gitserver:org/leaf.git").call().latest("leaf"))
          .isPresent();
    }
  }

  @Test
  void anUnknownHostKeyIsRefused(@TempDir Path cache) throws Exception {
    Path empty = Files.writeString(dir.resolve("known_hosts_empty"), "");
    GitCredentials c = credentials().withSshKey(key, Optional.of(PASSPHRASE), empty);
    try (GitProfiles git = git(cache, c)) {
      assertThatThrownBy(() -> git.listVersions(ssh.url("org/leaf.git")).call())
          .isInstanceOf(UnknownHostKeyException.class)
          .hasMessageContaining("[127.0.0.1]:" + ssh.port());
    }
  }

  @Test
  void aChangedHostKeyIsRefused(@TempDir Path cache) throws Exception {
    try (GitSshServer impostor = GitSshServer.start(dir.resolve("ssh-repos"))) {
      String line = impostor.knownHostsLine().replace(":" + impostor.port() + " ",
          ":" + ssh.port() + " ");
      Path other = Files.writeString(dir.resolve("known_hosts_other"), line + "\n");
      GitCredentials c = credentials().withSshKey(key, Optional.of(PASSPHRASE), other);
      try (GitProfiles git = git(cache, c)) {
        assertThatThrownBy(() -> git.resolve(
            ProfileSource.ofTag(ssh.url("org/leaf.git"), "leaf/v1.0.0")).call())
            .isInstanceOf(ChangedHostKeyException.class);
      }
    }
  }

  @Test
  void aKeyTheServerDoesNotKnowIsAnAuthenticationFailure(@TempDir Path cache) {
    Path stranger = GitSshServer.writePrivateKey(GitSshServer.generateKeyPair(),
        dir.resolve("id_stranger"), "");
    try (GitProfiles git = git(cache,
        GitCredentials.builder().sshPrivateKey(stranger).knownHosts(knownHosts).build())) {
      assertThatThrownBy(() -> git.listVersions(ssh.url("org/leaf.git")).call())
          .isInstanceOf(AuthenticationFailedException.class);
    }
  }

  @Test
  void aWrongPassphraseIsAnAuthenticationFailureThatDoesNotLeakIt(@TempDir Path cache) {
    String wrong = "not-the-passphrase";
    try (GitProfiles git = git(cache, credentials().withSshKey(key, Optional.of(wrong),
        knownHosts))) {
      assertThatThrownBy(() -> git.listVersions(ssh.url("org/leaf.git")).call())
          .isInstanceOf(AuthenticationFailedException.class)
          .satisfies(e -> assertThat(HttpResolutionTest.stackTrace(e)).doesNotContain(wrong));
    }
  }

  @Test
  void aMissingRepositoryOverSshIsTyped(@TempDir Path cache) {
    try (GitProfiles git = git(cache, credentials())) {
      assertThatThrownBy(() -> git.listVersions(ssh.url("org/nope.git")).call())
          .isInstanceOf(RepositoryNotFoundException.class);
    }
  }
}
