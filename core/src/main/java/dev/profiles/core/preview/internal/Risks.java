package dev.profiles.core.preview.internal;

import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectChange;
import dev.profiles.core.preview.ObjectId;
import dev.profiles.core.preview.RiskFinding;
import dev.profiles.core.preview.RiskFinding.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The risk rules of a preview (listed with their identifiers in {@code docs/preview.md}): CRD
 * upgrade safety, RBAC blast radius, webhooks, CRDs and namespaces added or removed, images
 * added or changed.
 */
public final class Risks {
  private static final Set<String> WORKLOADS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod");
  private static final List<String> CONTAINER_LISTS =
      List.of("initContainers", "containers", "ephemeralContainers");
  private static final int MAX_LISTED = 5;

  private Risks() {}

  /** Every finding of {@code changes}, most severe first, then by object. */
  public static List<RiskFinding> findings(List<ObjectChange> changes) {
    List<RiskFinding> out = new ArrayList<>();
    for (ObjectChange c : changes) {
      if (c.type() == ObjectChange.Type.UNCHANGED) {
        continue;
      }
      Map<String, Object> before = c.before().map(KubeObject::content).orElse(null);
      Map<String, Object> after = c.after().map(KubeObject::content).orElse(null);
      ObjectId id = c.id();
      String group = id.group();
      String kind = id.kind();
      if (group.equals("apiextensions.k8s.io") && kind.equals("CustomResourceDefinition")) {
        crd(id, before, after, out);
      } else if (group.equals("rbac.authorization.k8s.io")
          && (kind.equals("ClusterRole") || kind.equals("Role"))) {
        role(id, before, after, out);
      } else if (group.equals("rbac.authorization.k8s.io")
          && (kind.equals("ClusterRoleBinding") || kind.equals("RoleBinding"))) {
        binding(id, before, after, out);
      } else if (group.equals("admissionregistration.k8s.io")
          && kind.endsWith("WebhookConfiguration")) {
        webhook(id, before, after, out);
      } else if (group.isEmpty() && kind.equals("Namespace")) {
        if (after == null) {
          out.add(new RiskFinding(Severity.HIGH, id, "namespace.removed",
              "deletes namespace " + id.name() + " and everything in it"));
        } else if (before == null) {
          out.add(new RiskFinding(Severity.LOW, id, "namespace.added",
              "creates namespace " + id.name()));
        }
      }
      if (WORKLOADS.contains(kind)) {
        images(id, before, after, out);
      }
    }
    out.sort(Comparator.comparing(RiskFinding::severity)
        .thenComparing(f -> f.object().toString()).thenComparing(RiskFinding::rule));
    return out;
  }

  // --- CRDs ---

  private static void crd(ObjectId id, Map<String, Object> before, Map<String, Object> after,
      List<RiskFinding> out) {
    if (after == null) {
      out.add(new RiskFinding(Severity.HIGH, id, "crd.removed", "removes the CRD: Kubernetes"
          + " deletes every " + id.name() + " object with it"));
      return;
    }
    if (before == null) {
      out.add(new RiskFinding(Severity.MEDIUM, id, "crd.added", "adds CRD " + id.name()
          + " (a new API in the cluster)"));
      return;
    }
    Object scopeBefore = get(before, "spec", "scope");
    Object scopeAfter = get(after, "spec", "scope");
    if (!Objects.equals(scopeBefore, scopeAfter)) {
      out.add(new RiskFinding(Severity.HIGH, id, "crd.scope-changed", "scope changes from "
          + scopeBefore + " to " + scopeAfter + "; existing objects cannot be converted"));
    }
    Map<String, Map<String, Object>> vb = versions(before);
    Map<String, Map<String, Object>> va = versions(after);
    for (Map.Entry<String, Map<String, Object>> e : vb.entrySet()) {
      String v = e.getKey();
      Map<String, Object> old = e.getValue();
      Map<String, Object> now = va.get(v);
      if (Boolean.TRUE.equals(old.get("storage")) && now == null) {
        out.add(new RiskFinding(Severity.HIGH, id, "crd.stored-version-removed", "removes "
            + "version " + v + ", the stored version: objects stored as " + v
            + " can no longer be read"));
      } else if (Boolean.TRUE.equals(old.get("served"))
          && (now == null || !Boolean.TRUE.equals(now.get("served")))) {
        out.add(new RiskFinding(Severity.HIGH, id, "crd.served-version-removed", "stops"
            + " serving version " + v + "; clients using it break"));
      }
      if (now != null) {
        Object sb = get(old, "schema", "openAPIV3Schema");
        Object sa = get(now, "schema", "openAPIV3Schema");
        if (sb instanceof Map<?, ?> mb && sa instanceof Map<?, ?> ma) {
          schema(id, v, "", mb, ma, out);
        }
      }
    }
  }

