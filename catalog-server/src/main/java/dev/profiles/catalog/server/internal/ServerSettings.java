package dev.profiles.catalog.server.internal;

import dev.profiles.core.ProfilesConfigurationException;
import java.time.Duration;

/**
 * The checks of the settings both catalog servers take (file mode's {@code CatalogServer} and
 * the controller): one home, so the two builders accept and refuse the same values.
 */
public final class ServerSettings {
  /** The longest rescan interval accepted. */
  public static final Duration MAX_RESCAN_INTERVAL = Duration.ofDays(7);

  private ServerSettings() {}

  /** {@code value}, or a {@link ProfilesConfigurationException} naming {@code name} if null. */
  public static <T> T required(T value, String name) {
    if (value == null) {
      throw new ProfilesConfigurationException(name + " must not be null");
    }
    return value;
  }

  /** {@code port} when it is 0 (any free port) or a TCP port. */
  public static int port(int port) {
    if (port < 0 || port > 65535) {
      throw new ProfilesConfigurationException("port " + port + " is not in 0..65535");
    }
    return port;
  }

  /** {@code interval} when it is positive and at most {@link #MAX_RESCAN_INTERVAL}. */
  public static Duration rescanInterval(Duration interval) {
    required(interval, "rescanInterval");
    if (interval.isNegative() || interval.isZero()
        || interval.compareTo(MAX_RESCAN_INTERVAL) > 0) {
      throw new ProfilesConfigurationException("the rescan interval must be positive and at"
          + " most " + MAX_RESCAN_INTERVAL.toDays() + " days: " + interval);
    }
    return interval;
  }
}
