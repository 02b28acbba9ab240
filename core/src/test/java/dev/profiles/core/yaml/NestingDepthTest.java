package dev.profiles.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.model.RemoteChartArtifact;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Documents nested deeper than {@link YamlLimits#maxNestingDepth()} are refused with a located
 * problem, in every document kind and in every YAML style, before the (recursive) composer can
 * run out of stack.
 */
class NestingDepthTest {
  private static final ProfileYaml YAML = ProfileYaml.strict();

  private static final String PROFILE_HEAD = """
      apiVersion: weave.works/v1alpha1
      kind: ProfileDefinition
      metadata:
        name: deep
      spec:
        description: d
        artifacts:
          - name: c
            chart:
              url: https://charts.example.com
              name: c
              version: "1.0.0"
      """;

  private static InvalidDocumentException refused(String text) {
    InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
        () -> YAML.readProfile("deep.yaml", text.getBytes(StandardCharsets.UTF_8),
            Optional.empty()));
    assertThat(e).as("must be refused").isNotNull();
    return e;
  }

  @Test
  void flowSequencesFarTooDeepAreRefusedAtTheFirstLevelTooMany() {
    // 200 000 levels: enough to overflow any default thread stack in the composer.
    String text = "a: " + "[".repeat(200_000) + "]".repeat(200_000) + "\n";

    InvalidDocumentException e = refused(text);

    assertThat(e.problems()).singleElement().hasToString(
        "deep.yaml:1:67: refused: document nests mappings and lists more than 64 levels deep");
  }

  @Test
  void flowMappingsTooDeepAreRefused() {
    String text = PROFILE_HEAD.replace("description: d",
        "description: d\n  x: " + "{a: ".repeat(100) + "1" + "}".repeat(100));

    InvalidDocumentException e = refused(text);

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(7);
      assertThat(p.message()).contains("more than 64 levels deep");
    });
  }

  @Test
  void blockMappingsTooDeepAreRefused() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 70; i++) {
      sb.append(" ".repeat(i)).append("k").append(i).append(":\n");
    }
    sb.append(" ".repeat(70)).append("leaf\n");

    InvalidDocumentException e = refused(sb.toString());

    // The root mapping is level 1, so the 64th key opens level 65.
    assertThat(e.problems()).singleElement().hasToString(
        "deep.yaml:65:65: refused: document nests mappings and lists more than 64 levels deep");
  }

  @Test
  void blockSequencesTooDeepAreRefused() {
    String text = "- ".repeat(5000) + "x\n";

    InvalidDocumentException e = refused(text);

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.column()).isEqualTo(2 * 64 + 1);
      assertThat(p.message()).contains("more than 64 levels deep");
    });
  }

  @Test
  void aliasesCountAsDeepAsWhatTheyReferTo() {
    // Each anchor is 12 levels deep; expanded under the root mapping, *a4 in x5 reaches 73.
    StringBuilder sb = new StringBuilder("x0: &a0 " + "[".repeat(12) + "]".repeat(12) + "\n");
    for (int i = 1; i < 6; i++) {
      sb.append("x").append(i).append(": &a").append(i).append(' ')
          .append("[".repeat(12)).append("*a").append(i - 1).append("]".repeat(12)).append('\n');
    }

    InvalidDocumentException e = refused(sb.toString());

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(6);
      assertThat(p.message()).isEqualTo("refused: alias *a4 nests the document 73 levels deep;"
          + " the limit is 64");
    });
  }

  @Test
  void recursiveAliasesAreRefused() {
    InvalidDocumentException e = refused("a: &loop [x, *loop]\n");

    assertThat(e.problems()).singleElement().hasToString("deep.yaml:1:14: refused: alias *loop"
        + " refers to a collection that contains it; recursive structures are not allowed");
  }

  @Test
  void recursiveMappingAliasesAreRefused() {
    InvalidDocumentException e = refused("a: &m\n  self: *m\n");

    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
        .contains("recursive structures are not allowed"));
  }

  @Test
  void explicitMergeKeysAreRefusedBeforeTheyCopyMappings() {
    InvalidDocumentException e = refused("a: &a {x: 1}\nb: {!!merge <<: *a}\n");

    assertThat(e.problems()).singleElement().hasToString(
        "deep.yaml:2:5: refused: merge keys (!!merge) are not supported");
  }

  @Test
  void shallowAliasesStillWork() throws Exception {
    String text = PROFILE_HEAD.replace("version: \"1.0.0\"", """
        version: "1.0.0"
                defaultValues: |
                  common: &c {a: [1, 2], b: {c: d}}
                  one: *c
                  two: [*c, *c]""");

    RemoteChartArtifact chart = (RemoteChartArtifact) YAML.readProfile("p.yaml", text)
        .artifacts().get(0);

    assertThat(chart.defaultValues().orElseThrow()).contains("two: [*c, *c]");
  }

  @Test
  void defaultValuesAreANestedDocumentWithTheSameBound() throws Exception {
    String ok = PROFILE_HEAD.replace("version: \"1.0.0\"", "version: \"1.0.0\"\n"
        + "        defaultValues: '" + "{a: ".repeat(64) + "1" + "}".repeat(64) + "'");
    String deep = ok.replace("{a: 1}", "{a: {a: 1}}");

    assertThat(YAML.readProfile("p.yaml", ok).artifacts()).hasSize(1);
    InvalidDocumentException e = refused(deep);
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("spec.artifacts[0].chart.defaultValues");
      assertThat(p.line()).isEqualTo(13);
      assertThat(p.message()).contains("more than 64 levels deep");
    });
  }

  @Test
  void everyDocumentKindIsBounded() {
    byte[] deep = ("spec: " + "[".repeat(10_000) + "\n").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> YAML.readInstallation("i.yaml", deep))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("i.yaml:1:70: refused: document nests mappings and lists more than 64"
            + " levels deep");
    assertThatThrownBy(() -> YAML.readCatalogSource("c.yaml", deep))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageStartingWith("c.yaml:1:70: refused: document nests");
    assertThatThrownBy(() -> YAML.readConfig(".pctl/config.yaml", deep))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageStartingWith(".pctl/config.yaml:1:70: refused: document nests");
    assertThatThrownBy(() -> YAML.ignoringUnknownFields().readConfig("lenient.yaml", deep))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageStartingWith("lenient.yaml:1:70: refused: document nests");
  }

  @Test
  void theDepthIsConfigurable() throws Exception {
    String text = "gitRepository: {name: flux-system, namespace: flux-system}\n";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

    assertThat(YAML.withLimits(YamlLimits.DEFAULT.withMaxNestingDepth(2))
        .readConfig("c.yaml", bytes).gitRepository()).isPresent();
    assertThatThrownBy(() -> YAML.withLimits(YamlLimits.DEFAULT.withMaxNestingDepth(1))
        .readConfig("c.yaml", bytes))
        .hasMessage("c.yaml:1:16: refused: document nests mappings and lists more than 1"
            + " levels deep");
  }

  @Test
  void limitsOutsideTheirRangeAreAConfigurationError() {
    assertThatThrownBy(() -> new YamlLimits(0, 50))
        .isInstanceOf(ProfilesConfigurationException.class)
        .hasMessage("maxDocumentBytes must be positive: 0");
    assertThatThrownBy(() -> new YamlLimits(10, -1))
        .isInstanceOf(ProfilesConfigurationException.class)
        .hasMessage("maxAliasesForCollections must not be negative: -1");
    assertThatThrownBy(() -> YamlLimits.DEFAULT.withMaxNestingDepth(0))
        .isInstanceOf(ProfilesConfigurationException.class)
        .hasMessage("maxNestingDepth must be between 1 and 256: 0");
    assertThatThrownBy(() -> YamlLimits.DEFAULT.withMaxNestingDepth(257))
        .isInstanceOf(ProfilesConfigurationException.class);
    assertThat(YamlLimits.DEFAULT.withMaxNestingDepth(256).maxNestingDepth()).isEqualTo(256);
    assertThat(new YamlLimits(10, 0).maxNestingDepth()).isEqualTo(64);
  }
}
