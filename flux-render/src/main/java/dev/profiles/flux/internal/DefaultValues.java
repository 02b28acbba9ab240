package dev.profiles.flux.internal;

import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Checks a chart's {@code defaultValues} before it is committed: Helm would only reject it at
 * reconcile time, in the cluster, long after the install "succeeded".
 */
final class DefaultValues {
  private DefaultValues() {}

  /** Why {@code values} is not a YAML mapping of Helm values, or empty when it is one. */
  static Optional<String> problem(String values) {
    Object parsed;
    try {
      parsed = new Load(LoadSettings.builder().setLabel("defaultValues").build())
          .loadFromString(values);
    } catch (MarkedYamlEngineException e) {
      String where = e.getProblemMark().map(DefaultValues::position).orElse("");
      return Optional.of("chart.defaultValues is not valid YAML" + where + ": " + e.getProblem());
    } catch (YamlEngineException e) {
      return Optional.of("chart.defaultValues is not valid YAML: " + e.getMessage());
    }
    if (parsed == null || parsed instanceof Map) {
      return Optional.empty();
    }
    return Optional.of("chart.defaultValues must be a YAML mapping of Helm values, not a "
        + (parsed instanceof Iterable ? "list" : "scalar"));
  }

  private static String position(Mark mark) {
    return " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
  }
}
