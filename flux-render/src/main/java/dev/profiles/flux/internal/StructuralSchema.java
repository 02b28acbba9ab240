package dev.profiles.flux.internal;

import dev.profiles.flux.UnsupportedCrdRuleException;
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

  private StructuralSchema(Map<?, ?> raw, String crd, String path) {
    type = string(raw, "type");
    Map<String, StructuralSchema> props = new LinkedHashMap<>();
    if (raw.get("properties") instanceof Map) {
      ((Map<?, ?>) raw.get("properties"))
          .forEach((k, v) -> props.put((String) k,
              new StructuralSchema((Map<?, ?>) v, crd, path.isEmpty() ? (String) k
                  : path + "." + k)));
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
        ? Optional.of(new StructuralSchema((Map<?, ?>) raw.get("items"), crd, path + "[*]"))
        : Optional.empty();
    Object additional = raw.get("additionalProperties");
    additionalProperties = additional instanceof Map
        ? Optional.of(new StructuralSchema((Map<?, ?>) additional, crd, path + "[*]"))
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
        String source = String.valueOf(rule.get("rule"));
        // A rule we cannot evaluate would let through what the API server refuses: never skip.
        compiled.add(CelRule.parse(source,
                string(rule, "message").orElse("failed rule: " + source))
            .orElseThrow(() -> new UnsupportedCrdRuleException(crd, path, source)));
      }
    }
    rules = List.copyOf(compiled);
    for (String junctor : List.of("allOf", "anyOf", "oneOf", "not")) {
      // Not compiled here, so a rule inside would be skipped: refuse it instead.
      Optional<String> hidden = firstRule(raw.get(junctor));
      if (hidden.isPresent()) {
        throw new UnsupportedCrdRuleException(crd, path.isEmpty() ? junctor
            : path + "." + junctor, hidden.get());
      }
    }
  }

  private static Optional<String> firstRule(Object raw) {
    if (raw instanceof Map<?, ?> map) {
      if (map.get("x-kubernetes-validations") instanceof List<?> list && !list.isEmpty()) {
        Object first = list.get(0);
        return Optional.of(first instanceof Map<?, ?> m ? String.valueOf(m.get("rule"))
            : String.valueOf(first));
      }
      for (Object v : map.values()) {
        Optional<String> r = firstRule(v);
        if (r.isPresent()) {
          return r;
        }
      }
    } else if (raw instanceof List<?> list) {
      for (Object v : list) {
        Optional<String> r = firstRule(v);
        if (r.isPresent()) {
          return r;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Compiles {@code openAPIV3Schema} as read from a CRD; {@code crd} names it in errors.
   *
   * @throws UnsupportedCrdRuleException for an {@code x-kubernetes-validations} rule outside
   *     the CEL subset of {@link CelRule}
   */
  public static StructuralSchema compile(Map<?, ?> raw, String crd) {
    return new StructuralSchema(raw, crd, "");
  }

  /** How many rules this schema and the schemas below it evaluate. */
  int ruleCount() {
    int count = rules.size();
    for (StructuralSchema p : properties.values()) {
      count += p.ruleCount();
    }
    count += items.map(StructuralSchema::ruleCount).orElse(0);
    count += additionalProperties.map(StructuralSchema::ruleCount).orElse(0);
    return count;
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
