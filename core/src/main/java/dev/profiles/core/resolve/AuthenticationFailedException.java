package dev.profiles.core.resolve;

/**
 * The server refused the credentials (wrong password or token, SSH key not accepted), or
 * asked for credentials and none were configured.
 *
 * <pre>{@code
 * catch (AuthenticationFailedException e) { // "authentication failed for https://host/org/repo"
 * }
 * }</pre>
 */
public final class AuthenticationFailedException extends ResolveException {
  private static final long serialVersionUID = 1L;

  public AuthenticationFailedException(String message) {
    super(message);
  }

  public AuthenticationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
