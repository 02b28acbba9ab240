package dev.profiles.catalog.client;

import dev.profiles.core.ProfilesException;

/**
 * The catalog could not answer a request. Catch this for "did it work"; catch a subclass to
 * react to one kind of failure. Messages never contain credentials.
 *
 * <pre>{@code
 * try {
 *   client.search("nginx");
 * } catch (CatalogUnavailableException e) {
 *   // retry later
 * } catch (CatalogException e) {
 *   System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class CatalogException extends ProfilesException {
  private static final long serialVersionUID = 1L;

  public CatalogException(String message) {
    super(message);
  }

  public CatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
