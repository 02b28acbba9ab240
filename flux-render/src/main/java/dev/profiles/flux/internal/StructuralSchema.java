package dev.profiles.flux.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One node of a CRD's {@code openAPIV3Schema}, compiled once: the structural-schema subset that
 * Kubernetes CRDs use (type, properties, required, enum, pattern, lengths, bounds, items,
 * additionalProperties, x-kubernetes-preserve-unknown-fields, x-kubernetes-int-or-string,
 * nullable, format, default, x-kubernetes-validations). Anything else in the schema is ignored.
 */
public final class StructuralSchema {
  final Optional<String> type;
  final Map<String, StructuralSchema> properties;
  final List<String> required;
  final List<String> enumValues;
  final Optional<Pattern> pattern;
  final Optional<String> patternText;
  final Optional<Integer> minLength;
  final Optional<Integer> maxLength;
  final Optional<Integer> minItems;
  final Optional<Integer> maxItems;
  final Optional<BigDecimal> minimum;
  final Optional<BigDecimal> maximum;
  final Optional<StructuralSchema> items;
  /** A schema for every value of a map; {@link #anyAdditional} when {@code true}. */
  final Optional<StructuralSchema> additionalProperties;
  final boolean anyAdditional;
  final boolean preserveUnknownFields;
  final boolean intOrString;
  final boolean nullable;
  final Optional<String> format;
  final Optional<Object> defaultValue;
  final List<CelRule> rules;

  private StructuralSchema(Map<?, ?> raw) {
    type = string(raw, "type");
    Map<String, StructuralSchema> props = new LinkedHashMap<>();
    if (raw.get("properties") instanceof Map) {
      ((Map<?, ?>) raw.get("properties"))
          .forEach((k, v) -> props.put((String) k, new StructuralSchema((Map<?, ?>) v)));
    }
    properties = Map.copyOf(props);
    required = strings(raw.get("required"));
    enumValues = strings(raw.get("enum"));
    patternText = string(raw, "pattern");
    pattern = patternText.map(Pattern::compile);
    minLength = integer(raw, "minLength");
    maxLength = integer(raw, "maxLength");
    minItems = integer(raw, "minItems");
    maxItems = integer(raw, "maxItems");
    minimum = Optional.ofNullable(raw.get("minimum")).map(v -> new BigDecimal(v.toString()));
    maximum = Optional.ofNullable(raw.get("maximum")).map(v -> new BigDecimal(v.toString()));
    items = raw.get("items") instanceof Map
        ? Optional.of(new StructuralSchema((Map<?, ?>) raw.get("items")))
        : Optional.empty();
    Object additional = raw.get("additionalProperties");
    additionalProperties = additional instanceof Map
        ? Optional.of(new StructuralSchema((Map<?, ?>) additional))
        : Optional.empty();
    anyAdditional = Boolean.TRUE.equals(additional);
    preserveUnknownFields = Boolean.TRUE.equals(raw.get("x-kubernetes-preserve-unknown-fields"));
    intOrString = Boolean.TRUE.equals(raw.get("x-kubernetes-int-or-string"));
    nullable = Boolean.TRUE.equals(raw.get("nullable"));
    format = string(raw, "format");
    defaultValue = Optional.ofNullable(raw.get("default"));
    List<CelRule> compiled = new ArrayList<>();
    if (raw.get("x-kubernetes-validations") instanceof List) {
      for (Object v : (List<?>) raw.get("x-kubernetes-validations")) {
        Map<?, ?> rule = (Map<?, ?>) v;
        CelRule.parse((String) rule.get("rule"),
                string(rule, "message").orElse("failed rule: " + rule.get("rule")))
            .ifPresent(compiled::add);
      }
    }
    rules = List.copyOf(compiled);
  }

  /** Compiles {@code openAPIV3Schema} as read from a CRD. */
  public static StructuralSchema compile(Map<?, ?> raw) {
    return new StructuralSchema(raw);
  }

  /** Whether this object schema accepts fields it does not list. */
  boolean acceptsUnknownFields() {
    return preserveUnknownFields || anyAdditional || additionalProperties.isPresent();
  }

  private static Optional<String> string(Map<?, ?> raw, String key) {
    Object v = raw.get(key);
    return v instanceof String ? Optional.of((String) v) : Optional.empty();
  }

  private static Optional<Integer> integer(Map<?, ?> raw, String key) {
    Object v = raw.get(key);
    return v instanceof Number ? Optional.of(((Number) v).intValue()) : Optional.empty();
  }

  private static List<String> strings(Object list) {
    List<String> out = new ArrayList<>();
    if (list instanceof List) {
      for (Object o : (List<?>) list) {
        out.add(String.valueOf(o));
      }
    }
    return List.copyOf(out);
  }
}
