package dev.profiles.core.catalog;

/**
 * Where a catalog runs in a cluster: the namespace, Service name and port the catalog's own
 * installation creates and that a client reaches through the Kubernetes API server's service
 * proxy ({@code /api/v1/namespaces/profiles-system/services/profiles-catalog-service:8000/proxy/}),
 * as pctl's catalog did. One home for these names, so the installation and the client cannot
 * drift apart.
 *
 * <pre>{@code
 * String proxy = "/api/v1/namespaces/" + CatalogService.NAMESPACE + "/services/"
 *     + CatalogService.NAME + ":" + CatalogService.PORT + "/proxy/";
 * }</pre>
 */
public final class CatalogService {
  /** The namespace the catalog runs in unless configured otherwise. */
  public static final String NAMESPACE = "profiles-system";

  /** The catalog's Service. */
  public static final String NAME = "profiles-catalog-service";

  /** The Service's port (and the catalog's HTTP port). */
  public static final int PORT = 8000;

  private CatalogService() {}
}
