package dev.profiles.core.preview.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.Preview;
import dev.profiles.core.preview.RiskFinding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The risk rules on objects compared directly ({@link Preview#compare}). */
class RisksTest {
  static List<KubeObject> objects(String yaml) throws Exception {
    return yaml.isEmpty() ? List.of()
        : Manifests.read("x.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  static List<String> findings(String before, String after) throws Exception {
    Preview p = Preview.compare("test", Optional.empty(), objects(before), objects(after),
        List.of());
    return p.findings().stream().map(f -> f.severity() + " " + f.rule() + ": " + f.message())
        .toList();
  }

  static final String CRD = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: widgets.example.com}
      spec:
        scope: Namespaced
        versions:
        - {name: v1beta1, served: true, storage: false}
        - {name: v1, served: true, storage: true}
      """;

  @Test
  void crdsAddedRemovedAndAServedVersionNoLongerServed() throws Exception {
    assertThat(findings("", CRD)).singleElement().asString().startsWith("MEDIUM crd.added");
    assertThat(findings(CRD, "")).singleElement().asString().startsWith("HIGH crd.removed");
    assertThat(findings(CRD, CRD.replace("{name: v1beta1, served: true",
        "{name: v1beta1, served: false"))).singleElement().asString()
        .startsWith("HIGH crd.served-version-removed").contains("v1beta1");
    assertThat(findings(CRD, CRD)).isEmpty();
  }

  static final String ROLE = """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: r, namespace: team}
      rules:
      - {apiGroups: [apps], resources: [deployments], verbs: [get]}
      """;

  @Test
  void rolesAndBindingsByScopeAndWildcard() throws Exception {
    assertThat(findings("", ROLE)).containsExactly(
        "LOW rbac.role-added: grants get apps/deployments in team");
    assertThat(findings("", ROLE.replace("verbs: [get]", "verbs: ['*']"))).singleElement()
        .asString().startsWith("MEDIUM rbac.role-added").endsWith("(wildcard)");
    assertThat(findings("", ROLE.replace("kind: Role", "kind: ClusterRole")
        .replace("verbs: [get]", "verbs: ['*']"))).singleElement().asString()
        .startsWith("HIGH rbac.role-added").contains("cluster-wide");
    assertThat(findings(ROLE, ROLE.replace("verbs: [get]", "verbs: [get, list]")))
        .containsExactly("LOW rbac.role-widened: newly grants list apps/deployments in team");
    assertThat(findings(ROLE.replace("verbs: [get]", "verbs: [get, list]"), ROLE)).isEmpty();
    String binding = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: b, namespace: team}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
        subjects:
        - {kind: User, name: alice}
        """;
    assertThat(findings("", binding)).containsExactly(
        "LOW rbac.binding-added: binds User alice to Role r");
    assertThat(findings(binding, binding + "- {kind: User, name: bob}\n")).containsExactly(
        "LOW rbac.binding-widened: adds User bob to Role r");
    assertThat(findings(binding, binding.replace("kind: Role, name: r",
        "kind: ClusterRole, name: cluster-admin"))).singleElement().asString()
        .startsWith("HIGH rbac.binding-widened: rebinds User alice to ClusterRole cluster-admin");
  }

  @Test
  void webhooksNamespacesAndImagesOfEveryWorkloadKind() throws Exception {
    String hook = """
        apiVersion: admissionregistration.k8s.io/v1
        kind: MutatingWebhookConfiguration
        metadata: {name: m}
        webhooks:
        - {name: m.example.com, failurePolicy: Ignore}
        """;
    assertThat(findings("", hook)).singleElement().asString()
        .startsWith("MEDIUM webhook.added: adds mutating admission webhook m.example.com");
    assertThat(findings(hook, "")).singleElement().asString().startsWith("LOW webhook.removed");
    assertThat(findings("", "apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n"))
        .containsExactly("LOW namespace.added: creates namespace n");
    String cron = """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers: [{name: init, image: busybox}]
                  containers: [{name: job, image: "registry.example.com:5000/job@sha256:abc"}]
        """;
    assertThat(findings("", cron)).containsExactly(
        "MEDIUM image.added: initContainers/init runs busybox (not pinned to a version)",
        "LOW image.added: containers/job runs registry.example.com:5000/job@sha256:abc");
    String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
        + "  containers: [{name: a, image: 'x:1'}]\n";
    assertThat(findings(pod, pod.replace("x:1", "x:latest"))).containsExactly(
        "MEDIUM image.changed: containers/a: x:1 -> x:latest (not pinned to a version)");
    assertThat(findings(pod, "")).isEmpty();
    List<RiskFinding.Severity> order = Preview.compare("t", Optional.empty(), List.of(),
        objects(pod + "---\n" + CRD.replace("name: widgets", "name: a") + "---\n"
            + "apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n"), List.of())
        .findings().stream().map(RiskFinding::severity).toList();
    assertThat(order).isSorted();
  }
}
