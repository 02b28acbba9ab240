package dev.profiles.core.internal;

import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SDK's SLF4J loggers. An application with no SLF4J provider gets no logging at all, and
 * then SLF4J would still print its three-line "No SLF4J providers were found" notice the first
 * time any library (ours, JGit) asks for a logger. With no provider there is nothing that
 * notice could help with, so in exactly that case (and unless the application chose a
 * verbosity itself) SLF4J's own reporting is lowered to errors before the first logger is
 * created: the console stays silent. With a provider nothing is changed, so SLF4J's other
 * notices (several providers, say) still reach the user.
 */
public final class Loggers {
  private static final String VERBOSITY = "slf4j.internal.verbosity";

  static {
    try {
      if (System.getProperty(VERBOSITY) == null && ServiceLoader.load(SLF4JServiceProvider.class,
          Loggers.class.getClassLoader()).findFirst().isEmpty()) {
        System.setProperty(VERBOSITY, "ERROR");
      }
    } catch (RuntimeException | java.util.ServiceConfigurationError e) {
      // A broken provider or a security manager: leave SLF4J as it is.
    }
  }

  private Loggers() {}

  /** The logger {@code name}, after the provider check above. */
  public static Logger get(String name) {
    return LoggerFactory.getLogger(name);
  }

  /** Runs the provider check; for entry points that touch JGit before any logger of ours. */
  public static void init() {
    // The static initializer has run by now.
  }
}
