package dev.profiles.flux.catalog.internal;

import dev.profiles.core.catalog.CatalogService;
import dev.profiles.core.install.RenderException;
import dev.profiles.core.install.RenderProblem;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.rules.ContainedPaths;
import dev.profiles.core.yaml.DocumentProblem;
import dev.profiles.core.yaml.internal.YamlEmitter;
import dev.profiles.flux.ManifestValidator;
import dev.profiles.flux.catalog.CatalogInstallation;
import dev.profiles.flux.internal.Flux;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the catalog installation's objects as ordered trees and writes them with the one YAML
 * writer. Core Kubernetes kinds are built here field by field (no fabric8 model: see {@link
 * Flux} for why); their required fields are the ones the Kubernetes API marks required, checked
 * in this module's tests by reading every object back into fabric8's typed model. The Flux
 * Kustomization is validated against the vendored Flux CRD on every render.
 */
public final class CatalogManifests {
  /** The vendored Profiles CRDs, copied byte for byte (their one home is this module). */
  static final List<String> CRDS = List.of(
      "weave.works_profilecatalogsources.yaml",
      "weave.works_profiledefinitions.yaml",
      "weave.works_profileinstallations.yaml");

  /** The name of the controller's objects (Deployment, ServiceAccount, RBAC, PDB, policy). */
  public static final String NAME = "profiles-catalog-controller";

  /** The name of the Flux Kustomization. */
  public static final String FLUX_NAME = "profiles-catalog";

  /** The Role in the catalog namespace for the leader election Lease. */
  public static final String LEADER_ROLE = "profiles-catalog-leader-election";

  /** The Role in each watched namespace (when watching a set of namespaces). */
  public static final String READER_ROLE = "profiles-catalog-reader";

  private static final String GROUP = "weave.works";
  private static final String CRD_ROOT = "/dev/profiles/flux/crds/profiles/";

  private CatalogManifests() {}

  /** Every file of {@code c}, by repository-relative path. */
  public static RenderedFiles render(CatalogInstallation c) throws RenderException {
    String dir = ContainedPaths.normalize(c.directory());
    String manifests = dir + "/manifests";
    Map<String, String> objects = new LinkedHashMap<>();
    objects.put("namespace.yaml", yaml(namespace(c)));
    objects.put("serviceaccount.yaml", yaml(serviceAccount(c)));
    if (c.watchNamespaces().isEmpty()) {
      objects.put("clusterrole.yaml", yaml(clusterRole()));
      objects.put("clusterrolebinding.yaml", yaml(clusterRoleBinding(c)));
    } else {
      for (String ns : c.watchNamespaces()) {
        objects.put("reader-role-" + ns + ".yaml", yaml(readerRole(ns)));
        objects.put("reader-rolebinding-" + ns + ".yaml", yaml(readerRoleBinding(c, ns)));
      }
    }
    objects.put("leader-election-role.yaml", yaml(leaderRole(c)));
    objects.put("leader-election-rolebinding.yaml", yaml(leaderRoleBinding(c)));
    objects.put("deployment.yaml", yaml(deployment(c)));
    objects.put("service.yaml", yaml(service(c)));
    if (c.replicas() > 1) {
      // minAvailable 1 on a single replica would block every node drain.
      objects.put("poddisruptionbudget.yaml", yaml(podDisruptionBudget(c)));
    }
    if (c.networkPolicy()) {
      objects.put("networkpolicy.yaml", yaml(networkPolicy(c)));
    }
    RenderedFiles.Builder files = RenderedFiles.builder();
    List<String> resources = new ArrayList<>();
    for (String crd : CRDS) {
      files.put(manifests + "/crds/" + crd, crd(crd));
      resources.add("crds/" + crd);
    }
    objects.forEach((name, text) -> {
      files.put(manifests + "/" + name, text);
      resources.add(name);
    });
    files.put(manifests + "/kustomization.yaml", yaml(kustomization(resources)));
    String flux = yaml(fluxKustomization(c, "./" + manifests));
    files.put(dir + "/" + FLUX_NAME + ".yaml", flux);
    files.put(dir + "/kustomization.yaml", yaml(kustomization(List.of(FLUX_NAME + ".yaml"))));
    RenderedFiles result = files.build();
    List<DocumentProblem> problems = ManifestValidator.bundled().validate(result);
    if (!problems.isEmpty()) {
      List<RenderProblem> out = new ArrayList<>();
      problems.forEach(p -> out.add(new RenderProblem("", "catalog installation: " + p)));
      throw new RenderException(out);
    }
    return result;
  }

  private static String yaml(Map<String, Object> tree) {
    return YamlEmitter.KUBERNETES.write(tree);
  }

