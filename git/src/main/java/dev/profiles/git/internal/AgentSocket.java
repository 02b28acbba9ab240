package dev.profiles.git.internal;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.transport.sshd.agent.AbstractConnector;
import org.eclipse.jgit.transport.sshd.agent.Connector;
import org.eclipse.jgit.transport.sshd.agent.ConnectorFactory;

/**
 * An ssh-agent reached over its Unix domain socket with the JDK's own socket channels (Java 16
 * and later), for JGit's SSH transport. JGit's agent module does the same through JNA (a native
 * library unpacked at run time); the agent protocol needs nothing but a stream: a request is a
 * length, a command byte and its payload, a reply a length and its payload.
 */
public final class AgentSocket implements ConnectorFactory {
  /** Replies over this are refused (the agent's list of keys is the largest, a few KiB). */
  private static final int MAX_REPLY = 256 * 1024;

  private final Path socket;

  /** The agent listening on {@code socket} (what {@code SSH_AUTH_SOCK} names). */
  public AgentSocket(Path socket) {
    this.socket = socket;
  }

  @Override
  public Connector create(String identityAgent, File homeDir) {
    // The socket is the caller's choice (GitCredentials.sshAgent), never the ssh config's
    // IdentityAgent or the process environment.
    return new SocketConnector(socket);
  }

  @Override
  public boolean isSupported() {
    return true;
  }

  @Override
  public String getName() {
    return "profiles-unix-socket";
  }

  @Override
  public Collection<ConnectorDescriptor> getSupportedConnectors() {
    return List.of(getDefaultConnector());
  }

  @Override
  public ConnectorDescriptor getDefaultConnector() {
    return new ConnectorDescriptor() {
      @Override
      public String getIdentityAgent() {
        return socket.toString();
      }

      @Override
      public String getDisplayName() {
        return "ssh-agent at " + socket;
      }
    };
  }

  /** One connection to the agent. */
  private static final class SocketConnector extends AbstractConnector {
    private final Path socket;
    private SocketChannel channel;

    SocketConnector(Path socket) {
      super(MAX_REPLY);
      this.socket = socket;
    }

    @Override
    public synchronized boolean connect() throws IOException {
      if (channel != null) {
        return true;
      }
      if (!Files.exists(socket)) {
        // No agent there: authentication goes on with the other identities, as ssh does.
        return false;
      }
      SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        c.connect(UnixDomainSocketAddress.of(socket));
      } catch (IOException | RuntimeException e) {
        c.close();
        throw new IOException("cannot connect to the ssh-agent at " + socket + ": "
            + e.getMessage(), e);
      }
      channel = c;
      return true;
    }

    @Override
    public synchronized byte[] rpc(byte command, byte[] message) throws IOException {
      if (channel == null) {
        throw new IOException("not connected to the ssh-agent at " + socket);
      }
      prepareMessage(command, message);
      ByteBuffer out = ByteBuffer.wrap(message);
      while (out.hasRemaining()) {
        channel.write(out);
      }
      byte[] length = new byte[4];
      readFully(ByteBuffer.wrap(length));
      byte[] reply = new byte[toLength(command, length)];
      readFully(ByteBuffer.wrap(reply));
      return reply;
    }

    private void readFully(ByteBuffer in) throws IOException {
      while (in.hasRemaining()) {
        if (channel.read(in) < 0) {
          throw new IOException("the ssh-agent at " + socket + " closed the connection");
        }
      }
    }

    @Override
    public synchronized void close() throws IOException {
      if (channel != null) {
        channel.close();
        channel = null;
      }
    }
  }
}
