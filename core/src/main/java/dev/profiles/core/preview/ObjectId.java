package dev.profiles.core.preview;

import dev.profiles.core.ProfilesConfigurationException;

/**
 * The identity of a Kubernetes object in a preview: what a diff pairs before and after by.
 *
 * <p>{@code namespace} is empty for cluster-scoped objects and for namespaced objects that do
 * not name one (the namespace comes from where they are applied). {@link #toString()} reads
 * {@code apps/v1 Deployment team/web} or {@code v1 Namespace profiles-system}.
 *
 * <pre>{@code
 * ObjectId id = new ObjectId("apps/v1", "Deployment", "team", "web");
 * }</pre>
 *
 * @param apiVersion the object's {@code apiVersion}, such as {@code apps/v1}
 * @param kind the object's {@code kind}
 * @param namespace {@code metadata.namespace}, empty when absent
 * @param name {@code metadata.name}
 */
public record ObjectId(String apiVersion, String kind, String namespace, String name) {
  public ObjectId {
    if (apiVersion == null || kind == null || namespace == null || name == null) {
      throw new ProfilesConfigurationException("an object id has apiVersion, kind, namespace"
          + " (empty when cluster-scoped) and name");
    }
  }

  /** The API group of {@link #apiVersion()}: empty for the core group ({@code v1}). */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  @Override
  public String toString() {
    return apiVersion + " " + kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }
}
