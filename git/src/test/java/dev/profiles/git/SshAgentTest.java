package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.AuthenticationFailedException;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.testing.git.GitSshServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import dev.profiles.testing.git.SshAgent;
import dev.profiles.testing.junit.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSH authentication with a key held only by a real ssh-agent (OpenSSH's, on a socket in a
 * temporary directory, loaded with ssh-add: the test kit's {@link SshAgent}): the agent is used
 * when {@link GitCredentials#sshAgent()} names its socket, and never otherwise.
 */
class SshAgentTest {
  @TempDir static Path dir;
  private static GitSshServer ssh;
  private static SshAgent agent;
  private static Path socket;
  private static Path knownHosts;

  @BeforeAll
  static void start() throws Exception {
    Prerequisites.require(Prerequisites.onPath("ssh-agent") && Prerequisites.onPath("ssh-add"),
        "ssh-agent and ssh-add (Debian's openssh-client) for the SSH agent tests");
    Path repos = Files.createDirectories(dir.resolve("repos"));
    ssh = GitSshServer.start(repos);
    try (ProfileRepoFixture leaf = ProfileRepoFixture.create(repos.resolve("org/leaf.git"))) {
      leaf.profile("leaf", ProfileYamls.profile("leaf").kustomize("k", "k").toYaml())
          .file("leaf/k/cm.yaml", "kind: ConfigMap\n").commit("leaf").tag("leaf/v1.0.0");
    }
    KeyPair user = GitSshServer.generateKeyPair();
    ssh.authorize(user.getPublic());
    Path key = GitSshServer.writePrivateKey(user, dir.resolve("id_ecdsa"), "");
    knownHosts = ssh.writeKnownHosts(dir.resolve("known_hosts"));

    agent = SshAgent.start(dir).add(key);
    socket = agent.socket();
    // The key is in the agent only from here on.
    Files.delete(key);
  }

  @AfterAll
  static void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (ssh != null) {
      ssh.close();
    }
  }

  private static GitProfiles git(Path cache, GitCredentials credentials) {
    return GitProfiles.builder().cacheDirectory(cache).credentials(credentials).build();
  }

  @Test
  void aKeyHeldByTheAgentAuthenticates(@TempDir Path cache) throws Exception {
    GitCredentials c = GitCredentials.builder().sshAgent(socket).knownHosts(knownHosts).build();
    try (GitProfiles git = git(cache, c)) {
      ResolvedProfile leaf =
          git.resolve(ProfileSource.ofTag(ssh.url("org/leaf.git"), "leaf/v1.0.0")).call();

      assertThat(leaf.directory().read("k/cm.yaml")).asString().isEqualTo("kind: ConfigMap\n");
      assertThat(git.listVersions(ssh.url("org/leaf.git")).call().latest("leaf")).isPresent();
    }
    assertThat(c.toString()).contains("sshAgent=" + socket);
  }

  @Test
  void withoutTheAgentSocketTheAgentIsNotAsked(@TempDir Path cache) {
    try (GitProfiles git = git(cache,
        GitCredentials.builder().knownHosts(knownHosts).build())) {
      assertThatThrownBy(() -> git.listVersions(ssh.url("org/leaf.git")).call())
          .isInstanceOf(AuthenticationFailedException.class);
    }
  }

  @Test
  void aSocketWithNoAgentIsNoAgentAndATypedFailure(@TempDir Path cache) {
    GitCredentials c = GitCredentials.builder().sshAgent(dir.resolve("no-agent.sock"))
        .knownHosts(knownHosts).build();
    try (GitProfiles git = git(cache, c)) {
      assertThatThrownBy(() -> git.listVersions(ssh.url("org/leaf.git")).call())
          .isInstanceOf(AuthenticationFailedException.class);
    }
  }

  @Test
  void aSocketThatIsNotAnAgentFailsTyped(@TempDir Path cache) throws Exception {
    Path notASocket = Files.writeString(dir.resolve("plain-file.sock"), "not an agent");
    GitCredentials c = GitCredentials.builder().sshAgent(notASocket).knownHosts(knownHosts)
        .build();
    try (GitProfiles git = git(cache, c)) {
      assertThatThrownBy(() -> git.listVersions(ssh.url("org/leaf.git")).call())
          .isInstanceOf(dev.profiles.core.resolve.ResolveException.class)
          .hasMessageNotContaining("Exception:");
    }
  }
}
