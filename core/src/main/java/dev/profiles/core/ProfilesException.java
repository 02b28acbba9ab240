package dev.profiles.core;

/**
 * Root of the SDK's checked exceptions.
 *
 * <p>Every failure the SDK can report about user input, repositories or the catalog is a
 * subclass, so callers that only want to know "did it work" catch this one type, and callers
 * that want to react to a specific failure catch the subclass. Messages never contain
 * credentials.
 *
 * <pre>{@code
 * try {
 *   ProfileDefinition p = ProfileYaml.strict().readProfile(Path.of("nginx/profile.yaml"));
 * } catch (ProfilesException e) {
 *   System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class ProfilesException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProfilesException(String message) {
    super(message);
  }

  public ProfilesException(String message, Throwable cause) {
    super(message, cause);
  }
}
