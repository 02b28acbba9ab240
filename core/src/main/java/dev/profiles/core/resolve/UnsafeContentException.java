package dev.profiles.core.resolve;

/**
 * The profile directory holds something that must not be installed: a symbolic link that
 * points outside the profile directory (or to a directory), or a path that escapes it.
 *
 * <pre>{@code
 * catch (UnsafeContentException e) { // "nginx/passwd is a symbolic link to /etc/passwd, ..."
 * }
 * }</pre>
 */
public final class UnsafeContentException extends ResolveException {
  private static final long serialVersionUID = 1L;

  public UnsafeContentException(String message) {
    super(message);
  }

  public UnsafeContentException(String message, Throwable cause) {
    super(message, cause);
  }
}
