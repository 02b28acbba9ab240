package dev.profiles.catalog.client;

/**
 * The client cannot be built as configured: the kubeconfig is missing, unreadable or names a
 * context, cluster or user that is not there, a certificate or key does not parse, or it asks
 * for an authentication method this client does not support.
 *
 * <pre>{@code
 * try {
 *   CatalogClient.builder().kubeconfig(Path.of("kubeconfig"), "staging").build();
 * } catch (CatalogConfigurationException e) {
 *   // "kubeconfig: context 'staging' not found"
 * }
 * }</pre>
 */
public class CatalogConfigurationException extends CatalogException {
  private static final long serialVersionUID = 1L;

  public CatalogConfigurationException(String message) {
    super(message);
  }

  public CatalogConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
