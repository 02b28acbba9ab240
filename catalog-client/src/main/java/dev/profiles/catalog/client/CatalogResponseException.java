package dev.profiles.catalog.client;

/**
 * The catalog answered, but not with the JSON the API defines: not JSON at all (say, an HTML
 * page from a proxy), or fields of the wrong type. The message names the request and the
 * offending field.
 *
 * <pre>{@code
 * catch (CatalogResponseException e) {
 *   // "malformed catalog response to GET https://.../v1/profiles: items[0].name: missing"
 * }
 * }</pre>
 */
public class CatalogResponseException extends CatalogException {
  private static final long serialVersionUID = 1L;

  public CatalogResponseException(String message) {
    super(message);
  }

  public CatalogResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
