package dev.profiles.core.resolve;

/**
 * The repository does not exist at the URL, or the server hides it from these credentials.
 *
 * <pre>{@code
 * catch (RepositoryNotFoundException e) { // "repository not found: https://host/org/nope"
 * }
 * }</pre>
 */
public final class RepositoryNotFoundException extends ResolveException {
  private static final long serialVersionUID = 1L;

  public RepositoryNotFoundException(String message) {
    super(message);
  }

  public RepositoryNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
