package dev.profiles.core.install;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.ProfilesException;

/**
 * Keeps the promise of every command's {@code call()}: it throws only the {@link
 * ProfilesException} family. A runtime exception escaping the ports (a resolver, renderer or
 * repository implementation) or a model rule broken by what was read from a repository is
 * reported as a checked exception naming the operation, with the original as its cause, so a
 * caller catching {@code ProfilesException} really catches every failure.
 */
final class Guard {
  /** A command body. */
  @FunctionalInterface
  interface Body<T> {
    T run() throws ProfilesException;
  }

  private Guard() {}

  static <T> T call(String operation, Body<T> body) throws ProfilesException {
    try {
      return body.run();
    } catch (ProfilesConfigurationException e) {
      // Settings were checked before: what is left comes from the repository's or profile's
      // content, e.g. a record whose values break a rule of the model.
      throw new InstallRefusedException(InstallRefusedException.Reason.INVALID_OPTIONS,
          operation + " refused: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new ProfilesException(operation + " failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }
  }
}
