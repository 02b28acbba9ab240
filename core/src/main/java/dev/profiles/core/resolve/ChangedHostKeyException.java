package dev.profiles.core.resolve;

/**
 * {@code known_hosts} has a key for the SSH server but the server presented another one:
 * the server changed its key, or someone is in the middle.
 *
 * <pre>{@code
 * catch (ChangedHostKeyException e) { // "host key for [127.0.0.1]:2222 changed ..."
 * }
 * }</pre>
 */
public final class ChangedHostKeyException extends HostKeyException {
  private static final long serialVersionUID = 1L;

  public ChangedHostKeyException(String message) {
    super(message);
  }

  public ChangedHostKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
