package dev.profiles.core.resolve;

/**
 * The tag or branch a source names does not exist in the repository.
 *
 * <pre>{@code
 * catch (MissingRefException e) { // "tag nginx/v9.9.9 not found in https://host/org/repo"
 * }
 * }</pre>
 */
public final class MissingRefException extends ResolveException {
  private static final long serialVersionUID = 1L;

  public MissingRefException(String message) {
    super(message);
  }

  public MissingRefException(String message, Throwable cause) {
    super(message, cause);
  }
}
