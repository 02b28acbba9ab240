package dev.profiles.git;

import dev.profiles.core.model.ProfilesStyle;
import java.nio.file.Path;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How to authenticate to git servers: an HTTPS user name and password (or token), and/or an SSH
 * private key (optionally protected by a passphrase) or an ssh-agent, with the {@code
 * known_hosts} file that lists the servers to trust.
 *
 * <p>SSH host keys are always checked strictly: a server whose key is not in {@link
 * #knownHosts()} (default {@code ~/.ssh/known_hosts}) is refused, and so is one whose key
 * changed. Credentials may also come from an HTTPS URL's user-info ({@code
 * https://user:token@host/...}); those take precedence for that URL. {@link #toString()} never
 * shows a password, token or passphrase.
 *
 * <pre>{@code
 * GitCredentials https = GitCredentials.token(System.getenv("GIT_TOKEN"));
 * GitCredentials ssh = GitCredentials.builder()
 *     .sshPrivateKey(Path.of("/home/me/.ssh/id_ed25519"))
 *     .sshPassphrase("correct horse")
 *     .knownHosts(Path.of("/home/me/.ssh/known_hosts"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public abstract class GitCredentials {
  /** The user name for HTTPS basic authentication. */
  public abstract Optional<String> username();

  /** The password or access token for HTTPS basic authentication. */
  public abstract Optional<String> password();

  /** An OpenSSH or PEM private key file for SSH public-key authentication. */
  public abstract Optional<Path> sshPrivateKey();

  /** The passphrase of {@link #sshPrivateKey()}, when it is encrypted. */
  public abstract Optional<String> sshPassphrase();

  /** The {@code known_hosts} file trusted for SSH; {@code ~/.ssh/known_hosts} when absent. */
  public abstract Optional<Path> knownHosts();

  /**
   * The Unix domain socket of an ssh-agent (what {@code SSH_AUTH_SOCK} names) whose keys SSH
   * authentication also offers, after {@link #sshPrivateKey()}. The SDK never reads {@code
   * SSH_AUTH_SOCK} itself: no agent is asked unless this is set. A socket that does not exist
   * is no agent (authentication goes on with the other keys, as ssh's does).
   */
  public abstract Optional<Path> sshAgent();

  /** No credentials: public repositories only. */
  public static GitCredentials none() {
    return builder().build();
  }

  /** HTTPS basic authentication. */
  public static GitCredentials basic(String username, String password) {
    return builder().username(username).password(password).build();
  }

  /**
   * HTTPS token authentication, sent as basic authentication with user name {@code
   * x-access-token} (servers that care about the user name need {@link #basic}).
   */
  public static GitCredentials token(String token) {
    return basic("x-access-token", token);
  }

  /** This set of credentials with the given SSH key and {@code known_hosts} file added. */
  public GitCredentials withSshKey(Path privateKey, Optional<String> passphrase, Path knownHosts) {
    return builder().from(this).sshPrivateKey(privateKey).sshPassphrase(passphrase)
        .knownHosts(knownHosts).build();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("GitCredentials{");
    username().ifPresent(u -> sb.append("username=").append(u).append(", "));
    password().ifPresent(p -> sb.append("password=***, "));
    sshPrivateKey().ifPresent(k -> sb.append("sshPrivateKey=").append(k).append(", "));
    sshPassphrase().ifPresent(p -> sb.append("sshPassphrase=***, "));
    knownHosts().ifPresent(k -> sb.append("knownHosts=").append(k).append(", "));
    sshAgent().ifPresent(a -> sb.append("sshAgent=").append(a).append(", "));
    if (sb.charAt(sb.length() - 1) == ' ') {
      sb.setLength(sb.length() - 2);
    }
    return sb.append('}').toString();
  }

  /** A builder of {@link GitCredentials}; every setter returns it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link GitCredentials}: {@code GitCredentials.builder()...build()}. */
  public static final class Builder extends ImmutableGitCredentials.Builder {
    Builder() {}
  }
}
