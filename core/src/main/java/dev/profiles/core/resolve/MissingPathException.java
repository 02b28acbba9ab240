package dev.profiles.core.resolve;

/**
 * A path does not exist at the resolved commit: the profile directory a source names, or a
 * file or directory asked of a {@link ProfileDirectory}.
 *
 * <pre>{@code
 * catch (MissingPathException e) { // "directory nginx not found at nginx/v0.1.0 (3f2c...)"
 * }
 * }</pre>
 */
public final class MissingPathException extends ResolveException {
  private static final long serialVersionUID = 1L;

  public MissingPathException(String message) {
    super(message);
  }

  public MissingPathException(String message, Throwable cause) {
    super(message, cause);
  }
}
