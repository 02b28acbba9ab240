package dev.profiles.preview.internal;

import dev.profiles.core.preview.PreviewException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading and merging parsed YAML trees (maps, lists, scalars) as Flux and Helm do. */
public final class Trees {
  private Trees() {}

  /** A copy of {@code tree} whose maps have string keys, or an error naming {@code source}. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> stringKeyed(String source, Object tree)
      throws PreviewException {
    return (Map<String, Object>) copy(source, tree);
  }

  private static Object copy(String source, Object tree) throws PreviewException {
    if (tree instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new PreviewException(source + ": a key that is not a string: " + e.getKey());
        }
        out.put(key, copy(source, e.getValue()));
      }
      return out;
    }
    if (tree instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object item : list) {
        out.add(copy(source, item));
      }
      return out;
    }
    return tree;
  }

  /**
   * Flux's {@code MergeMaps}: {@code overlay} on top of {@code base}; maps are merged key by
   * key, anything else (lists included) replaces. Neither argument is changed.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    for (Map.Entry<String, Object> e : overlay.entrySet()) {
      Object existing = out.get(e.getKey());
      if (e.getValue() instanceof Map<?, ?> over && existing instanceof Map<?, ?> under) {
        out.put(e.getKey(), merge((Map<String, Object>) under, (Map<String, Object>) over));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** The map at {@code key} of {@code map}, or empty. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Map<String, Object> map, String key) {
    Object value = map == null ? null : map.get(key);
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** The list at {@code key}, or empty. */
  public static List<?> list(Map<String, Object> map, String key) {
    Object value = map == null ? null : map.get(key);
    return value instanceof List<?> l ? l : List.of();
  }

  /** The scalar at {@code key} as text, or empty when absent or null. */
  public static Optional<String> text(Map<String, Object> map, String key) {
    Object value = map == null ? null : map.get(key);
    if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
      return Optional.empty();
    }
    return Optional.of(value.toString());
  }

  /** The boolean at {@code key}; {@code false} when absent. */
  public static boolean flag(Map<String, Object> map, String key) {
    Object value = map == null ? null : map.get(key);
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }

  static String typeName(Object value) {
    if (value instanceof List<?>) {
      return "list";
    }
    if (value instanceof String) {
      return "string";
    }
    return value == null ? "null" : value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }
}
