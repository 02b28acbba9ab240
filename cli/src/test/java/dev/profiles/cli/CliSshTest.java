package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.testing.git.GitSshServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import dev.profiles.testing.git.SshAgent;
import dev.profiles.testing.junit.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSH credentials the way git users have them, against a real SSH git server on loopback:
 * ssh's default keys and known_hosts under HOME, --ssh-key, a passphrase from the environment,
 * strict host keys; no passphrase or token ever printed, even with --verbose.
 */
class CliSshTest {
  private static final String PASSPHRASE = "correct-horse-battery-staple";
  private static final String TOKEN = "ghp-token-never-shown";

  @TempDir
  Path tmp;
  GitSshServer ssh;
  KeyPair user;
  Path home;
  Path dotSsh;

  @BeforeEach
  void setUp() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("srv"));
    ssh = GitSshServer.start(root);
    try (ProfileRepoFixture up = ProfileRepoFixture.create(root.resolve("profiles.git"))) {
      up.file("app/m/deploy.yaml", "image: app:1.0\n")
          .profile("app", ProfileYamls.profile("app").kustomize("web", "m").toYaml())
          .commit("v1").tag("app/v1.0.0");
    }
    user = GitSshServer.generateKeyPair();
    ssh.authorize(user.getPublic());
    home = tmp.resolve("home");
    dotSsh = Files.createDirectories(home.resolve(".ssh"));
  }

  @AfterEach
  void tearDown() {
    ssh.close();
  }

  private Cli.Run render(Map<String, String> extraEnv, String... flags) {
    Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(), "GIT_TOKEN", TOKEN));
    env.putAll(extraEnv);
    List<String> args = new ArrayList<>(List.of("render", "--name", "inst",
        "--profile-repo-url", ssh.url("profiles.git"), "--profile-tag", "app/v1.0.0",
        "--profile-path", "app", "--git-repository", "a/b", "--no-progress"));
    args.addAll(List.of(flags));
    return Cli.run(tmp.resolve("cache-" + System.nanoTime()), env, List.of(PASSPHRASE, TOKEN),
        args.toArray(String[]::new));
  }

  private static void renders(Cli.Run r) {
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("# Source: inst/artifacts/web/m/deploy.yaml\nimage: app:1.0\n");
  }

  private static void failsInOneLine(Cli.Run r, String... contains) {
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("error: ").contains(contains);
  }

  @Test
  void sshsDefaultKeyAndKnownHostsUnderHomeAreUsed() {
    ssh.writeKnownHosts(dotSsh.resolve("known_hosts"));
    // No key yet: the server refuses us.
    failsInOneLine(render(Map.of()), "authentication failed");
    GitSshServer.writePrivateKey(user, dotSsh.resolve("id_ecdsa"), "");
    renders(render(Map.of()));
    // id_ed25519 comes first, as with ssh: a stranger's key there is the one tried.
    GitSshServer.writePrivateKey(GitSshServer.generateKeyPair(), dotSsh.resolve("id_ed25519"),
        "");
    failsInOneLine(render(Map.of()), "authentication failed");
  }

  @Test
  void aKeyHeldByTheSshAgentNamedInSshAuthSockAuthenticates() throws Exception {
    Prerequisites.require(Prerequisites.onPath("ssh-agent") && Prerequisites.onPath("ssh-add"),
        "ssh-agent and ssh-add (Debian's openssh-client) for the SSH agent test");
    ssh.writeKnownHosts(dotSsh.resolve("known_hosts"));
    Path key = GitSshServer.writePrivateKey(user, tmp.resolve("agent-key"), "");
    try (SshAgent agent = SshAgent.start(tmp).add(key)) {
      Path socket = agent.socket();
      Files.delete(key);

      failsInOneLine(render(Map.of()), "authentication failed");
      renders(render(Map.of("SSH_AUTH_SOCK", socket.toString())));
      // A stranger's default key is offered first, then the agent's, as ssh does.
      GitSshServer.writePrivateKey(GitSshServer.generateKeyPair(), dotSsh.resolve("id_ecdsa"),
          "");
      renders(render(Map.of("SSH_AUTH_SOCK", socket.toString())));
      failsInOneLine(render(Map.of("SSH_AUTH_SOCK", "")), "authentication failed");
    }
  }

  @Test
  void anExplicitKeyWithItsPassphraseFromTheEnvironment() {
    Path keys = tmp.resolve("keys");
    Path key = GitSshServer.writePrivateKey(user, tmp.resolve("deploy-key"), PASSPHRASE);
    Path known = ssh.writeKnownHosts(tmp.resolve("trusted-hosts"));
    renders(render(Map.of("SSH_PASSPHRASE", PASSPHRASE), "--ssh-key", key.toString(),
        "--known-hosts", known.toString(), "-v"));
    renders(render(Map.of("DEPLOY_KEY_PASS", PASSPHRASE), "--ssh-key", key.toString(),
        "--known-hosts", known.toString(), "--ssh-passphrase-env", "DEPLOY_KEY_PASS"));
    // Without the passphrase, and with a wrong one: refused, and nothing secret printed.
    failsInOneLine(render(Map.of(), "--ssh-key", key.toString(), "--known-hosts",
        known.toString()), "authentication failed");
    Cli.Run wrong = render(Map.of("SSH_PASSPHRASE", "wrong-" + PASSPHRASE), "--ssh-key",
        key.toString(), "--known-hosts", known.toString(), "-v");
    assertThat(wrong.code()).isEqualTo(Main.ERROR);
    assertThat(wrong.err()).startsWith("error: authentication failed")
        .doesNotContain("wrong-" + PASSPHRASE);
    assertThat(keys).doesNotExist();
  }

  @Test
  void anUnknownHostIsRefusedInOneLocatedLine() throws Exception {
    GitSshServer.writePrivateKey(user, dotSsh.resolve("id_ecdsa"), "");
    // No known_hosts at all, then one that knows another server only.
    failsInOneLine(render(Map.of()), "unknown host key for [127.0.0.1]:" + ssh.port(),
        "known_hosts");
    try (GitSshServer other = GitSshServer.start(tmp.resolve("srv"))) {
      other.writeKnownHosts(dotSsh.resolve("known_hosts"));
    }
    failsInOneLine(render(Map.of()), "unknown host key for [127.0.0.1]:" + ssh.port());
  }

  @Test
  void aChangedHostKeyIsRefused() throws Exception {
    GitSshServer.writePrivateKey(user, dotSsh.resolve("id_ecdsa"), "");
    try (GitSshServer impostor = GitSshServer.start(tmp.resolve("srv"))) {
      String line = impostor.knownHostsLine().replace(":" + impostor.port() + " ",
          ":" + ssh.port() + " ");
      Files.writeString(dotSsh.resolve("known_hosts"), line + "\n");
    }
    failsInOneLine(render(Map.of()), "host key for [127.0.0.1]:" + ssh.port(),
        "does not match known_hosts");
  }

  @Test
  void aKeyTheServerDoesNotKnowFailsAuthentication() {
    ssh.writeKnownHosts(dotSsh.resolve("known_hosts"));
    Path stranger = GitSshServer.writePrivateKey(GitSshServer.generateKeyPair(),
        tmp.resolve("stranger"), PASSPHRASE);
    failsInOneLine(render(Map.of("SSH_PASSPHRASE", PASSPHRASE), "--ssh-key",
        stranger.toString()), "authentication failed", ssh.url("profiles.git"));
  }

  @Test
  void badCredentialFlagsNameTheFlagAndTheExpectedForm() throws Exception {
    Cli.Run missing = render(Map.of(), "--ssh-key", tmp.resolve("nope").toString());
    assertThat(missing.code()).isEqualTo(Main.USAGE);
    assertThat(missing.err()).contains("'--ssh-key'").contains("not a readable file")
        .contains("expected FILE");
    Cli.Run dir = render(Map.of(), "--known-hosts", tmp.toString());
    assertThat(dir.code()).isEqualTo(Main.USAGE);
    assertThat(dir.err()).contains("'--known-hosts'").contains("not a readable file");
    for (String bad : new String[] {"1ABC", "A-B", "A=B", "", "X Y"}) {
      Cli.Run name = render(Map.of(), "--ssh-passphrase-env", bad);
      assertThat(name.code()).as(bad).isEqualTo(Main.USAGE);
      assertThat(name.err()).contains("'--ssh-passphrase-env'")
          .contains("not an environment variable name").contains("expected NAME");
    }
    Cli.Run unset = render(Map.of(), "--ssh-passphrase-env", "NOT_SET_ANYWHERE");
    assertThat(unset.code()).isEqualTo(Main.USAGE);
    assertThat(unset.err()).contains("'--ssh-passphrase-env'")
        .contains("'NOT_SET_ANYWHERE' is not set");
  }
}
