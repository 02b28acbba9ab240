package dev.profiles.core.resolve;

import java.util.List;

/**
 * A profile includes itself, directly or through other nested profiles. {@link #chain()} lists
 * the sources from the outermost to the repeated one, which appears at both ends.
 *
 * <pre>{@code
 * catch (ProfileCycleException e) {
 *   e.getMessage(); // "nested profiles form a cycle: repo-a@refs/tags/a/v1:a -> repo-b@... -> repo-a@..."
 *   e.chain();      // the same chain as a list
 * }
 * }</pre>
 */
public final class ProfileCycleException extends ResolveException {
  private static final long serialVersionUID = 1L;

  private final List<String> chain;

  /** A cycle along {@code chain}, each element a source as {@code url@ref:path}. */
  public ProfileCycleException(String message, List<String> chain) {
    super(message);
    this.chain = List.copyOf(chain);
  }

  /** The sources of the cycle, credentials removed, the repeated one first and last. */
  public List<String> chain() {
    return chain;
  }
}
