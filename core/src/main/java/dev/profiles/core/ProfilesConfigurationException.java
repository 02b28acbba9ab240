package dev.profiles.core;

/**
 * The one unchecked exception of the SDK: a value or a setting given in code is invalid (a
 * model built by hand that breaks a rule of the spec, a builder missing a required field, a
 * negative limit). It signals a programming error in the calling code, found before anything
 * is read or written; every failure about input, repositories or the catalog is a checked
 * {@link ProfilesException} instead.
 *
 * <pre>{@code
 * try {
 *   GitProfiles.builder().maxFileSize(-1);
 * } catch (ProfilesConfigurationException e) {
 *   // "maxFileSize must be positive: -1"
 * }
 * }</pre>
 */
public class ProfilesConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProfilesConfigurationException(String message) {
    super(message);
  }

  public ProfilesConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
