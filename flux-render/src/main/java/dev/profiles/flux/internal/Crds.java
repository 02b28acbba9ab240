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
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The CRD schemas bundled with this module ({@code dev/profiles/flux/crds/}, listed in {@code
 * index.txt} with the kind each file defines), compiled once: one schema per served {@code
 * apiVersion} and kind.
 *
 * <p>The bundled files are parsed and compiled one kind at a time, on the first question about
 * that kind: a render touches a few of the eleven kinds, and parsing all of them (a quarter of
 * a megabyte of YAML) was the largest single cost of a short-lived process's first render.
 * Questions about every kind ({@link #kinds()}, {@link #ruleSources()}) compile them all.
 */
public final class Crds {
  private static final String ROOT = "/dev/profiles/flux/crds/";

  /** "group kind" to its part, sorted. */
  private final Map<String, Part> parts;
  private final Set<String> groups;

  private Crds(Map<String, Part> parts) {
    this.parts = parts;
    Set<String> g = new TreeSet<>();
    for (Part part : parts.values()) {
      g.add(part.group);
    }
    this.groups = g;
  }

  private static Crds bundled;

  /**
   * The bundled CRDs; the index is read on first use, each kind compiled on its first use.
   *
   * @throws dev.profiles.flux.UnsupportedCrdRuleException from the methods that compile a kind,
   *     when it holds a rule outside the CEL subset (on every call: a failed compile is not
   *     cached; a test compiles every bundled kind)
   */
  public static synchronized Crds bundled() {
    if (bundled == null) {
      Map<String, Part> parts = new TreeMap<>();
      for (String line : read("index.txt").split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.strip().split("\\s+");
        if (fields.length != 2) {
          throw new IllegalStateException(ROOT + "index.txt: '" + line + "' is not 'FILE KIND'");
        }
        String file = fields[0];
        String base = file.substring(file.lastIndexOf('/') + 1);
        if (base.indexOf('_') <= 0) {
          throw new IllegalStateException(ROOT + "index.txt: '" + file + "' is not named"
              + " GROUP_PLURAL.yaml");
        }
        Part part = new Part(file, base.substring(0, base.indexOf('_')), fields[1],
            () -> read(file));
        parts.put(part.key(), part);
      }
      bundled = new Crds(parts);
    }
    return bundled;
  }

  /** The schema of {@code apiVersion} {@code kind}, if a bundled CRD serves it. */
  public Optional<StructuralSchema> schema(String apiVersion, String kind) {
    int slash = apiVersion.lastIndexOf('/');
    Part part = slash < 0 ? null : parts.get(apiVersion.substring(0, slash) + " " + kind);
    return part == null
        ? Optional.empty()
        : Optional.ofNullable(part.compiled().schemas.get(apiVersion));
  }

  /** Whether {@code group} is the API group of a bundled CRD. */
  public boolean knowsGroup(String group) {
    return groups.contains(group);
  }

  /** The served apiVersions of {@code group}'s {@code kind}, for messages. */
  public List<String> served(String group, String kind) {
    Part part = parts.get(group + " " + kind);
    return part == null ? List.of() : List.copyOf(part.compiled().schemas.keySet());
  }

  /** Every {@code apiVersion kind} pair served, sorted. */
  public Set<String> kinds() {
    Set<String> kinds = new TreeSet<>();
    for (Part part : parts.values()) {
      part.compiled().schemas.keySet().forEach(v -> kinds.add(v + " " + part.kind));
    }
    return kinds;
  }

  /** Every CEL rule text in the served versions' schemas (for tests). */
  public List<String> ruleSources() {
    List<String> rules = new ArrayList<>();
    for (Part part : parts.values()) {
      rules.addAll(part.compiled().rules);
    }
    return List.copyOf(rules);
  }

  /** How many rules the served versions' schemas evaluate: all of {@link #ruleSources()}. */
  public int evaluatedRuleCount() {
    int count = 0;
    for (Part part : parts.values()) {
      for (StructuralSchema schema : part.compiled().schemas.values()) {
        count += schema.ruleCount();
      }
    }
    return count;
  }

  /**
   * Compiles the CRDs of {@code files} (file name to YAML text, one or more CRD documents each),
   * all of them now.
   *
   * @throws dev.profiles.flux.UnsupportedCrdRuleException for a rule outside the CEL subset,
   *     naming the CRD, its version, the field and the rule
   */
  public static Crds load(Map<String, String> files) {
    Map<String, Part> parts = new TreeMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      for (Document doc : documents(file.getKey(), file.getValue())) {
        Part part = parts.computeIfAbsent(doc.group + " " + doc.kind,
            k -> new Part(file.getKey(), doc.group, doc.kind, file::getValue));
        part.add(doc.compile());
      }
    }
    return new Crds(parts);
  }

  /** One CRD document: its group, kind and the raw document. */
  private record Document(String group, String kind, Map<?, ?> raw) {
    Compiled compile() {
      Map<String, StructuralSchema> schemas = new TreeMap<>();
      List<String> rules = new ArrayList<>();
      Map<?, ?> spec = (Map<?, ?>) raw.get("spec");
      Object name = ((Map<?, ?>) raw.get("metadata")).get("name");
      for (Object v : (List<?>) spec.get("versions")) {
        Map<?, ?> version = (Map<?, ?>) v;
        if (!Boolean.TRUE.equals(version.get("served"))) {
          continue;
        }
        Map<?, ?> schema = (Map<?, ?>) ((Map<?, ?>) version.get("schema")).get("openAPIV3Schema");
        collectRules(schema, rules);
        schemas.put(group + "/" + version.get("name"),
            StructuralSchema.compile(schema, name + " " + version.get("name")));
      }
      return new Compiled(schemas, rules);
    }
  }

  private static List<Document> documents(String label, String text) {
    List<Document> docs = new ArrayList<>();
    Load load = new Load(LoadSettings.builder().setLabel(label).build());
    for (Object doc : load.loadAllFromString(text)) {
      if (!(doc instanceof Map)) {
        continue;
      }
      Map<?, ?> spec = (Map<?, ?>) ((Map<?, ?>) doc).get("spec");
      docs.add(new Document((String) spec.get("group"),
          (String) ((Map<?, ?>) spec.get("names")).get("kind"), (Map<?, ?>) doc));
    }
    return docs;
  }

  /** The compiled schemas of one kind's served versions, by apiVersion, and their rule texts. */
  private record Compiled(Map<String, StructuralSchema> schemas, List<String> rules) {
    Compiled plus(Compiled other) {
      Map<String, StructuralSchema> s = new TreeMap<>(schemas);
      s.putAll(other.schemas);
      List<String> r = new ArrayList<>(rules);
      r.addAll(other.rules);
      return new Compiled(s, List.copyOf(r));
    }
  }

  /** The CRD of one group and kind, from one file, compiled on first use. */
  private static final class Part {
    private final String file;
    private final String group;
    private final String kind;
    private final Supplier<String> text;
    private Compiled compiled;

    Part(String file, String group, String kind, Supplier<String> text) {
      this.file = file;
      this.group = group;
      this.kind = kind;
      this.text = text;
    }

    String key() {
      return group + " " + kind;
    }

    synchronized void add(Compiled more) {
      compiled = compiled == null ? more : compiled.plus(more);
    }

    synchronized Compiled compiled() {
      if (compiled == null) {
        Compiled all = null;
        for (Document doc : documents(file, text.get())) {
          if (!doc.group.equals(group) || !doc.kind.equals(kind)) {
            throw new IllegalStateException(ROOT + "index.txt lists " + file + " as " + group
                + " " + kind + ", but it defines " + doc.group + " " + doc.kind);
          }
          all = all == null ? doc.compile() : all.plus(doc.compile());
        }
        if (all == null) {
          throw new IllegalStateException(ROOT + file + " defines no CRD");
        }
        compiled = all;
      }
      return compiled;
    }
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
