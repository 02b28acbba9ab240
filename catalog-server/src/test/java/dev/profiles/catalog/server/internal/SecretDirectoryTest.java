package dev.profiles.catalog.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.git.GitCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretDirectoryTest {
  @TempDir
  Path dir;

  @Test
  void readsHttpsAndSshSecretsLikeMountedKubernetesSecrets() throws Exception {
    Path https = Files.createDirectories(dir.resolve("https-creds"));
    Files.writeString(https.resolve("username"), "bot\n");
    Files.writeString(https.resolve("password"), "s3cret\n");
    Path ssh = Files.createDirectories(dir.resolve("ssh-creds"));
    Files.writeString(ssh.resolve("identity"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
    Files.writeString(ssh.resolve("known_hosts"), "github.com ssh-ed25519 AAAA\n");
    Files.writeString(dir.resolve("stray-file"), "ignored");

    Map<String, GitCredentials> secrets = SecretDirectory.load(dir);

    assertThat(secrets).containsOnlyKeys("https-creds", "ssh-creds");
    assertThat(secrets.get("https-creds").username()).contains("bot");
    assertThat(secrets.get("https-creds").password()).contains("s3cret");
    assertThat(secrets.get("https-creds").toString()).doesNotContain("s3cret");
    assertThat(secrets.get("ssh-creds").sshPrivateKey()).contains(ssh.resolve("identity"));
    assertThat(secrets.get("ssh-creds").knownHosts()).contains(ssh.resolve("known_hosts"));
    assertThat(secrets.get("ssh-creds").password()).isEmpty();
  }
}
