package dev.profiles.core.resolve;

/**
 * The profile directory exists but holds no {@code profile.yaml}.
 *
 * <pre>{@code
 * catch (MissingProfileYamlException e) { // "no profile.yaml in nginx at nginx/v0.1.0"
 * }
 * }</pre>
 */
public final class MissingProfileYamlException extends ResolveException {
  private static final long serialVersionUID = 1L;

  public MissingProfileYamlException(String message) {
    super(message);
  }

  public MissingProfileYamlException(String message, Throwable cause) {
    super(message, cause);
  }
}
