package dev.profiles.flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.yaml.DocumentProblem;
import dev.profiles.core.yaml.ProfileYaml;
import dev.profiles.flux.internal.CelRule;
import dev.profiles.flux.internal.Crds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestValidatorTest {
  private static final String RELEASE = String.join("\n",
      "apiVersion: helm.toolkit.fluxcd.io/v2",
      "kind: HelmRelease",
      "metadata:",
      "  name: web",
      "  namespace: apps",
      "spec:",
      "  interval: 5m",
      "  releaseName: web",
      "  chart:",
      "    spec:",
      "      chart: web",
      "      version: \"1.0.0\"",
      "      sourceRef:",
      "        kind: HelmRepository",
      "        name: web",
      "");

  private static List<DocumentProblem> validate(String yaml) {
    return ManifestValidator.bundled().validate("m.yaml", yaml);
  }

  private static String messages(List<DocumentProblem> problems) {
    return problems.toString();
  }

  @Test
  void aValidHelmReleasePasses() {
    assertThat(validate(RELEASE)).isEmpty();
  }

  @Test
  void servesTheCurrentFluxApis() {
    assertThat(ManifestValidator.bundled().kinds()).contains(
        "helm.toolkit.fluxcd.io/v2 HelmRelease",
        "kustomize.toolkit.fluxcd.io/v1 Kustomization",
        "source.toolkit.fluxcd.io/v1 HelmRepository",
        "source.toolkit.fluxcd.io/v1 GitRepository",
        "weave.works/v1alpha1 ProfileInstallation");
  }

  @Test
  void unknownFieldsAreRejectedWithTheirLocation() {
    List<DocumentProblem> problems = validate(RELEASE + "  replicas: 3\n");
    assertThat(problems).containsExactly(
        new DocumentProblem("m.yaml", 16, 3, "spec.replicas", "unknown field \"spec.replicas\""));
  }

  @Test
  void wrongTypesAreRejected() {
    List<DocumentProblem> problems = validate(RELEASE.replace("version: \"1.0.0\"", "version: 1")
        + "  suspend: \"yes\"\n");
    assertThat(problems).extracting(DocumentProblem::path, DocumentProblem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("spec.chart.spec.version",
                "must be a string, not an integer (1) (quote it)"),
            org.assertj.core.groups.Tuple.tuple("spec.suspend",
                "must be a boolean, not a string (yes)"));
  }

  @Test
  void missingRequiredFieldsAreRejected() {
    List<DocumentProblem> problems = validate(RELEASE.replace("  interval: 5m\n", "")
        .replace("        name: web\n", ""));
    assertThat(problems).extracting(DocumentProblem::path).containsExactlyInAnyOrder(
        "spec.interval", "spec.chart.spec.sourceRef.name");
    assertThat(problems).extracting(DocumentProblem::message).containsOnly("required value");
  }

  @Test
  void enumPatternAndLengthAreChecked() {
    List<DocumentProblem> problems = validate(RELEASE
        .replace("kind: HelmRepository", "kind: Bucketz")
        .replace("interval: 5m", "interval: five minutes")
        .replace("releaseName: web", "releaseName: " + "w".repeat(54)));
    assertThat(messages(problems))
        .contains("spec.chart.spec.sourceRef.kind: unsupported value \"Bucketz\": supported"
            + " values: [HelmRepository, GitRepository, Bucket]")
        .contains("spec.interval: \"five minutes\" does not match pattern")
        .contains("spec.releaseName: may not be more than 53 characters long (is 54)");
  }

  @Test
  void celRulesOfTheCrdAreEvaluated() {
    String both = RELEASE + "  chartRef:\n    kind: OCIRepository\n    name: web\n";
    assertThat(validate(both)).extracting(DocumentProblem::message)
        .containsExactly("either chart or chartRef must be set");
    String neither = RELEASE.substring(0, RELEASE.indexOf("  chart:\n"));
    assertThat(validate(neither)).extracting(DocumentProblem::message)
        .containsExactly("either chart or chartRef must be set");
  }

  @Test
  void everyCelRuleOfTheVendoredCrdsIsUnderstood() {
    List<String> rules = Crds.bundled().ruleSources();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(15);
    for (String rule : rules) {
      assertThat(CelRule.parse(rule, "m")).as(rule).isPresent();
    }
    // Loading evaluates every rule: none is left behind in a place the validator skips.
    assertThat(Crds.bundled().evaluatedRuleCount()).isEqualTo(rules.size());
    assertThat(ManifestValidator.bundled().kinds()).contains("helm.toolkit.fluxcd.io/v2 HelmRelease");
  }

  @Test
  void theIndexNamesTheKindEachBundledFileDefines() throws Exception {
    java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> listed = new java.util.TreeMap<>();
    String root = "/dev/profiles/flux/crds/";
    String index;
    try (var in = Crds.class.getResourceAsStream(root + "index.txt")) {
      index = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    for (String line : index.strip().split("\n")) {
      String[] fields = line.split(" ");
      try (var in = Crds.class.getResourceAsStream(root + fields[0])) {
        files.put(fields[0],
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
      listed.put(fields[0], fields[1]);
    }
    Crds eager = Crds.load(files);

    // Compiled kind by kind on demand, the bundled set is the same as all files compiled at once.
    assertThat(Crds.bundled().kinds()).isEqualTo(eager.kinds()).hasSizeGreaterThanOrEqualTo(11);
    assertThat(Crds.bundled().evaluatedRuleCount()).isEqualTo(eager.evaluatedRuleCount());
    listed.forEach((file, kind) -> assertThat(eager.kinds()).as(file)
        .anyMatch(k -> k.endsWith(" " + kind)));
    assertThat(Crds.bundled().served("helm.toolkit.fluxcd.io", "HelmRelease"))
        .containsExactly("helm.toolkit.fluxcd.io/v2");
    assertThat(Crds.bundled().schema("helm.toolkit.fluxcd.io/v2", "HelmRelease")).isPresent();
    assertThat(Crds.bundled().schema("helm.toolkit.fluxcd.io/v2", "Kustomization")).isEmpty();
    assertThat(Crds.bundled().schema("v1", "ConfigMap")).isEmpty();
  }

  private static String crd(String rulesAt) {
    return """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          names:
            kind: Widget
          versions:
            - name: v1
              served: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
        """ + rulesAt;
  }

  @Test
  void aCrdWithARuleOutsideTheSubsetIsRefusedWhenLoaded() {
    String onSpec = crd("""
                      x-kubernetes-validations:
                        - rule: has(self.a) || has(self.b)
                        - rule: self.replicas <= self.maxReplicas
                          message: too many
        """);
    assertThatThrownBy(() -> Crds.load(Map.of("widgets.yaml", onSpec)))
        .isInstanceOfSatisfying(UnsupportedCrdRuleException.class, e -> {
          assertThat(e.crd()).isEqualTo("widgets.example.com v1");
          assertThat(e.fieldPath()).isEqualTo("spec");
          assertThat(e.rule()).isEqualTo("self.replicas <= self.maxReplicas");
        })
        .isInstanceOf(dev.profiles.core.ProfilesConfigurationException.class)
        .hasMessage("CRD widgets.example.com v1, field spec: rule 'self.replicas <="
            + " self.maxReplicas' is outside the CEL subset the validator evaluates; it would"
            + " be skipped, so the CRD is refused");
  }

  @Test
  void rulesOutsideTheSubsetAreRefusedWhereverTheySit() {
    Map<String, String> variants = Map.of(
        "spec.items[*]", """
                      properties:
                        items:
                          type: array
                          items:
                            type: object
                            x-kubernetes-validations:
                              - rule: self.name.startsWith('x')
        """,
        "spec.labels[*]", """
                      properties:
                        labels:
                          type: object
                          additionalProperties:
                            type: string
                            x-kubernetes-validations:
                              - rule: size(self) < 10
        """,
        "spec.anyOf", """
                      anyOf:
                        - x-kubernetes-validations:
                            - rule: has(self.a)
        """);
    variants.forEach((path, schema) -> assertThatThrownBy(
            () -> Crds.load(Map.of("w.yaml", crd(schema))))
        .as(path)
        .isInstanceOfSatisfying(UnsupportedCrdRuleException.class,
            e -> assertThat(e.fieldPath()).isEqualTo(path)));
  }

  @Test
  void aCrdWhoseRulesAreAllInTheSubsetLoadsAndIsEnforced() {
    Crds crds = Crds.load(Map.of("w.yaml", crd("""
                      x-kubernetes-validations:
                        - rule: has(self.a) || has(self.b)
                          message: a or b
        """)));
    assertThat(crds.evaluatedRuleCount()).isEqualTo(1);
    assertThat(crds.kinds()).containsExactly("example.com/v1 Widget");
  }

  @Test
  void unservedVersionsAreRejected() {
    assertThat(validate(RELEASE.replace("helm.toolkit.fluxcd.io/v2", "helm.toolkit.fluxcd.io/v2beta1")))
        .containsExactly(new DocumentProblem("m.yaml", 1, 1, "apiVersion",
            "helm.toolkit.fluxcd.io/v2beta1 HelmRelease is not served; use"
                + " [helm.toolkit.fluxcd.io/v2]"));
  }

  @Test
  void metadataIsCheckedLikeTheApiServerDoes() {
    List<DocumentProblem> problems = validate(RELEASE.replaceFirst("  name: web\n",
        "  name: Web_Server\n  labels:\n    tier: 1\n  colour: blue\n"));
    assertThat(problems).extracting(DocumentProblem::path).containsExactly(
        "metadata.labels.tier", "metadata.colour", "metadata.name");
  }

  @Test
  void duplicateFieldsAreRejected() {
    assertThat(validate(RELEASE + "  interval: 10m\n")).isNotEmpty();
  }

  @Test
  void invalidYamlIsAProblemWithItsPosition() {
    List<DocumentProblem> problems = validate("apiVersion: v1\nkind: [\n");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).line()).isEqualTo(3);
    assertThat(problems.get(0).message()).startsWith("invalid YAML: ");
  }

  @Test
  void nullValuesOfOptionalFieldsArePrunedLikeTheApiServerDoes() {
    assertThat(validate(RELEASE + "  suspend: null\n")).isEmpty();
  }

  @Test
  void preserveUnknownFieldsAcceptsAnyValues() {
    assertThat(validate(RELEASE + "  values:\n    any:\n      thing: [1, 2]\n")).isEmpty();
  }

  @Test
  void otherApiGroupsAndHelmChartTemplatesAreNotChecked() {
    Map<String, byte[]> files = Map.of(
        "a/ConfigMap.yaml", bytes("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nbogus: 1\n"),
        "a/kustomization.yaml", bytes("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"),
        "chart/Chart.yaml", bytes("name: c\n"),
        "chart/templates/hr.yaml", bytes("{{ if .Values.x }}\nkind: [\n"),
        "README.md", bytes("# not yaml: [\n"));
    assertThat(ManifestValidator.bundled().validate(files)).isEmpty();
  }

  @Test
  void multiDocumentFilesAreValidatedDocumentByDocument() {
    List<DocumentProblem> problems = validate(RELEASE + "---\n" + RELEASE.replace(
        "  interval: 5m\n", ""));
    assertThat(problems).extracting(DocumentProblem::path).containsExactly("spec.interval");
    assertThat(problems.get(0).line()).isGreaterThan(16);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static final String INSTALLATION = String.join("\n",
      "apiVersion: weave.works/v1alpha1",
      "kind: ProfileInstallation",
      "metadata:",
      "  name: web",
      "  namespace: default",
      "spec:",
      "  source:",
      "    url: https://github.com/acme/profiles",
      "    tag: web/v1.0.0",
      "    path: web",
      "");

  @Test
  void anInstallationRecordWithAnUpdatePolicyAsCoreWritesItIsValid() throws Exception {
    for (String policy : List.of(
        "  updatePolicy:\n    range: '>=1.2 <2'\n    preReleases: true\n    minimumAge: 3d\n",
        "  updatePolicy:\n    pinned: true\n",
        "  updatePolicy:\n    range: ^1.2\n")) {
      String written = ProfileYaml.strict().writeInstallation(ProfileYaml.strict()
          .readInstallation("r.yaml", (INSTALLATION + policy).getBytes(StandardCharsets.UTF_8)));
      assertThat(written).contains("updatePolicy:");
      assertThat(validate(written)).as(written).isEmpty();
    }
  }

  @Test
  void anUpdatePolicyOfTheWrongShapeIsRejectedWithItsLocation() {
    assertThat(messages(validate(INSTALLATION + "  updatePolicy:\n    pinned: \"yes\"\n")))
        .contains("spec.updatePolicy.pinned", "boolean");
    assertThat(messages(validate(INSTALLATION + "  updatePolicy:\n    window: 3d\n")))
        .contains("spec.updatePolicy.window", "unknown field");
    assertThat(messages(validate(INSTALLATION + "  updatePolicy: ^1\n")))
        .contains("spec.updatePolicy", "object");
  }

  @Test
  void aCatalogSourceWithAWithdrawnVersionAsCoreWritesItIsValid() throws Exception {
    String source = String.join("\n",
        "apiVersion: weave.works/v1alpha1",
        "kind: ProfileCatalogSource",
        "metadata:",
        "  name: team",
        "spec:",
        "  profiles:",
        "    - name: app",
        "      tag: app/v1.0.0",
        "      url: https://github.com/acme/profiles",
        "      withdrawn: true",
        "    - name: app",
        "      tag: app/v1.1.0",
        "      url: https://github.com/acme/profiles",
        "");
    String written = ProfileYaml.strict().writeCatalogSource(ProfileYaml.strict()
        .readCatalogSource("s.yaml", source.getBytes(StandardCharsets.UTF_8)));
    assertThat(written).contains("withdrawn: true");
    assertThat(validate(written)).as(written).isEmpty();
    assertThat(messages(validate(source.replace("withdrawn: true", "withdrawn: soon"))))
        .contains("spec.profiles[0].withdrawn", "boolean");
  }
}
