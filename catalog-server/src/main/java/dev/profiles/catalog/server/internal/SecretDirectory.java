package dev.profiles.catalog.server.internal;

import dev.profiles.git.GitCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads git credentials for {@code secretRef}s from a directory laid out like mounted
 * Kubernetes Secrets, with Flux's key names: {@code DIR/<secret>/username} and {@code
 * password} for HTTPS, or {@code DIR/<secret>/identity} (a private key, optional {@code
 * passphrase}) with {@code known_hosts} for SSH.
 */
public final class SecretDirectory {
  private SecretDirectory() {}

  public static Map<String, GitCredentials> load(Path dir) throws IOException {
    Map<String, GitCredentials> out = new TreeMap<>();
    try (Stream<Path> secrets = Files.list(dir)) {
      for (Path secret : secrets.filter(Files::isDirectory).sorted().toList()) {
        var c = GitCredentials.builder();
        read(secret, "username").ifPresent(c::username);
        read(secret, "password").ifPresent(c::password);
        if (Files.isRegularFile(secret.resolve("identity"))) {
          c.sshPrivateKey(secret.resolve("identity"));
          read(secret, "passphrase").ifPresent(c::sshPassphrase);
        }
        if (Files.isRegularFile(secret.resolve("known_hosts"))) {
          c.knownHosts(secret.resolve("known_hosts"));
        }
        out.put(secret.getFileName().toString(), c.build());
      }
    }
    return out;
  }

  private static Optional<String> read(Path secret, String key) throws IOException {
    Path file = secret.resolve(key);
    // Mounted secrets often end with a newline that is not part of the value.
    return Files.isRegularFile(file)
        ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
        : Optional.empty();
  }
}
