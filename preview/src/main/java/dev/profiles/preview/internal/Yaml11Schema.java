package dev.profiles.preview.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * The YAML 1.2 core schema with YAML 1.1's booleans ({@code yes}, {@code on}, {@code n}, ...)
 * and octal integers ({@code 0644}),
 * as Go's {@code yaml.v2} behind Helm ({@code sigs.k8s.io/yaml}) and the Kubernetes API
 * machinery read them: {@code enabled: yes} in a values document or a rendered manifest is
 * {@code true} there, so it is here too.
 */
final class Yaml11Schema implements Schema {
  static final Set<String> TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE",
      "on", "On", "ON");
  static final Set<String> FALSE = Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE",
      "off", "Off", "OFF");

  private static final java.util.regex.Pattern OCTAL = java.util.regex.Pattern.compile(
      "[-+]?0[0-7]+");

  private final CoreSchema core = new CoreSchema();
  private final ScalarResolver resolver = (value, implicit) ->
      Boolean.TRUE.equals(implicit) && (TRUE.contains(value) || FALSE.contains(value))
          ? Tag.BOOL : core.getScalarResolver().resolve(value, implicit);

  @Override
  public ScalarResolver getScalarResolver() {
    return resolver;
  }

  @Override
  public Map<Tag, ConstructNode> getSchemaTagConstructors() {
    Map<Tag, ConstructNode> constructors = new HashMap<>(core.getSchemaTagConstructors());
    constructors.put(Tag.BOOL, new ConstructNode() {
      @Override
      public Object construct(Node node) {
        String value = ((ScalarNode) node).getValue();
        return TRUE.contains(value) ? Boolean.TRUE : FALSE.contains(value) ? Boolean.FALSE
            : null;
      }
    });
    ConstructNode coreInt = constructors.get(Tag.INT);
    constructors.put(Tag.INT, new ConstructNode() {
      @Override
      public Object construct(Node node) {
        String value = ((ScalarNode) node).getValue();
        if (OCTAL.matcher(value).matches() && value.length() < 22) {
          // YAML 1.1 (and yaml.v2): a leading 0 means octal.
          long parsed = Long.parseLong(value.replace("+", ""), 8);
          return parsed == (int) parsed ? (Object) (int) parsed : (Object) parsed;
        }
        return coreInt.construct(node);
      }
    });
    return constructors;
  }
}
