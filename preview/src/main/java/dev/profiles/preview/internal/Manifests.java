package dev.profiles.preview.internal;

import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectId;
import dev.profiles.core.preview.PreviewException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns rendered YAML (Helm's or kustomize's output) into {@link KubeObject}s, and knows which
 * kinds are cluster-scoped, so that a namespaced object the chart leaves without a namespace
 * gets the one it will be applied in.
 */
public final class Manifests {
  /** Cluster-scoped kinds of Kubernetes itself (by group/kind; core group is empty). */
  private static final Set<String> CLUSTER_SCOPED = Set.of(
      "/Namespace", "/Node", "/PersistentVolume", "/ComponentStatus",
      "rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/ClusterRoleBinding",
      "apiextensions.k8s.io/CustomResourceDefinition",
      "apiregistration.k8s.io/APIService",
      "admissionregistration.k8s.io/MutatingWebhookConfiguration",
      "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
      "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
      "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
      "storage.k8s.io/StorageClass", "storage.k8s.io/CSIDriver", "storage.k8s.io/CSINode",
      "storage.k8s.io/VolumeAttachment", "storage.k8s.io/VolumeAttributesClass",
      "scheduling.k8s.io/PriorityClass", "node.k8s.io/RuntimeClass",
      "networking.k8s.io/IngressClass", "networking.k8s.io/IPAddress",
      "networking.k8s.io/ServiceCIDR", "certificates.k8s.io/CertificateSigningRequest",
      "flowcontrol.apiserver.k8s.io/FlowSchema",
      "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
      "resource.k8s.io/DeviceClass");

  private final Set<String> clusterScoped;

  private Manifests(Set<String> clusterScoped) {
    this.clusterScoped = clusterScoped;
  }

  /**
   * A reader that also treats as cluster-scoped every kind a CustomResourceDefinition among
   * {@code crdSources} declares with {@code scope: Cluster} (the chart's own CRDs, and those
   * declared on the side).
   */
  public static Manifests knowing(Iterable<Map<String, Object>> crdSources) {
    Set<String> scoped = new HashSet<>(CLUSTER_SCOPED);
    for (Map<String, Object> doc : crdSources) {
      if (!"CustomResourceDefinition".equals(doc.get("kind"))) {
        continue;
      }
      Map<String, Object> spec = Trees.map(doc, "spec");
      if ("Cluster".equals(spec.get("scope"))) {
        String group = Trees.text(spec, "group").orElse("");
        Trees.text(Trees.map(spec, "names"), "kind").ifPresent(k -> scoped.add(group + "/" + k));
      }
    }
    return new Manifests(scoped);
  }

  /** Whether {@code apiVersion}/{@code kind} is cluster-scoped as far as this reader knows. */
  public boolean clusterScoped(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return clusterScoped.contains(group + "/" + kind);
  }

  /**
   * The documents as objects produced by {@code producer}; a namespaced object without a
   * namespace gets {@code defaultNamespace} (when not empty), as Helm applies it there.
   */
  public List<KubeObject> objects(String source, List<Object> documents, ObjectId producer,
      String defaultNamespace) throws PreviewException {
    List<KubeObject> out = new ArrayList<>(documents.size());
    int index = 0;
    for (Object document : documents) {
      index++;
      if (!(document instanceof Map<?, ?>)) {
        throw new PreviewException(source + ": document " + index + " is a "
            + Trees.typeName(document) + ", not a Kubernetes object");
      }
      Map<String, Object> content = Trees.stringKeyed(source, document);
      // A top-level null (an empty `spec:`) means absent to Kubernetes.
      content.values().removeIf(java.util.Objects::isNull);
      String apiVersion = Trees.text(content, "apiVersion").orElse("");
      String kind = Trees.text(content, "kind").orElse("");
      Map<String, Object> metadata = Trees.map(content, "metadata");
      String name = Trees.text(metadata, "name").orElse("");
      if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
        throw new PreviewException(source + ": document " + index
            + " has no apiVersion, kind or metadata.name");
      }
      String namespace = Trees.text(metadata, "namespace").orElse("");
      if (clusterScoped(apiVersion, kind)) {
        namespace = "";
      } else if (namespace.isEmpty() && !defaultNamespace.isEmpty()) {
        namespace = defaultNamespace;
        Map<String, Object> withNamespace = new LinkedHashMap<>(metadata);
        withNamespace.put("namespace", namespace);
        content.put("metadata", withNamespace);
      }
      out.add(KubeObject.builder().id(new ObjectId(apiVersion, kind, namespace, name))
          .content(content).producedBy(producer).build());
    }
    return out;
  }
}
