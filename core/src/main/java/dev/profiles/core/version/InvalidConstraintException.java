package dev.profiles.core.version;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.rules.ControlCharacters;

/**
 * A version constraint ({@link VersionConstraint}) that cannot be parsed: the message shows the
 * constraint and the position (1-based column within the constraint) where it goes wrong.
 *
 * <p>Like {@link Version#parse}'s failure it is unchecked, because a constraint written in code
 * is a programming error; readers of documents (profile.yaml, installation records) catch it and
 * report a located {@link dev.profiles.core.yaml.InvalidDocumentException} instead.
 *
 * <pre>{@code
 * VersionConstraint.parse(">=1.2 <");
 * // InvalidConstraintException: invalid version constraint '>=1.2 <' at position 8: expected a
 * // version after '<'
 * }</pre>
 */
public final class InvalidConstraintException extends ProfilesConfigurationException {
  private static final long serialVersionUID = 1L;

  private final String constraint;
  private final int position;
  private final String reason;

  InvalidConstraintException(String constraint, int position, String reason) {
    super("invalid version constraint '" + ControlCharacters.visible(constraint)
        + "' at position " + position + ": " + reason);
    this.constraint = constraint;
    this.position = position;
    this.reason = reason;
  }

  /** The constraint as given. */
  public String constraint() {
    return constraint;
  }

  /** The 1-based column within {@link #constraint()} where the problem is. */
  public int position() {
    return position;
  }

  /** What is wrong, without the constraint and position. */
  public String reason() {
    return reason;
  }
}
