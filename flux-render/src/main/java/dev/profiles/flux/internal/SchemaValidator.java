package dev.profiles.flux.internal;

import dev.profiles.core.rules.KubernetesNames;
import dev.profiles.core.yaml.DocumentProblem;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Validates one parsed object against its CRD schema the way the API server does with strict
 * field validation: wrong types, missing required fields, enum, pattern, length and bound
 * violations, CEL rules of the supported subset, unknown and duplicate fields. {@code metadata}
 * gets the API server's ObjectMeta checks instead of the schema's bare {@code type: object}.
 *
 * <p>Nulls: like the API server, a null value of a non-nullable field counts as absent (it is
 * pruned), so it only matters to {@code required}.
 */
public final class SchemaValidator {
  private static final Set<String> META_FIELDS = Set.of("name", "generateName", "namespace",
      "labels", "annotations", "finalizers", "ownerReferences", "uid", "resourceVersion",
      "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
      "managedFields", "selfLink");
  private static final Pattern DURATION =
      Pattern.compile("^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|ms|s|m|h))+$|^[-+]?0$");
  private static final BigDecimal INT64_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal INT64_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private final String source;
  private final List<DocumentProblem> problems;

  /** Adds problems found in documents of {@code source} to {@code problems}. */
  public SchemaValidator(String source, List<DocumentProblem> problems) {
    this.source = source;
    this.problems = problems;
  }

  /** Validates a whole object: {@code metadata} by ObjectMeta rules, the rest by the schema. */
  public void validateObject(MappingNode object, StructuralSchema schema) {
    Optional<Node> metadata = field(object, "metadata");
    if (metadata.isEmpty()) {
      problem(object, "metadata", "required value: an object needs metadata.name");
    } else {
      validateMetadata(metadata.get());
    }
    validate(object, schema, "", true);
  }

  private void validate(Node node, StructuralSchema schema, String path, boolean root) {
    if (isNull(node)) {
      return;
    }
    if (schema.intOrString) {
      if (!(isScalar(node, Tag.INT) || isScalar(node, Tag.STR))) {
        problem(node, path, "must be an integer or a string");
      }
      return;
    }
    if (schema.type.isEmpty()) {
      if (!schema.preserveUnknownFields && node instanceof MappingNode) {
        validateObjectFields((MappingNode) node, schema, path, root);
      }
      return;
    }
    switch (schema.type.get()) {
      case "object":
        if (!(node instanceof MappingNode)) {
          problem(node, path, "must be an object, not " + describe(node));
          return;
        }
        validateObjectFields((MappingNode) node, schema, path, root);
        break;
      case "array":
        if (!(node instanceof SequenceNode)) {
          problem(node, path, "must be an array, not " + describe(node));
          return;
        }
        List<Node> items = ((SequenceNode) node).getValue();
        schema.minItems.filter(min -> items.size() < min)
            .ifPresent(min -> problem(node, path, "must have at least " + min + " items"));
        schema.maxItems.filter(max -> items.size() > max)
            .ifPresent(max -> problem(node, path, "must have at most " + max + " items"));
        if (schema.items.isPresent()) {
          for (int i = 0; i < items.size(); i++) {
            validate(items.get(i), schema.items.get(), path + "[" + i + "]", false);
          }
        }
        break;
      case "string":
        if (!isScalar(node, Tag.STR)) {
          problem(node, path, "must be a string, not " + describe(node)
              + (node instanceof ScalarNode ? " (quote it)" : ""));
          return;
        }
        validateString((ScalarNode) node, schema, path);
        break;
      case "integer":
        if (!isScalar(node, Tag.INT)) {
          problem(node, path, "must be an integer, not " + describe(node));
          return;
        }
        validateNumber((ScalarNode) node, schema, path);
        break;
      case "number":
        if (!isScalar(node, Tag.INT) && !isScalar(node, Tag.FLOAT)) {
          problem(node, path, "must be a number, not " + describe(node));
          return;
        }
        validateNumber((ScalarNode) node, schema, path);
        break;
      case "boolean":
        if (!isScalar(node, Tag.BOOL)) {
          problem(node, path, "must be a boolean, not " + describe(node));
        }
        break;
      default:
        break;
    }
    if (node instanceof ScalarNode && !schema.enumValues.isEmpty()
        && !schema.enumValues.contains(((ScalarNode) node).getValue())) {
      problem(node, path, "unsupported value \"" + ((ScalarNode) node).getValue()
          + "\": supported values: " + schema.enumValues);
    }
  }

