package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.preview.Expansion;
import dev.profiles.core.preview.ExpansionContext;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectExpander;
import dev.profiles.core.preview.ObjectId;
import dev.profiles.core.preview.PreviewException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the Helm expander in core's tests: "renders" a HelmRelease from its inline
 * values — a Deployment running {@code values.image}, a ClusterRoleBinding to cluster-admin
 * when {@code values.admin} is true — with the replicas of the {@code valuesFrom} ConfigMap it
 * finds through the context. A release whose values say {@code fail: true} fails as a chart that does not render.
 */
final class FakeHelmExpander implements ObjectExpander {
  int expanded;

  @Override
  public boolean handles(KubeObject o) {
    return o.id().group().equals("helm.toolkit.fluxcd.io") && o.id().kind().equals("HelmRelease");
  }

  @Override
  public Expansion expand(KubeObject release, ExpansionContext context) throws ProfilesException {
    expanded++;
    Map<?, ?> spec = (Map<?, ?>) release.content().get("spec");
    Map<?, ?> values = spec.get("values") instanceof Map<?, ?> v ? v : Map.of();
    if (Boolean.TRUE.equals(values.get("fail"))) {
      throw new PreviewException("HelmRelease " + release.id().name() + ": chart failed");
    }
    if (Boolean.TRUE.equals(values.get("offline"))) {
      return Expansion.notExpanded("chart repository not reachable from here");
    }
    String ns = release.id().namespace();
    String name = release.id().name();
    Object replicas = values.get("replicas") == null ? 1L : values.get("replicas");
    // As Flux does: a values ConfigMap named in valuesFrom, read from the repository's side.
    if (spec.get("valuesFrom") instanceof List<?> from) {
      for (Object ref : from) {
        if (ref instanceof Map<?, ?> m && "ConfigMap".equals(m.get("kind"))) {
          var cm = context.find("ConfigMap", ns, (String) m.get("name"));
          if (cm.isPresent() && cm.get().content().get("data") instanceof Map<?, ?> data
              && data.get("replicas") != null) {
            replicas = Long.valueOf((String) data.get("replicas"));
          }
        }
      }
    }
    List<KubeObject> out = new ArrayList<>();
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", "web");
    container.put("image", values.get("image"));
    Map<String, Object> deployment = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
        "metadata", Map.of("name", name, "namespace", ns),
        "spec", Map.of("replicas", replicas,
            "template", Map.of("spec", Map.of("containers", List.of(container)))));
    out.add(object(new ObjectId("apps/v1", "Deployment", ns, name), deployment));
    if (Boolean.TRUE.equals(values.get("admin"))) {
      Map<String, Object> crb = Map.of("apiVersion", "rbac.authorization.k8s.io/v1",
          "kind", "ClusterRoleBinding", "metadata", Map.of("name", name + "-admin"),
          "roleRef", Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole",
              "name", "cluster-admin"),
          "subjects", List.of(Map.of("kind", "ServiceAccount", "name", name,
              "namespace", ns)));
      out.add(object(new ObjectId("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "",
          name + "-admin"), crb));
    }
    return Expansion.of(out);
  }

  private static KubeObject object(ObjectId id, Map<String, Object> content) {
    return KubeObject.builder().id(id).content(content).build();
  }
}
