package dev.profiles.core.resolve;

/**
 * A file of the profile directory, or the directory as a whole, is larger than the configured
 * limit.
 *
 * <pre>{@code
 * catch (SizeLimitExceededException e) { // "nginx/big.tgz is 80 MiB, more than the 16 MiB ..."
 * }
 * }</pre>
 */
public final class SizeLimitExceededException extends ResolveException {
  private static final long serialVersionUID = 1L;

  public SizeLimitExceededException(String message) {
    super(message);
  }

  public SizeLimitExceededException(String message, Throwable cause) {
    super(message, cause);
  }
}
