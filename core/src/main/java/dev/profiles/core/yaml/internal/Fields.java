package dev.profiles.core.yaml.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fluent ordered map for {@link YamlEmitter} that leaves out absent and empty values, so the
 * documents never carry {@code field: {}} or {@code field: []}.
 */
final class Fields {
  private final Map<String, Object> map = new LinkedHashMap<>();

  Fields put(String key, String value) {
    map.put(key, value);
    return this;
  }

  Fields put(String key, Optional<String> value) {
    value.ifPresent(v -> map.put(key, v));
    return this;
  }

  /** {@code key: true} when {@code value}; left out when false (the default of every flag). */
  Fields putBool(String key, boolean value) {
    if (value) {
      map.put(key, Boolean.TRUE);
    }
    return this;
  }

  Fields put(String key, Fields value) {
    if (!value.map.isEmpty()) {
      map.put(key, value.map);
    }
    return this;
  }

  Fields putList(String key, List<?> items) {
    if (!items.isEmpty()) {
      map.put(key, items.stream().map(i -> i instanceof Fields f ? f.map : i).toList());
    }
    return this;
  }

  Map<String, Object> toMap() {
    return map;
  }
}