  private static byte[] crd(String name) {
    try (InputStream in = CatalogManifests.class.getResourceAsStream(CRD_ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("the vendored CRD " + name + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> labels(CatalogInstallation c) {
    Map<String, Object> labels = selector();
    labels.put("app.kubernetes.io/part-of", "profiles");
    labels.put("app.kubernetes.io/managed-by", "profiles");
    return labels;
  }

  /** The labels the selectors match: never the version, selectors are immutable. */
  static Map<String, Object> selector() {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "profiles-catalog");
    labels.put("app.kubernetes.io/component", "controller");
    return labels;
  }

  private static Map<String, Object> object(String apiVersion, String kind, String name,
      String namespace, Map<String, Object> labels) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", name);
    if (namespace != null) {
      meta.put("namespace", namespace);
    }
    if (labels != null) {
      meta.put("labels", labels);
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("apiVersion", apiVersion);
    o.put("kind", kind);
    o.put("metadata", meta);
    return o;
  }

  static Map<String, Object> namespace(CatalogInstallation c) {
    return object("v1", "Namespace", c.namespace(), null, labels(c));
  }

  static Map<String, Object> serviceAccount(CatalogInstallation c) {
    return object("v1", "ServiceAccount", NAME, c.namespace(), labels(c));
  }

  private static Map<String, Object> rule(String group, List<String> resources,
      List<String> verbs) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("apiGroups", List.of(group));
    r.put("resources", resources);
    r.put("verbs", verbs);
    return r;
  }

  /**
   * What reading sources takes: watch the sources, write only their status, read Secrets (the
   * sources' {@code secretRef}; RBAC cannot narrow list and watch by name, so the Roles of
   * {@link CatalogInstallation#watchNamespaces()} are the way to narrow it).
   */
  static List<Object> readerRules() {
    return List.of(
        rule(GROUP, List.of("profilecatalogsources"), List.of("get", "list", "watch")),
        rule(GROUP, List.of("profilecatalogsources/status"), List.of("update", "patch")),
        rule("", List.of("secrets"), List.of("get", "list", "watch")));
  }

  static Map<String, Object> clusterRole() {
    Map<String, Object> o = object("rbac.authorization.k8s.io/v1", "ClusterRole", NAME, null,
        selector());
    o.put("rules", readerRules());
    return o;
  }

  private static Map<String, Object> subjects(CatalogInstallation c, Map<String, Object> o) {
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("kind", "ServiceAccount");
    subject.put("name", NAME);
    subject.put("namespace", c.namespace());
    o.put("subjects", List.of(subject));
    return o;
  }

  private static Map<String, Object> roleRef(String kind, String name) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("apiGroup", "rbac.authorization.k8s.io");
    ref.put("kind", kind);
    ref.put("name", name);
    return ref;
  }

  static Map<String, Object> clusterRoleBinding(CatalogInstallation c) {
    Map<String, Object> o = object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", NAME,
        null, selector());
    o.put("roleRef", roleRef("ClusterRole", NAME));
    return subjects(c, o);
  }

  static Map<String, Object> readerRole(String namespace) {
    Map<String, Object> o = object("rbac.authorization.k8s.io/v1", "Role", READER_ROLE,
        namespace, selector());
    o.put("rules", readerRules());
    return o;
  }

  static Map<String, Object> readerRoleBinding(CatalogInstallation c, String namespace) {
    Map<String, Object> o = object("rbac.authorization.k8s.io/v1", "RoleBinding", READER_ROLE,
        namespace, selector());
    o.put("roleRef", roleRef("Role", READER_ROLE));
    return subjects(c, o);
  }

  /** The Lease: one leader writes status and schedules scans. */
  static Map<String, Object> leaderRole(CatalogInstallation c) {
    Map<String, Object> o = object("rbac.authorization.k8s.io/v1", "Role", LEADER_ROLE,
        c.namespace(), selector());
    o.put("rules", List.of(rule("coordination.k8s.io", List.of("leases"),
        List.of("get", "create", "update", "patch"))));
    return o;
  }

  static Map<String, Object> leaderRoleBinding(CatalogInstallation c) {
    Map<String, Object> o = object("rbac.authorization.k8s.io/v1", "RoleBinding", LEADER_ROLE,
        c.namespace(), selector());
    o.put("roleRef", roleRef("Role", LEADER_ROLE));
    return subjects(c, o);
  }

