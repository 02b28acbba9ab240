package dev.profiles.core.resolve;

/**
 * {@code known_hosts} has no key for the SSH server: add the server's key to trust it.
 *
 * <pre>{@code
 * catch (UnknownHostKeyException e) { // "unknown host key for [127.0.0.1]:2222 ..."
 * }
 * }</pre>
 */
public final class UnknownHostKeyException extends HostKeyException {
  private static final long serialVersionUID = 1L;

  public UnknownHostKeyException(String message) {
    super(message);
  }

  public UnknownHostKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
