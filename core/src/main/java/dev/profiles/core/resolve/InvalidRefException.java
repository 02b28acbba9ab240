package dev.profiles.core.resolve;

/**
 * The ref a source names exists (or was asked for) but cannot be resolved as a profile version:
 * a tag that is not a version ({@code <semver>} or {@code <profile>/<semver>}), or a tag or
 * branch that points at a tree or a blob instead of a commit.
 *
 * <pre>{@code
 * catch (InvalidRefException e) { // "tag nginx/v1.0.0 points at a tree, not a commit (...)"
 * }
 * }</pre>
 */
public final class InvalidRefException extends ResolveException {
  private static final long serialVersionUID = 1L;

  public InvalidRefException(String message) {
    super(message);
  }
}
