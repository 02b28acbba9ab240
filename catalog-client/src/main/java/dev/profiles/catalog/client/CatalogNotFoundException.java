package dev.profiles.catalog.client;

/**
 * The catalog has no such profile or version (HTTP 404).
 *
 * <pre>{@code
 * try {
 *   client.version("my-catalog", "nginx", "v9.9.9");
 * } catch (CatalogNotFoundException e) {
 *   // "version v9.9.9 of my-catalog/nginx not found"
 * }
 * }</pre>
 */
public class CatalogNotFoundException extends CatalogRequestException {
  private static final long serialVersionUID = 1L;

  public CatalogNotFoundException(String message) {
    super(404, message);
  }
}
