package dev.profiles.flux.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The CRD schemas bundled with this module ({@code dev/profiles/flux/crds/}, listed in {@code
 * index.txt}), compiled once: one schema per served {@code apiVersion} and kind.
 */
public final class Crds {
  private static final String ROOT = "/dev/profiles/flux/crds/";

  private final Map<String, StructuralSchema> schemas;
  private final Map<String, List<String>> servedByKind;
  private final Set<String> groups;
  private final List<String> ruleSources;

  private Crds(Map<String, StructuralSchema> schemas, Map<String, List<String>> servedByKind,
      Set<String> groups, List<String> ruleSources) {
    this.schemas = schemas;
    this.servedByKind = servedByKind;
    this.groups = groups;
    this.ruleSources = ruleSources;
  }

  private static Crds bundled;

  /**
   * The bundled CRDs; loaded on first use.
   *
   * @throws dev.profiles.flux.UnsupportedCrdRuleException when one of them holds a rule outside
   *     the CEL subset (on every call: a failed load is not cached)
   */
  public static synchronized Crds bundled() {
    if (bundled == null) {
      Map<String, String> files = new LinkedHashMap<>();
      for (String file : read("index.txt").split("\n")) {
        if (!file.isBlank()) {
          files.put(file.strip(), read(file.strip()));
        }
      }
      bundled = load(files);
    }
    return bundled;
  }

  /** The schema of {@code apiVersion} {@code kind}, if a bundled CRD serves it. */
  public Optional<StructuralSchema> schema(String apiVersion, String kind) {
    return Optional.ofNullable(schemas.get(apiVersion + " " + kind));
  }

  /** Whether {@code group} is the API group of a bundled CRD. */
  public boolean knowsGroup(String group) {
    return groups.contains(group);
  }

  /** The served apiVersions of {@code group}'s {@code kind}, for messages. */
  public List<String> served(String group, String kind) {
    return servedByKind.getOrDefault(group + " " + kind, List.of());
  }

  /** Every {@code apiVersion kind} pair served, sorted. */
  public Set<String> kinds() {
    return new TreeSet<>(schemas.keySet());
  }

  /** Every CEL rule text in the served versions' schemas (for tests). */
  public List<String> ruleSources() {
    return ruleSources;
  }

  /** How many rules the served versions' schemas evaluate: all of {@link #ruleSources()}. */
  public int evaluatedRuleCount() {
    int count = 0;
    for (StructuralSchema schema : schemas.values()) {
      count += schema.ruleCount();
    }
    return count;
  }

  /**
   * Compiles the CRDs of {@code files} (file name to YAML text, one or more CRD documents each).
   *
   * @throws dev.profiles.flux.UnsupportedCrdRuleException for a rule outside the CEL subset,
   *     naming the CRD, its version, the field and the rule
   */
  public static Crds load(Map<String, String> files) {
    Map<String, StructuralSchema> schemas = new TreeMap<>();
    Map<String, List<String>> served = new TreeMap<>();
    Set<String> groups = new TreeSet<>();
    List<String> rules = new ArrayList<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Load load = new Load(LoadSettings.builder().setLabel(file.getKey()).build());
      for (Object doc : load.loadAllFromString(file.getValue())) {
        if (!(doc instanceof Map)) {
          continue;
        }
        Map<?, ?> spec = (Map<?, ?>) ((Map<?, ?>) doc).get("spec");
        String group = (String) spec.get("group");
        String kind = (String) ((Map<?, ?>) spec.get("names")).get("kind");
        groups.add(group);
        for (Object v : (List<?>) spec.get("versions")) {
          Map<?, ?> version = (Map<?, ?>) v;
          if (!Boolean.TRUE.equals(version.get("served"))) {
            continue;
          }
          String apiVersion = group + "/" + version.get("name");
          Map<?, ?> raw = (Map<?, ?>) ((Map<?, ?>) version.get("schema")).get("openAPIV3Schema");
          collectRules(raw, rules);
          Object name = ((Map<?, ?>) ((Map<?, ?>) doc).get("metadata")).get("name");
          schemas.put(apiVersion + " " + kind,
              StructuralSchema.compile(raw, name + " " + version.get("name")));
          served.computeIfAbsent(group + " " + kind, k -> new ArrayList<>()).add(apiVersion);
        }
      }
    }
    return new Crds(schemas, served, groups, List.copyOf(rules));
  }

  private static void collectRules(Object raw, List<String> out) {
    if (raw instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) raw;
      if (map.get("x-kubernetes-validations") instanceof List) {
        for (Object rule : (List<?>) map.get("x-kubernetes-validations")) {
          out.add((String) ((Map<?, ?>) rule).get("rule"));
        }
      }
      new LinkedHashMap<>(map).forEach((k, v) -> collectRules(v, out));
    } else if (raw instanceof List) {
      ((List<?>) raw).forEach(v -> collectRules(v, out));
    }
  }

  private static String read(String name) {
    try (InputStream in = Crds.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("bundled CRD resource missing: " + ROOT + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
