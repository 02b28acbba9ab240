package dev.profiles.flux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.yaml.DocumentProblem;
import dev.profiles.flux.internal.SchemaValidator;
import dev.profiles.flux.internal.StructuralSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** The structural-schema keywords the bundled CRDs use little or not at all, on a small schema. */
class SchemaSubsetTest {
  private static final String SCHEMA = """
      type: object
      properties:
        apiVersion: {type: string}
        kind: {type: string}
        metadata: {type: object}
        spec:
          type: object
          required: [mode]
          x-kubernetes-validations:
          - rule: self.mode != 'fast' || has(self.budget)
            message: fast mode needs a budget
          properties:
            mode: {type: string, default: slow, enum: [slow, fast]}
            port: {x-kubernetes-int-or-string: true}
            replicas: {type: integer, minimum: 1, maximum: 10, format: int64}
            ratio: {type: number}
            timeout: {type: string, format: duration}
            budget: {type: string, nullable: true}
            tags: {type: array, minItems: 1, maxItems: 2, items: {type: string, minLength: 2}}
            limits: {type: object, additionalProperties: {type: integer}}
            anything: {type: object, x-kubernetes-preserve-unknown-fields: true}
      """;

  private static List<DocumentProblem> validate(String spec) {
    Map<?, ?> raw = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(SCHEMA);
    LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).build();
    String yaml = "apiVersion: x/v1\nkind: X\nmetadata: {name: x}\nspec:\n" + spec;
    Composer composer =
        new Composer(settings, new ParserImpl(settings, new StreamReader(settings, yaml)));
    assertThat(composer.hasNext()).isTrue();
    MappingNode node = (MappingNode) composer.next();
    List<DocumentProblem> problems = new ArrayList<>();
    new SchemaValidator("s.yaml", problems).validateObject(node, StructuralSchema.compile(raw, "s.yaml"));
    return problems;
  }

  private static List<String> messages(String spec) {
    return validate(spec).stream().map(p -> p.path() + ": " + p.message()).toList();
  }

  @Test
  void acceptsAValidObject() {
    assertThat(validate("  mode: fast\n  budget: high\n  port: http\n  replicas: 3\n"
        + "  ratio: 0.5\n  timeout: 1h30m\n  tags: [ab]\n  limits: {cpu: 2}\n"
        + "  anything: {x: [1, {y: z}]}\n")).isEmpty();
    assertThat(validate("  mode: slow\n  port: 8080\n  ratio: 2\n")).isEmpty();
  }

  @Test
  void intOrStringRejectsOtherTypes() {
    assertThat(messages("  mode: slow\n  port: [1]\n"))
        .containsExactly("spec.port: must be an integer or a string");
  }

  @Test
  void boundsFormatsAndItemsAreChecked() {
    assertThat(messages("  mode: slow\n  replicas: 0\n  timeout: soon\n  tags: [a, bb, cc]\n"))
        .containsExactly(
            "spec.replicas: should be greater than or equal to 1",
            "spec.timeout: \"soon\" is not a duration such as 5m or 1h30m",
            "spec.tags: must have at most 2 items",
            "spec.tags[0]: must be at least 2 characters long");
    assertThat(messages("  mode: slow\n  replicas: 99999999999999999999\n")).containsExactly(
        "spec.replicas: should be less than or equal to 10",
        "spec.replicas: does not fit in a 64-bit integer");
  }

  @Test
  void additionalPropertiesSchemaAppliesToEveryValue() {
    assertThat(messages("  mode: slow\n  limits: {cpu: lots}\n"))
        .containsExactly("spec.limits.cpu: must be an integer, not a string (lots)");
  }

  @Test
  void nullCountsAsAbsentAndRequiredStillApplies() {
    assertThat(messages("  mode: null\n")).containsExactly("spec.mode: required value");
    assertThat(messages("  mode: slow\n  budget: null\n")).isEmpty();
  }

  @Test
  void celRulesSeeSchemaDefaults() {
    assertThat(messages("  mode: fast\n")).containsExactly("spec: fast mode needs a budget");
    // mode is required here, but the rule alone would read its default "slow" when absent.
    assertThat(messages("  port: 1\n")).containsExactly("spec.mode: required value");
  }

  @Test
  void unknownFieldsOutsidePreservedSubtreesAreRejected() {
    assertThat(messages("  mode: slow\n  colour: red\n"))
        .containsExactly("spec.colour: unknown field \"spec.colour\"");
  }
}