  private static Map<String, Map<String, Object>> versions(Map<String, Object> crd) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    if (get(crd, "spec", "versions") instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m && m.get("name") instanceof String n) {
          @SuppressWarnings("unchecked")
          Map<String, Object> version = (Map<String, Object>) m;
          out.put(n, version);
        }
      }
    }
    return out;
  }

  private static void schema(ObjectId id, String version, String path, Map<?, ?> before,
      Map<?, ?> after, List<RiskFinding> out) {
    String at = version + (path.isEmpty() ? "" : " " + path);
    if (before.get("type") != null && after.get("type") != null
        && !before.get("type").equals(after.get("type"))) {
      out.add(new RiskFinding(Severity.HIGH, id, "crd.type-changed", at + ": type changes"
          + " from " + before.get("type") + " to " + after.get("type")));
    }
    if (!Objects.equals(before.get("default"), after.get("default"))) {
      out.add(new RiskFinding(Severity.LOW, id, "crd.default-changed", at + ": default"
          + " changes from " + show(before.get("default")) + " to "
          + show(after.get("default"))));
    }
    if (after.get("enum") instanceof List<?> ea) {
      List<Object> dropped = new ArrayList<>();
      if (before.get("enum") instanceof List<?> eb) {
        eb.stream().filter(x -> !ea.contains(x)).forEach(dropped::add);
      }
      if (!(before.get("enum") instanceof List<?>) || !dropped.isEmpty()) {
        out.add(new RiskFinding(Severity.MEDIUM, id, "crd.enum-narrowed", at + ": allowed"
            + " values narrowed" + (dropped.isEmpty() ? " to " + show(ea)
                : ", no longer " + show(dropped)) + "; existing objects may not validate"));
      }
    }
    Set<Object> requiredBefore = new LinkedHashSet<>(before.get("required") instanceof List<?> l
        ? l : List.of());
    if (after.get("required") instanceof List<?> ra) {
      for (Object r : ra) {
        if (!requiredBefore.contains(r)) {
          out.add(new RiskFinding(Severity.MEDIUM, id, "crd.required-field-added", at
              + ": new required field " + r + "; existing objects without it are refused"
              + " on their next update"));
        }
      }
    }
    if (before.get("properties") instanceof Map<?, ?> pb
        && after.get("properties") instanceof Map<?, ?> pa) {
      for (Map.Entry<?, ?> e : pb.entrySet()) {
        if (e.getValue() instanceof Map<?, ?> b && pa.get(e.getKey()) instanceof Map<?, ?> a) {
          schema(id, version, path.isEmpty() ? String.valueOf(e.getKey())
              : path + "." + e.getKey(), b, a, out);
        }
      }
    }
    if (before.get("items") instanceof Map<?, ?> ib && after.get("items") instanceof Map<?, ?> ia) {
      schema(id, version, path + "[]", ib, ia, out);
    }
    if (before.get("additionalProperties") instanceof Map<?, ?> ab
        && after.get("additionalProperties") instanceof Map<?, ?> aa) {
      schema(id, version, path + ".*", ab, aa, out);
    }
  }

  // --- RBAC ---

  private static void role(ObjectId id, Map<String, Object> before, Map<String, Object> after,
      List<RiskFinding> out) {
    boolean cluster = id.kind().equals("ClusterRole");
    if (after == null) {
      return; // fewer permissions are no risk
    }
    Set<String> now = permissions(after);
    Set<String> was = before == null ? Set.of() : permissions(before);
    List<String> added = now.stream().filter(p -> !was.contains(p)).toList();
    if (added.isEmpty()) {
      return;
    }
    boolean wildcard = added.stream().anyMatch(p -> p.contains("*"));
    Severity s = wildcard ? (cluster ? Severity.HIGH : Severity.MEDIUM)
        : cluster ? Severity.MEDIUM : Severity.LOW;
    out.add(new RiskFinding(s, id, before == null ? "rbac.role-added" : "rbac.role-widened",
        (before == null ? "grants " : "newly grants ") + listed(added)
            + (cluster ? " cluster-wide" : " in " + (id.namespace().isEmpty() ? "its namespace"
                : id.namespace()))
            + (wildcard ? " (wildcard)" : "")));
  }

  /** A role's rules as {@code verb apiGroup/resource} (or {@code verb url}) strings. */
  private static Set<String> permissions(Map<String, Object> role) {
    Set<String> out = new LinkedHashSet<>();
    if (!(role.get("rules") instanceof List<?> rules)) {
      return out;
    }
    for (Object r : rules) {
      if (!(r instanceof Map<?, ?> rule)) {
        continue;
      }
      List<?> verbs = list(rule.get("verbs"));
      List<?> groups = list(rule.get("apiGroups"));
      List<?> resources = list(rule.get("resources"));
      for (Object v : verbs) {
        for (Object g : groups.isEmpty() ? List.of("") : groups) {
          for (Object res : resources) {
            out.add(v + " " + (String.valueOf(g).isEmpty() ? "" : g + "/") + res);
          }
        }
        for (Object u : list(rule.get("nonResourceURLs"))) {
          out.add(v + " " + u);
        }
      }
    }
    return out;
  }

  private static void binding(ObjectId id, Map<String, Object> before, Map<String, Object> after,
      List<RiskFinding> out) {
    if (after == null) {
      return;
    }
    boolean cluster = id.kind().equals("ClusterRoleBinding");
    Object role = get(after, "roleRef", "name");
    Object roleKind = get(after, "roleRef", "kind");
    List<String> subjects = subjects(after);
    List<String> added = before == null ? subjects
        : subjects.stream().filter(s -> !subjects(before).contains(s)).toList();
    boolean roleChanged = before != null && !Objects.equals(before.get("roleRef"),
        after.get("roleRef"));
    if (added.isEmpty() && !roleChanged) {
      return;
    }
    boolean admin = "cluster-admin".equals(role) && "ClusterRole".equals(roleKind);
    Severity s = admin ? Severity.HIGH : cluster ? Severity.MEDIUM : Severity.LOW;
    String who = added.isEmpty() ? listed(subjects) : listed(added);
    out.add(new RiskFinding(s, id, before == null ? "rbac.binding-added"
        : "rbac.binding-widened", (before == null ? "binds " : roleChanged ? "rebinds "
            : "adds ") + who + " to " + roleKind + " " + role
            + (cluster ? " cluster-wide" : "") + (admin ? " (full control of the cluster)"
                : "")));
  }

  private static List<String> subjects(Map<String, Object> binding) {
    List<String> out = new ArrayList<>();
    for (Object o : list(binding.get("subjects"))) {
      if (o instanceof Map<?, ?> m) {
        out.add(m.get("kind") + " " + (m.get("namespace") == null ? "" : m.get("namespace")
            + "/") + m.get("name"));
      }
    }
    return out;
  }

  // --- webhooks and images ---

  private static void webhook(ObjectId id, Map<String, Object> before, Map<String, Object> after,
      List<RiskFinding> out) {
    boolean mutating = id.kind().startsWith("Mutating");
    String what = mutating ? "mutating" : "validating";
    if (after == null) {
      out.add(new RiskFinding(Severity.LOW, id, "webhook.removed", "removes the " + what
          + " admission webhook"));
      return;
    }
    List<String> hooks = new ArrayList<>();
    boolean failClosed = false;
    for (Object o : list(after.get("webhooks"))) {
      if (o instanceof Map<?, ?> m) {
        hooks.add(String.valueOf(m.get("name")));
        failClosed |= !"Ignore".equals(m.get("failurePolicy"));
      }
    }
    out.add(new RiskFinding(failClosed ? Severity.HIGH : Severity.MEDIUM, id,
        before == null ? "webhook.added" : "webhook.changed", (before == null ? "adds "
            : "changes ") + what + " admission webhook " + listed(hooks)
            + (failClosed ? "; it fails closed: when it is down, matching requests are refused"
                : "")));
  }

  private static void images(ObjectId id, Map<String, Object> before, Map<String, Object> after,
      List<RiskFinding> out) {
    if (after == null) {
      return;
    }
    Map<String, String> was = before == null ? Map.of() : images(id.kind(), before);
    for (Map.Entry<String, String> e : images(id.kind(), after).entrySet()) {
      String old = was.get(e.getKey());
      String image = e.getValue();
      boolean floating = !image.contains("@") && (!image.substring(image.lastIndexOf('/') + 1)
          .contains(":") || image.endsWith(":latest"));
      if (old == null) {
        out.add(new RiskFinding(floating ? Severity.MEDIUM : Severity.LOW, id, "image.added",
            e.getKey() + " runs " + image + (floating ? " (not pinned to a version)" : "")));
      } else if (!old.equals(image)) {
        out.add(new RiskFinding(Severity.MEDIUM, id, "image.changed", e.getKey() + ": " + old
            + " -> " + image + (floating ? " (not pinned to a version)" : "")));
      }
    }
  }

  /** Container ({@code containers/web}) to image, of a workload's pod template. */
  static Map<String, String> images(String kind, Map<String, Object> workload) {
    Object podSpec = switch (kind) {
      case "Pod" -> get(workload, "spec");
      case "CronJob" -> get(workload, "spec", "jobTemplate", "spec", "template", "spec");
      default -> get(workload, "spec", "template", "spec");
    };
    Map<String, String> out = new LinkedHashMap<>();
    if (podSpec instanceof Map<?, ?> spec) {
      for (String list : CONTAINER_LISTS) {
        int i = 0;
        for (Object c : list(spec.get(list))) {
          if (c instanceof Map<?, ?> m && m.get("image") instanceof String image) {
            out.put(list + "/" + (m.get("name") instanceof String n ? n : "#" + i), image);
          }
          i++;
        }
      }
    }
    return out;
  }

  // --- helpers ---

  private static Object get(Map<?, ?> map, String... path) {
    Object v = map;
    for (String p : path) {
      if (!(v instanceof Map<?, ?> m)) {
        return null;
      }
      v = m.get(p);
    }
    return v;
  }

  private static List<?> list(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  private static String listed(List<String> items) {
    if (items.size() <= MAX_LISTED) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, MAX_LISTED)) + " and " + (items.size()
        - MAX_LISTED) + " more";
  }

  private static String show(Object v) {
    return v == null ? "none" : v instanceof Map || v instanceof List ? Json.compact(v)
        : String.valueOf(v);
  }
}