  private static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  static Map<String, Object> deployment(CatalogInstallation c) {
    Map<String, Object> o = object("apps/v1", "Deployment", NAME, c.namespace(), labels(c));
    Map<String, Object> requests = map("cpu", c.cpuRequest(), "memory", c.memoryRequest());
    Map<String, Object> limits = new LinkedHashMap<>();
    c.cpuLimit().ifPresent(l -> limits.put("cpu", l));
    limits.put("memory", c.memoryLimit());
    List<Object> mounts = new ArrayList<>();
    List<Object> volumes = new ArrayList<>();
    new java.util.TreeMap<>(ControllerContainer.SCRATCH).forEach((name, path) -> {
      mounts.add(map("name", name, "mountPath", path));
      volumes.add(map("name", name, "emptyDir", map("sizeLimit", "1Gi")));
    });
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", "controller");
    container.put("image", c.imageReference());
    container.put("imagePullPolicy", "IfNotPresent");
    container.put("args", ControllerContainer.args(c.watchNamespaces()));
    container.put("env", ControllerContainer.env());
    container.put("ports", List.of(map("name", "http", "containerPort",
        ControllerContainer.PORT, "protocol", "TCP")));
    container.put("livenessProbe", map("httpGet", map("path", ControllerContainer.LIVENESS,
        "port", "http"), "initialDelaySeconds", 10, "periodSeconds", 10, "failureThreshold", 3));
    container.put("readinessProbe", map("httpGet", map("path", ControllerContainer.READINESS,
        "port", "http"), "periodSeconds", 5, "failureThreshold", 3));
    container.put("resources", map("requests", requests, "limits", limits));
    container.put("securityContext", map(
        "allowPrivilegeEscalation", false,
        "capabilities", map("drop", List.of("ALL")),
        "readOnlyRootFilesystem", true,
        "runAsNonRoot", true,
        "seccompProfile", map("type", "RuntimeDefault")));
    container.put("volumeMounts", mounts);
    Map<String, Object> podSpec = new LinkedHashMap<>();
    podSpec.put("serviceAccountName", NAME);
    podSpec.put("securityContext", map(
        "runAsNonRoot", true,
        "runAsUser", 65532,
        "runAsGroup", 65532,
        "fsGroup", 65532,
        "seccompProfile", map("type", "RuntimeDefault")));
    // Replicas on different nodes when the cluster has them: losing a node keeps a reader.
    podSpec.put("affinity", map("podAntiAffinity", map(
        "preferredDuringSchedulingIgnoredDuringExecution", List.of(map("weight", 100,
            "podAffinityTerm", map("labelSelector", map("matchLabels", selector()),
                "topologyKey", "kubernetes.io/hostname"))))));
    podSpec.put("terminationGracePeriodSeconds", 30);
    podSpec.put("containers", List.of(container));
    podSpec.put("volumes", volumes);
    Map<String, Object> podMeta = map("labels", labels(c), "annotations", map(
        "prometheus.io/scrape", "true",
        "prometheus.io/port", Integer.toString(ControllerContainer.PORT),
        "prometheus.io/path", ControllerContainer.METRICS));
    o.put("spec", map(
        "replicas", c.replicas(),
        "selector", map("matchLabels", selector()),
        "strategy", map("type", "RollingUpdate", "rollingUpdate",
            map("maxUnavailable", 0, "maxSurge", 1)),
        "template", map("metadata", podMeta, "spec", podSpec)));
    return o;
  }

  static Map<String, Object> service(CatalogInstallation c) {
    Map<String, Object> o = object("v1", "Service", CatalogService.NAME,
        c.namespace(), labels(c));
    o.put("spec", map("type", "ClusterIP", "selector", selector(), "ports", List.of(map(
        "name", "http", "port", CatalogService.PORT, "targetPort", "http",
        "protocol", "TCP"))));
    return o;
  }

  static Map<String, Object> podDisruptionBudget(CatalogInstallation c) {
    Map<String, Object> o = object("policy/v1", "PodDisruptionBudget", NAME, c.namespace(),
        labels(c));
    o.put("spec", map("minAvailable", 1, "selector", map("matchLabels", selector())));
    return o;
  }

  /**
   * In: the API port only, from anywhere (the API server's service proxy connects from the
   * control plane, which no pod selector matches). Out: DNS, the API server and git over
   * HTTPS and SSH.
   */
  static Map<String, Object> networkPolicy(CatalogInstallation c) {
    Map<String, Object> o = object("networking.k8s.io/v1", "NetworkPolicy", NAME,
        c.namespace(), labels(c));
    o.put("spec", map(
        "podSelector", map("matchLabels", selector()),
        "policyTypes", List.of("Ingress", "Egress"),
        "ingress", List.of(map("ports", List.of(port("TCP", ControllerContainer.PORT)))),
        "egress", List.of(
            map("ports", List.of(port("UDP", 53), port("TCP", 53))),
            map("ports", List.of(port("TCP", 443), port("TCP", 6443), port("TCP", 22))))));
    return o;
  }

  private static Map<String, Object> port(String protocol, int port) {
    return map("protocol", protocol, "port", port);
  }

  static Map<String, Object> kustomization(List<String> resources) {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    k.put("kind", "Kustomization");
    k.put("resources", resources);
    return k;
  }

  static Map<String, Object> fluxKustomization(CatalogInstallation c, String path) {
    Map<String, Object> o = object(Flux.KUSTOMIZE_API, "Kustomization", FLUX_NAME,
        c.fluxNamespace(), null);
    o.put("spec", map(
        "interval", "10m",
        "path", path,
        "prune", true,
        "wait", true,
        "timeout", "5m",
        "sourceRef", map("kind", "GitRepository", "name", c.source().name(),
            "namespace", c.source().namespace())));
    return o;
  }
}
