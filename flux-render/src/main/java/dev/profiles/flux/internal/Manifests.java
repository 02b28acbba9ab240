package dev.profiles.flux.internal;

import dev.profiles.core.yaml.internal.YamlEmitter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns typed objects (our {@link Flux} records) into YAML text.
 *
 * <p>A record becomes a map of its components in the order it declares them ({@code apiVersion,
 * kind, metadata, spec}), an {@link Optional} its value; {@link YamlEmitter} gives the bytes.
 * (Jackson did this until it showed as a tenth of a command line's {@code profiles add}: its
 * mapper and the introspection of each record type cost ~100 ms in a fresh JVM, for a dozen
 * records of strings, lists and maps.) Empty and null values are dropped on the way, so
 * no object carries an empty {@code status}, {@code labels: {}} or {@code finalizers: []}.
 */
public final class Manifests {
  private Manifests() {}

  /** {@code object} as one YAML document. */
  public static String yaml(Object object) {
    return YamlEmitter.KUBERNETES.write(tree(object));
  }

  /** {@code object} as an ordered map without empty values. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> tree(Object object) {
    Object pruned = prune(toTree(object, false));
    return pruned == null ? Map.of() : (Map<String, Object>) pruned;
  }

  /**
   * {@code value} as maps, lists and scalars; inside a record, empty strings are dropped too
   * (as empty collections are by {@link #prune}), so an unset text field is never written.
   */
  private static Object toTree(Object value, boolean inRecord) {
    if (value instanceof Record) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (RecordComponent c : value.getClass().getRecordComponents()) {
        try {
          out.put(c.getName(), toTree(c.getAccessor().invoke(value), true));
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException("cannot read " + c, e);
        }
      }
      return out;
    }
    if (value instanceof Optional) {
      return toTree(((Optional<?>) value).orElse(null), inRecord);
    }
    if (value instanceof Map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) value).forEach((k, v) -> out.put(k, toTree(v, inRecord)));
      return out;
    }
    if (value instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<?>) value).forEach(v -> out.add(toTree(v, inRecord)));
      return out;
    }
    if (inRecord && value instanceof String && ((String) value).isEmpty()) {
      return null;
    }
    return value;
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
