package dev.profiles.flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.InvalidModelException;
import dev.profiles.flux.catalog.CatalogInstallation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog's own installation: which objects, their exact permissions and security context,
 * every object read back into fabric8's typed Kubernetes model with no unknown field, the Flux
 * Kustomization valid against the vendored Flux CRD, and both kustomizations built by kubectl.
 */
class CatalogInstallationTest {
  static final String IMAGE = "registry.example.com/platform/profiles-catalog-controller";
  static final String DIR = CatalogInstallation.DEFAULT_DIRECTORY;
  static final String M = DIR + "/manifests/";

  private static final JsonMapper FABRIC8 = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

  private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
      Map.entry("Namespace", Namespace.class),
      Map.entry("ServiceAccount", ServiceAccount.class),
      Map.entry("ClusterRole", ClusterRole.class),
      Map.entry("ClusterRoleBinding", ClusterRoleBinding.class),
      Map.entry("Role", Role.class),
      Map.entry("RoleBinding", RoleBinding.class),
      Map.entry("Deployment", Deployment.class),
      Map.entry("Service", Service.class),
      Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
      Map.entry("NetworkPolicy", NetworkPolicy.class),
      Map.entry("CustomResourceDefinition", CustomResourceDefinition.class));

  static CatalogInstallation.Builder base() {
    return CatalogInstallation.builder().image(IMAGE).version("v0.1.0");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> doc(RenderedFiles files, String path) {
    return (Map<String, Object>) new Yaml().load(files.text(path).orElseThrow());
  }

  /** Every object of the files (kustomization.yaml aside) in fabric8's model, path by path. */
  static Map<String, HasMetadata> typed(RenderedFiles files) {
    Map<String, HasMetadata> out = new TreeMap<>();
    for (String path : files.paths()) {
      if (!path.startsWith(M) || path.endsWith("kustomization.yaml")) {
        continue;
      }
      Map<String, Object> tree = doc(files, path);
      Class<? extends HasMetadata> type = TYPES.get((String) tree.get("kind"));
      assertThat(type).as(path + " has a known kind").isNotNull();
      HasMetadata object = FABRIC8.convertValue(tree, type);
      List<String> unknown = new ArrayList<>();
      unknownFields(object, path, unknown);
      assertThat(unknown).as("fields fabric8's model does not know").isEmpty();
      if (!(object instanceof CustomResourceDefinition)) {
        // (The vendored CRDs carry controller-gen's empty status and null timestamp.)
        assertThat(json(object)).as(path + " round-trips").isEqualTo(json(tree));
      }
      out.put(path, object);
    }
    return out;
  }

  private static Object json(Object o) {
    return FABRIC8.readValue(FABRIC8.writeValueAsString(o), Map.class);
  }

  /** fabric8 keeps fields it does not model in additionalProperties: there must be none. */
  private static void unknownFields(Object o, String path, List<String> out) {
    if (o instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        unknownFields(list.get(i), path + "[" + i + "]", out);
      }
      return;
    }
    if (o instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknownFields(v, path + "." + k, out));
      return;
    }
    if (o == null || !o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || !m.getName().startsWith("get")
          || m.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = m.invoke(o);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
      if (m.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          out.add(path + ": " + extra.keySet());
        }
      } else if (!(o instanceof CustomResourceDefinition) || !m.getName().equals("getSpec")) {
        unknownFields(value, path + "." + m.getName().substring(3), out);
      }
    }
  }

  @Test
  void theDefaultInstallationIsOneDirectoryWithEveryObject() throws Exception {
    RenderedFiles files = base().build().render();
    assertThat(files.paths()).containsExactly(
        DIR + "/kustomization.yaml",
        M + "clusterrole.yaml",
        M + "clusterrolebinding.yaml",
        M + "crds/weave.works_profilecatalogsources.yaml",
        M + "crds/weave.works_profiledefinitions.yaml",
        M + "crds/weave.works_profileinstallations.yaml",
        M + "deployment.yaml",
        M + "kustomization.yaml",
        M + "leader-election-role.yaml",
        M + "leader-election-rolebinding.yaml",
        M + "namespace.yaml",
        M + "poddisruptionbudget.yaml",
        M + "service.yaml",
        M + "serviceaccount.yaml",
        DIR + "/profiles-catalog.yaml");
    assertThat(doc(files, DIR + "/kustomization.yaml").get("resources"))
        .isEqualTo(List.of("profiles-catalog.yaml"));
    List<String> listed = new ArrayList<>();
    for (Object r : (List<?>) doc(files, M + "kustomization.yaml").get("resources")) {
      listed.add(M + r);
    }
    List<String> expected = new ArrayList<>(files.paths());
    expected.removeIf(p -> !p.startsWith(M) || p.endsWith("/kustomization.yaml"));
    assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(base().build().render()).as("deterministic").isEqualTo(files);
  }

  @Test
  void theProfilesCrdsAreTheVendoredOnesByteForByteWithTheStatusSubresource() throws Exception {
    RenderedFiles files = base().build().render();
    for (String crd : List.of("weave.works_profilecatalogsources.yaml",
        "weave.works_profiledefinitions.yaml", "weave.works_profileinstallations.yaml")) {
      byte[] vendored;
      try (var in = getClass().getResourceAsStream("/dev/profiles/flux/crds/profiles/" + crd)) {
        vendored = in.readAllBytes();
      }
      assertThat(files.bytes(M + "crds/" + crd).orElseThrow()).isEqualTo(vendored);
    }
    CustomResourceDefinition sources = (CustomResourceDefinition) typed(files)
        .get(M + "crds/weave.works_profilecatalogsources.yaml");
    assertThat(sources.getSpec().getNames().getKind()).isEqualTo("ProfileCatalogSource");
    assertThat(sources.getSpec().getVersions()).anySatisfy(v -> {
      assertThat(v.getServed()).isTrue();
      assertThat(v.getSubresources()).isNotNull();
      assertThat(v.getSubresources().getStatus()).isNotNull();
    });
  }

  @Test
  void everyObjectIsValidInFabric8sModelAndTheFluxKustomizationAgainstItsCrd() throws Exception {
    for (CatalogInstallation c : List.of(base().build(),
        base().replicas(1).networkPolicy(true).fluxNamespace("flux").build(),
        base().replicas(3).addWatchNamespace("team-a").addWatchNamespace("team-b").build())) {
      RenderedFiles files = c.render();
      Map<String, HasMetadata> objects = typed(files);
      assertThat(objects).isNotEmpty();
      assertThat(ManifestValidator.bundled().validate(files)).isEmpty();
      String flux = DIR + "/profiles-catalog.yaml";
      assertThat(ManifestValidator.bundled().validate(flux, files.text(flux).orElseThrow()))
          .isEmpty();
      Map<String, Object> k = doc(files, flux);
      assertThat(k.get("apiVersion")).isEqualTo("kustomize.toolkit.fluxcd.io/v1");
      assertThat(k.get("kind")).isEqualTo("Kustomization");
      assertThat(k.get("metadata")).isEqualTo(Map.of("name", "profiles-catalog",
          "namespace", c.fluxNamespace()));
      @SuppressWarnings("unchecked")
      Map<String, Object> spec = (Map<String, Object>) k.get("spec");
      assertThat(spec).containsEntry("path", "./" + DIR + "/manifests")
          .containsEntry("prune", true).containsEntry("sourceRef", Map.of("kind",
              "GitRepository", "name", "flux-system", "namespace", c.fluxNamespace()));
      // The fields the API server requires, which fabric8's model does not enforce.
      objects.values().forEach(o -> assertThat(o.getMetadata().getName()).isNotBlank());
      Deployment d = (Deployment) objects.get(M + "deployment.yaml");
      assertThat(d.getSpec().getSelector().getMatchLabels())
          .isEqualTo(d.getSpec().getTemplate().getMetadata().getLabels().entrySet().stream()
              .filter(e -> d.getSpec().getSelector().getMatchLabels().containsKey(e.getKey()))
              .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                  Map.Entry::getValue)));
      assertThat(d.getSpec().getTemplate().getSpec().getContainers()).singleElement()
          .satisfies(ct -> assertThat(ct.getImage()).isEqualTo(IMAGE + ":v0.1.0"));
      Service s = (Service) objects.get(M + "service.yaml");
      assertThat(s.getSpec().getPorts()).singleElement().satisfies(p -> {
        assertThat(p.getPort()).isEqualTo(8000);
        assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
      });
      assertThat(s.getMetadata().getName()).isEqualTo("profiles-catalog-service");
      assertThat(s.getMetadata().getNamespace()).isEqualTo("profiles-system");
      assertThat(s.getSpec().getSelector())
          .isEqualTo(d.getSpec().getSelector().getMatchLabels());
    }
  }

  @Test
  void theReplicasThePdbAndTheNetworkPolicyFollowTheOptions() throws Exception {
    RenderedFiles one = base().replicas(1).build().render();
    assertThat(((Deployment) typed(one).get(M + "deployment.yaml")).getSpec().getReplicas())
        .isEqualTo(1);
    assertThat(one.paths()).as("minAvailable 1 on one replica would block every drain")
        .doesNotContain(M + "poddisruptionbudget.yaml").doesNotContain(M + "networkpolicy.yaml");

    RenderedFiles three = base().replicas(3).networkPolicy(true).build().render();
    Map<String, HasMetadata> objects = typed(three);
    assertThat(((Deployment) objects.get(M + "deployment.yaml")).getSpec().getReplicas())
        .isEqualTo(3);
    PodDisruptionBudget pdb = (PodDisruptionBudget) objects.get(M + "poddisruptionbudget.yaml");
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of(
        "app.kubernetes.io/name", "profiles-catalog", "app.kubernetes.io/component",
        "controller"));
    NetworkPolicy np = (NetworkPolicy) objects.get(M + "networkpolicy.yaml");
    assertThat(np.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(np.getSpec().getIngress()).singleElement().satisfies(i -> {
      assertThat(i.getFrom()).isEmpty();
      assertThat(i.getPorts()).singleElement().satisfies(p -> {
        assertThat(p.getPort().getIntVal()).isEqualTo(8000);
        assertThat(p.getProtocol()).isEqualTo("TCP");
      });
    });
    List<String> egress = new ArrayList<>();
    np.getSpec().getEgress().forEach(e -> e.getPorts().forEach(
        p -> egress.add(p.getProtocol() + "/" + p.getPort().getIntVal())));
    assertThat(egress).containsExactly("UDP/53", "TCP/53", "TCP/443", "TCP/6443", "TCP/22");
    assertThat(doc(three, M + "kustomization.yaml").get("resources").toString())
        .contains("networkpolicy.yaml");
  }

  @Test
  void aCustomFluxNamespaceImageAndSourceReachTheirObjects() throws Exception {
    CatalogInstallation c = CatalogInstallation.builder()
        .image("localhost:5000/catalog@sha256:" + "a".repeat(64)).fluxNamespace("gitops")
        .gitRepository(GitRepositoryReference.of("gitops", "cluster-repo"))
        .directory("clusters/prod/catalog").cpuLimit("2").memoryLimit("1Gi").build();
    RenderedFiles files = c.render();
    assertThat(files.paths()).allMatch(p -> p.startsWith("clusters/prod/catalog/"));
    Map<String, Object> flux = doc(files, "clusters/prod/catalog/profiles-catalog.yaml");
    assertThat(flux.get("metadata")).isEqualTo(Map.of("name", "profiles-catalog",
        "namespace", "gitops"));
    assertThat(flux.get("spec").toString())
        .contains("path=./clusters/prod/catalog/manifests")
        .contains("name=cluster-repo, namespace=gitops");
    RenderedFiles relocated = CatalogInstallation.builder().from(c)
        .directory("clusters/prod/catalog").build().render();
    assertThat(relocated).isEqualTo(files);
    String deployment = files.text("clusters/prod/catalog/manifests/deployment.yaml")
        .orElseThrow();
    assertThat(deployment).contains("image: localhost:5000/catalog@sha256:" + "a".repeat(64));
    assertThat(deployment).contains("cpu: \"2\"").contains("memory: 1Gi");
  }

  @Test
  void rbacIsLeastPrivilegeExactly() throws Exception {
    Map<String, HasMetadata> objects = typed(base().build().render());
    ClusterRole role = (ClusterRole) objects.get(M + "clusterrole.yaml");
    assertThat(rules(role.getRules())).containsExactly(
        "weave.works profilecatalogsources get,list,watch",
        "weave.works profilecatalogsources/status update,patch",
        " secrets get,list,watch");
    ClusterRoleBinding binding = (ClusterRoleBinding) objects.get(M + "clusterrolebinding.yaml");
    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getRoleRef().getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
    assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
      assertThat(s.getKind()).isEqualTo("ServiceAccount");
      assertThat(s.getName()).isEqualTo(objects.get(M + "serviceaccount.yaml").getMetadata()
          .getName());
      assertThat(s.getNamespace()).isEqualTo("profiles-system");
    });
    Role leases = (Role) objects.get(M + "leader-election-role.yaml");
    assertThat(leases.getMetadata().getNamespace()).isEqualTo("profiles-system");
    assertThat(rules(leases.getRules())).containsExactly("coordination.k8s.io leases"
        + " get,create,update,patch");
    RoleBinding leaseBinding = (RoleBinding) objects.get(M + "leader-election-rolebinding.yaml");
    assertThat(leaseBinding.getRoleRef().getName()).isEqualTo(leases.getMetadata().getName());
    assertThat(leaseBinding.getMetadata().getNamespace()).isEqualTo("profiles-system");
    // No wildcard, no other object with rules.
    long withRules = objects.values().stream()
        .filter(o -> o instanceof ClusterRole || o instanceof Role).count();
    assertThat(withRules).isEqualTo(2);
  }

  @Test
  void watchingNamespacesGrantsReadingInExactlyThoseNamespaces() throws Exception {
    Map<String, HasMetadata> objects = typed(base().addWatchNamespace("team-a")
        .addWatchNamespace("team-b").build().render());
    assertThat(objects.values()).noneMatch(o -> o instanceof ClusterRole
        || o instanceof ClusterRoleBinding);
    for (String ns : List.of("team-a", "team-b")) {
      Role role = (Role) objects.get(M + "reader-role-" + ns + ".yaml");
      assertThat(role.getMetadata().getNamespace()).isEqualTo(ns);
      assertThat(rules(role.getRules())).containsExactly(
          "weave.works profilecatalogsources get,list,watch",
          "weave.works profilecatalogsources/status update,patch",
          " secrets get,list,watch");
      RoleBinding b = (RoleBinding) objects.get(M + "reader-rolebinding-" + ns + ".yaml");
      assertThat(b.getMetadata().getNamespace()).isEqualTo(ns);
      assertThat(b.getSubjects()).singleElement()
          .satisfies(s -> assertThat(s.getNamespace()).isEqualTo("profiles-system"));
    }
    Deployment d = (Deployment) objects.get(M + "deployment.yaml");
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsExactly("--port", "8000", "--cache", "/var/cache/profiles/repositories",
            "--work-dir", "/tmp/profiles-catalog-controller", "--namespaces=team-a,team-b");
  }

  private static List<String> rules(List<PolicyRule> rules) {
    List<String> out = new ArrayList<>();
    for (PolicyRule r : rules) {
      assertThat(r.getResourceNames()).isEmpty();
      assertThat(r.getNonResourceURLs()).isEmpty();
      out.add(String.join(",", r.getApiGroups()) + " " + String.join(",", r.getResources())
          + " " + String.join(",", r.getVerbs()));
    }
    return out;
  }

  @Test
  void theControllerRunsNonRootOnAReadOnlyRootWithNoCapabilitiesAndProbes() throws Exception {
    Deployment d = (Deployment) typed(base().build().render()).get(M + "deployment.yaml");
    var pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("profiles-catalog-controller");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType())
        .isEqualTo("RuntimeDefault");
    var c = pod.getContainers().get(0);
    var sc = c.getSecurityContext();
    assertThat(sc.getRunAsNonRoot()).isTrue();
    assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
    assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(sc.getPrivileged()).isNull();
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(sc.getCapabilities().getAdd()).isEmpty();
    assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(c.getPorts()).singleElement()
        .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8000));
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(c.getResources().getLimits()).containsOnlyKeys("memory");
    assertThat(c.getArgs()).containsExactly("--port", "8000",
        "--cache", "/var/cache/profiles/repositories",
        "--work-dir", "/tmp/profiles-catalog-controller");
    assertThat(c.getEnv()).extracting(e -> e.getName()).contains("POD_NAME", "POD_NAMESPACE");
    assertThat(c.getEnv()).filteredOn(e -> e.getName().equals("POD_NAMESPACE")).singleElement()
        .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath())
            .isEqualTo("metadata.namespace"));
    // Writable scratch only in emptyDirs: /tmp and the scan cache.
    assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath())
        .containsExactlyInAnyOrder("/tmp", "/var/cache/profiles");
    assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
    assertThat(pod.getHostNetwork()).isNull();
  }

  @Test
  void invalidOptionsAreConfigurationErrorsListingEveryProblem() {
    assertThatThrownBy(() -> CatalogInstallation.builder().build())
        .isInstanceOf(ProfilesConfigurationException.class).hasMessageContaining("image");
    assertThatThrownBy(() -> CatalogInstallation.builder().image(IMAGE).build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("no tag or digest");
    assertThatThrownBy(() -> CatalogInstallation.builder().image(IMAGE + ":latest").build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("latest");
    assertThatThrownBy(() -> base().version("latest").build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("latest");
    assertThatThrownBy(() -> CatalogInstallation.builder().image(IMAGE + ":v1").version("v2")
        .build()).isInstanceOf(InvalidModelException.class).hasMessageContaining("not both");
    assertThatThrownBy(() -> CatalogInstallation.builder().image("Not An Image\nforged: line")
        .version("v1").build()).isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("image: is not an image reference")
        .hasMessageNotContaining("forged");
    assertThatThrownBy(() -> base().version("v 1").build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("version");
    assertThatThrownBy(() -> base().replicas(0).build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("replicas");
    assertThatThrownBy(() -> base().replicas(51).build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("replicas");
    assertThatThrownBy(() -> base().fluxNamespace("Flux_System").build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("fluxNamespace");
    assertThatThrownBy(() -> base().namespace("").build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("namespace");
    assertThatThrownBy(() -> base().directory("../outside").build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("directory");
    assertThatThrownBy(() -> base().directory(".").build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("directory");
    assertThatThrownBy(() -> base().directory(".git/hooks").build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("directory");
    assertThatThrownBy(() -> base().memoryLimit("lots").build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("memoryLimit");
    assertThatThrownBy(() -> base().addWatchNamespace("a").addWatchNamespace("a").build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("named twice");
    assertThatThrownBy(() -> base().replicas(0).memoryRequest("x").build())
        .isInstanceOfSatisfying(InvalidModelException.class,
            e -> assertThat(e.getMessage()).contains("replicas").contains("memoryRequest"));
  }

  private static Optional<String> onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

  @Test
  void bothKustomizationsBuildWithKubectl(@TempDir Path repo) throws Exception {
    Optional<String> kubectl = onPath("kubectl");
    Prerequisites.require(kubectl.isPresent(), "kubectl is not on PATH; install Debian's"
        + " kubernetes-client (apt-get install -y kubernetes-client) to run this test");
    for (CatalogInstallation c : List.of(base().build(),
        base().replicas(3).networkPolicy(true).addWatchNamespace("team-a").build())) {
      RenderedFiles files = c.render();
      Path root = repo.resolve("r" + c.hashCode());
      for (String path : files.paths()) {
        Path target = root.resolve(path);
        Files.createDirectories(target.getParent());
        Files.write(target, files.bytes(path).orElseThrow());
      }
      String manifests = kustomize(kubectl.get(), root.resolve(M));
      List<String> kinds = new ArrayList<>();
      for (Object d : new Yaml().loadAll(manifests)) {
        kinds.add((String) ((Map<?, ?>) d).get("kind"));
      }
      List<String> expected = new ArrayList<>(List.of("CustomResourceDefinition",
          "CustomResourceDefinition", "CustomResourceDefinition", "Namespace",
          "ServiceAccount", "Role", "RoleBinding", "Deployment", "Service"));
      if (c.watchNamespaces().isEmpty()) {
        expected.addAll(List.of("ClusterRole", "ClusterRoleBinding"));
      } else {
        expected.addAll(List.of("Role", "RoleBinding"));
      }
      if (c.replicas() > 1) {
        expected.add("PodDisruptionBudget");
      }
      if (c.networkPolicy()) {
        expected.add("NetworkPolicy");
      }
      assertThat(kinds).containsExactlyInAnyOrderElementsOf(expected);
      String top = kustomize(kubectl.get(), root.resolve(DIR));
      List<Object> topDocs = new ArrayList<>();
      new Yaml().loadAll(top).forEach(topDocs::add);
      assertThat(topDocs).singleElement().satisfies(d -> assertThat(((Map<?, ?>) d)
          .get("apiVersion")).isEqualTo("kustomize.toolkit.fluxcd.io/v1"));
    }
  }

  private static String kustomize(String kubectl, Path dir) throws Exception {
    Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("kustomize finished").isTrue();
    assertThat(process.exitValue()).as(dir + ":\n" + output).isZero();
    return output;
  }
}
