package dev.profiles.core.internal;

import dev.profiles.core.ProfilesConfigurationException;

/**
 * A null given to a model builder or factory, where the SDK takes no nulls ({@code Optional}
 * stands for what may be absent). Callers see and catch it as the {@link
 * ProfilesConfigurationException} it is; this type only words the message.
 */
public final class NullValueException extends ProfilesConfigurationException {
  private static final long serialVersionUID = 1L;

  /** For {@code what}, such as {@code name} or {@code dependsOn element}. */
  public NullValueException(String what) {
    super(what + " must not be null");
  }
}
