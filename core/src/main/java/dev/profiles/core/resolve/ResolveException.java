package dev.profiles.core.resolve;

import dev.profiles.core.ProfilesException;

/**
 * Root of the failures of reading a profile from its source: the repository, its transport,
 * the ref, the directory and the profile's files. Catch a subclass to react to one cause.
 *
 * <p>An invalid {@code profile.yaml} is reported as {@link
 * dev.profiles.core.yaml.InvalidDocumentException} instead, with the parser's located
 * problems. Messages name the source with credentials removed.
 *
 * <pre>{@code
 * try {
 *   resolver.resolve(source);
 * } catch (AuthenticationFailedException e) {
 *   askForToken();
 * } catch (ResolveException e) {
 *   System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class ResolveException extends ProfilesException {
  private static final long serialVersionUID = 1L;

  public ResolveException(String message) {
    super(message);
  }

  public ResolveException(String message, Throwable cause) {
    super(message, cause);
  }
}