  private void validateObjectFields(
      MappingNode node, StructuralSchema schema, String path, boolean root) {
    Set<String> seen = new HashSet<>();
    for (NodeTuple t : node.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode)) {
        problem(t.getKeyNode(), path, "field names must be strings");
        continue;
      }
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      String child = path.isEmpty() ? key : path + "." + key;
      if (!seen.add(key)) {
        problem(t.getKeyNode(), child, "duplicate field \"" + key + "\"");
        continue;
      }
      if (root && key.equals("metadata")) {
        continue;
      }
      StructuralSchema property = schema.properties.get(key);
      if (property != null) {
        validate(t.getValueNode(), property, child, false);
      } else if (schema.additionalProperties.isPresent()) {
        validate(t.getValueNode(), schema.additionalProperties.get(), child, false);
      } else if (!schema.acceptsUnknownFields()) {
        problem(t.getKeyNode(), child, "unknown field \"" + child + "\"");
      }
    }
    for (String req : schema.required) {
      Optional<Node> value = field(node, req);
      boolean nullable = Optional.ofNullable(schema.properties.get(req))
          .map(s -> s.nullable).orElse(false);
      if (value.isEmpty() || (isNull(value.get()) && !nullable)) {
        problem(node, path.isEmpty() ? req : path + "." + req, "required value");
      }
    }
    for (CelRule rule : schema.rules) {
      Optional<Boolean> result = rule.evaluate(node, schema);
      if (result.isEmpty()) {
        problem(node, path, rule.message + " (rule " + rule.source + " failed: no such key)");
      } else if (!result.get()) {
        problem(node, path, rule.message);
      }
    }
  }

  private void validateString(ScalarNode node, StructuralSchema schema, String path) {
    String value = node.getValue();
    int length = value.codePointCount(0, value.length());
    schema.minLength.filter(min -> length < min).ifPresent(min ->
        problem(node, path, "must be at least " + min + " characters long"));
    schema.maxLength.filter(max -> length > max).ifPresent(max ->
        problem(node, path, "may not be more than " + max + " characters long (is " + length
            + ")"));
    if (schema.pattern.isPresent() && !schema.pattern.get().matcher(value).find()) {
      problem(node, path, "\"" + value + "\" does not match pattern "
          + schema.patternText.orElse(""));
    }
    if (schema.format.filter("duration"::equals).isPresent()
        && !DURATION.matcher(value).matches()) {
      problem(node, path, "\"" + value + "\" is not a duration such as 5m or 1h30m");
    }
  }

  private void validateNumber(ScalarNode node, StructuralSchema schema, String path) {
    BigDecimal value;
    try {
      value = new BigDecimal(node.getValue().replace("_", "").replace("+", ""));
    } catch (NumberFormatException e) {
      return; // hex, octal and the like: the type check already accepted the form
    }
    schema.minimum.filter(min -> value.compareTo(min) < 0)
        .ifPresent(min -> problem(node, path, "should be greater than or equal to " + min));
    schema.maximum.filter(max -> value.compareTo(max) > 0)
        .ifPresent(max -> problem(node, path, "should be less than or equal to " + max));
    if (schema.format.filter("int64"::equals).isPresent()
        && (value.compareTo(INT64_MIN) < 0 || value.compareTo(INT64_MAX) > 0)) {
      problem(node, path, "does not fit in a 64-bit integer");
    }
  }

  private void validateMetadata(Node metadata) {
    if (!(metadata instanceof MappingNode)) {
      problem(metadata, "metadata", "must be an object, not " + describe(metadata));
      return;
    }
    MappingNode meta = (MappingNode) metadata;
    for (NodeTuple t : meta.getValue()) {
      String key = t.getKeyNode() instanceof ScalarNode
          ? ((ScalarNode) t.getKeyNode()).getValue() : "";
      if (!META_FIELDS.contains(key)) {
        problem(t.getKeyNode(), "metadata." + key, "unknown field \"metadata." + key + "\"");
      } else if ((key.equals("labels") || key.equals("annotations"))
          && !isNull(t.getValueNode())) {
        validateStringMap(t.getValueNode(), "metadata." + key);
      }
    }
    Optional<String> name = scalar(meta, "name");
    if (name.isEmpty() && scalar(meta, "generateName").isEmpty()) {
      problem(meta, "metadata.name", "required value: name or generateName is required");
    }
    name.flatMap(KubernetesNames::subdomainProblem)
        .ifPresent(p -> problem(field(meta, "name").orElse(meta), "metadata.name", p));
    scalar(meta, "namespace").flatMap(KubernetesNames::labelProblem)
        .ifPresent(p -> problem(field(meta, "namespace").orElse(meta), "metadata.namespace", p));
  }

  private void validateStringMap(Node node, String path) {
    if (!(node instanceof MappingNode)) {
      problem(node, path, "must be an object, not " + describe(node));
      return;
    }
    for (NodeTuple t : ((MappingNode) node).getValue()) {
      if (!isScalar(t.getValueNode(), Tag.STR)) {
        String key = t.getKeyNode() instanceof ScalarNode
            ? ((ScalarNode) t.getKeyNode()).getValue() : "?";
        problem(t.getValueNode(), path + "." + key, "must be a string, not "
            + describe(t.getValueNode()));
      }
    }
  }

  /** Whether {@code node} is a YAML null. */
  static boolean isNull(Node node) {
    return isScalar(node, Tag.NULL);
  }

  private static boolean isScalar(Node node, Tag tag) {
    return node instanceof ScalarNode && node.getTag().equals(tag);
  }

  static Optional<Node> field(MappingNode node, String name) {
    for (NodeTuple t : node.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode
          && ((ScalarNode) t.getKeyNode()).getValue().equals(name)) {
        return Optional.of(t.getValueNode());
      }
    }
    return Optional.empty();
  }

  /** The text of scalar field {@code name} of {@code node}, if it has a non-null one. */
  public static Optional<String> scalarField(MappingNode node, String name) {
    return scalar(node, name);
  }

  static Optional<String> scalar(MappingNode node, String name) {
    return field(node, name).filter(n -> n instanceof ScalarNode && !isNull(n))
        .map(n -> ((ScalarNode) n).getValue());
  }

  private static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "an object";
    }
    if (node instanceof SequenceNode) {
      return "an array";
    }
    Tag tag = node.getTag();
    String kind = Map.of(Tag.INT, "an integer", Tag.FLOAT, "a number", Tag.BOOL, "a boolean",
        Tag.NULL, "null", Tag.STR, "a string").getOrDefault(tag, "a " + tag.getValue());
    return kind + " (" + ((ScalarNode) node).getValue() + ")";
  }

  private void problem(Node node, String path, String message) {
    Optional<Mark> mark = node.getStartMark();
    problems.add(new DocumentProblem(source, mark.map(m -> m.getLine() + 1).orElse(0),
        mark.map(m -> m.getColumn() + 1).orElse(0), path, message));
  }
}
