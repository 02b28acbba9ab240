package dev.profiles.testing.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real SSH git server on loopback: Apache MINA sshd with public-key authentication, running
 * JGit's {@link UploadPack} for {@code git-upload-pack} commands on the repositories under a
 * root directory.
 *
 * <pre>{@code
 * KeyPair user = GitSshServer.generateKeyPair();
 * try (GitSshServer server = GitSshServer.start(root)) {
 *   server.authorize(user.getPublic());
 *   server.writeKnownHosts(dir.resolve("known_hosts"));
 *   String url = server.url("profiles.git"); // ssh://git@127.0.0.1:PORT/profiles.git
 * }
 * }</pre>
 */
public final class GitSshServer implements AutoCloseable {
  private final Path root;
  private final KeyPair hostKey;
  private final List<PublicKey> authorized = new CopyOnWriteArrayList<>();
  private final SshServer sshd;

  private GitSshServer(Path root, KeyPair hostKey) {
    this.root = root;
    this.hostKey = hostKey;
    this.sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    sshd.setPublickeyAuthenticator((user, key, session) ->
        authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
    sshd.setPasswordAuthenticator(null);
    sshd.setKeyboardInteractiveAuthenticator(null);
    sshd.setCommandFactory((channel, command) -> new UploadPackCommand(command));
  }

  /** Starts a server for the repositories under {@code root}, with a fresh host key. */
  public static GitSshServer start(Path root) {
    return start(root, generateKeyPair());
  }

  /** Starts a server for the repositories under {@code root} with the given host key. */
  public static GitSshServer start(Path root, KeyPair hostKey) {
    GitSshServer server = new GitSshServer(root, hostKey);
    try {
      server.sshd.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  /** A new EC P-256 key pair, usable as a host key or a user key. */
  public static KeyPair generateKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes {@code key} as an OpenSSH private key file, encrypted with {@code passphrase} when it
   * is not empty.
   */
  public static Path writePrivateKey(KeyPair key, Path file, String passphrase) {
    OpenSSHKeyEncryptionContext encryption = null;
    if (!passphrase.isEmpty()) {
      encryption = new OpenSSHKeyEncryptionContext();
      encryption.setPassword(passphrase);
      encryption.setCipherName("AES");
      encryption.setCipherMode("CTR");
      encryption.setCipherType("256");
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", encryption, out);
      return file;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot write a private key", e);
    }
  }

  /** Lets {@code key} log in (as any user). */
  public GitSshServer authorize(PublicKey key) {
    authorized.add(key);
    return this;
  }

  /** The URL of repository {@code name}. */
  public String url(String name) {
    return "ssh://git@127.0.0.1:" + port() + "/" + name;
  }

  /** The loopback port. */
  public int port() {
    return sshd.getPort();
  }

  /** The known_hosts line that trusts this server's host key. */
  public String knownHostsLine() {
    return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
  }

  /** Writes a known_hosts file that trusts this server and nothing else. */
  public Path writeKnownHosts(Path file) {
    try {
      return Files.writeString(file, knownHostsLine() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      sshd.stop(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code git-upload-pack '<repo>'} with JGit; anything else is refused. */
  private final class UploadPackCommand implements Command {
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Thread worker;

    UploadPackCommand(String command) {
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      worker = new Thread(this::run, "git-ssh-upload-pack");
      worker.setDaemon(true);
      worker.start();
    }

    private void run() {
      String prefix = "git-upload-pack ";
      if (!command.startsWith(prefix)) {
        fail("only git-upload-pack is served");
        return;
      }
      String name = command.substring(prefix.length()).replace("'", "").replaceFirst("^/+", "");
      Path dir = root.resolve(name).normalize();
      if (!dir.startsWith(root) || !Files.isDirectory(dir)) {
        fail("'" + name + "' not found");
        return;
      }
      try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true)
          .build()) {
        UploadPack up = new UploadPack(repo);
        up.upload(in, out, err);
        out.flush();
        exit.onExit(0);
      } catch (IOException | RuntimeException e) {
        exit.onExit(1, String.valueOf(e.getMessage()));
      }
    }

    private void fail(String message) {
      try {
        err.write(("fatal: " + message + "\n").getBytes(StandardCharsets.UTF_8));
        err.flush();
      } catch (IOException ignored) {
        // The exit status below still tells the client.
      }
      exit.onExit(128, message);
    }

    @Override
    public void destroy(ChannelSession channel) {
      if (worker != null) {
        worker.interrupt();
      }
    }
  }
}
