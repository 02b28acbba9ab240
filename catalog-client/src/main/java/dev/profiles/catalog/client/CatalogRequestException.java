package dev.profiles.catalog.client;

/**
 * The catalog (or the Kubernetes API server in front of it) refused the request with a 4xx
 * status: a bad parameter (400), missing or refused credentials (401, 403), and so on. Retrying
 * the same request will not help.
 *
 * <pre>{@code
 * catch (CatalogRequestException e) {
 *   if (e.status() == 403) { ... }
 * }
 * }</pre>
 */
public class CatalogRequestException extends CatalogException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public CatalogRequestException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status, 400 to 499. */
  public int status() {
    return status;
  }
}
