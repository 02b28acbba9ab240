package dev.profiles.testing.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH {@code ssh-agent} on a socket of its own, for tests of SSH authentication by
 * agent: keys are loaded with {@code ssh-add}, and the agent stops on {@link #close()}. Needs
 * {@code ssh-agent} and {@code ssh-add} on the {@code PATH} (Debian's {@code openssh-client}).
 *
 * <pre>{@code
 * try (SshAgent agent = SshAgent.start(tmp)) {
 *   agent.add(GitSshServer.writePrivateKey(user, tmp.resolve("id_ecdsa"), ""));
 *   GitCredentials c = GitCredentials.builder().sshAgent(agent.socket()).build();
 * }
 * }</pre>
 */
public final class SshAgent implements AutoCloseable {
  private final Process process;
  private final Path socket;

  private SshAgent(Process process, Path socket) {
    this.process = process;
    this.socket = socket;
  }

  /** Starts an agent listening on {@code dir/agent.sock}; its output goes to {@code dir}. */
  public static SshAgent start(Path dir) {
    Path socket = dir.resolve("agent.sock");
    try {
      Process p = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("ssh-agent.log").toFile())
          .start();
      for (int i = 0; i < 400 && !Files.exists(socket) && p.isAlive(); i++) {
        Thread.sleep(25);
      }
      if (!Files.exists(socket)) {
        p.destroy();
        throw new IllegalStateException("ssh-agent did not start: "
            + Files.readString(dir.resolve("ssh-agent.log")));
      }
      return new SshAgent(p, socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Loads the unencrypted private key {@code key} into the agent ({@code ssh-add}). */
  public SshAgent add(Path key) {
    try {
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
      ProcessBuilder add = new ProcessBuilder("ssh-add", key.toString()).redirectErrorStream(true);
      add.environment().put("SSH_AUTH_SOCK", socket.toString());
      Process p = add.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("ssh-add " + key + " failed: " + out);
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The agent's socket: what {@code SSH_AUTH_SOCK} would name. */
  public Path socket() {
    return socket;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
