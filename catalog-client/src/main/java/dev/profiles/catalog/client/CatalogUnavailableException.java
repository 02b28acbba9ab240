package dev.profiles.catalog.client;

import java.util.OptionalInt;

/**
 * The catalog could not be reached, timed out, or answered 5xx, on every attempt the client's
 * retry budget allowed. Trying again later may work.
 *
 * <pre>{@code
 * catch (CatalogUnavailableException e) {
 *   e.status(); // OptionalInt[503], or empty after connection errors
 * }
 * }</pre>
 */
public class CatalogUnavailableException extends CatalogException {
  private static final long serialVersionUID = 1L;

  private final OptionalInt status;

  public CatalogUnavailableException(OptionalInt status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status of the last attempt, when the server answered at all. */
  public OptionalInt status() {
    return status;
  }
}
