package dev.profiles.core.resolve;

/**
 * The SSH server's host key could not be verified against {@code known_hosts}; see the two
 * subclasses. Host keys are checked strictly: an unverified server is never contacted further.
 *
 * <pre>{@code
 * catch (HostKeyException e) { // UnknownHostKeyException or ChangedHostKeyException
 * }
 * }</pre>
 */
public class HostKeyException extends ResolveException {
  private static final long serialVersionUID = 1L;

  public HostKeyException(String message) {
    super(message);
  }

  public HostKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
