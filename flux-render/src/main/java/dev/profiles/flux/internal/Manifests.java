package dev.profiles.flux.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.profiles.core.yaml.internal.YamlEmitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns typed objects (our {@link Flux} records) into YAML text.
 *
 * <p>Jackson gives the tree in the order the types declare ({@code apiVersion, kind, metadata,
 * spec}); {@link YamlEmitter} gives the bytes. Empty and null values are dropped on the way, so
 * no object carries an empty {@code status}, {@code labels: {}} or {@code finalizers: []}.
 */
public final class Manifests {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .changeDefaultPropertyInclusion(
              incl -> incl.withValueInclusion(JsonInclude.Include.NON_EMPTY)
                  .withContentInclusion(JsonInclude.Include.NON_EMPTY))
          .build();

  private Manifests() {}

  /** {@code object} as one YAML document. */
  public static String yaml(Object object) {
    return YamlEmitter.KUBERNETES.write(tree(object));
  }

  /** {@code object} as an ordered map without empty values. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> tree(Object object) {
    Object tree = object instanceof Map ? object : MAPPER.convertValue(object, Map.class);
    Object pruned = prune(tree);
    return pruned == null ? Map.of() : (Map<String, Object>) pruned;
  }

  private static Object prune(Object value) {
    if (value instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) value).forEach((k, v) -> {
        Object p = prune(v);
        if (p != null) {
          out.put((String) k, p);
        }
      });
      return out.isEmpty() ? null : out;
    }
    if (value instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object item : (List<?>) value) {
        Object p = prune(item);
        if (p != null) {
          out.add(p);
        }
      }
      return out.isEmpty() ? null : out;
    }
    return value;
  }
}
