package dev.profiles.core.resolve;

/**
 * Talking to the repository failed for a reason other than those with their own type: the
 * connection dropped, the server stopped mid-transfer, the protocol broke. The cause tells
 * more; a cache left behind by such a failure stays usable.
 *
 * <pre>{@code
 * catch (TransportFailedException e) { // "fetching from https://host/org/repo failed: ..."
 *   e.getCause();
 * }
 * }</pre>
 */
public final class TransportFailedException extends ResolveException {
  private static final long serialVersionUID = 1L;

  public TransportFailedException(String message) {
    super(message);
  }

  public TransportFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
