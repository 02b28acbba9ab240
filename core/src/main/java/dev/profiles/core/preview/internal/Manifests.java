package dev.profiles.core.preview.internal;

import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectId;
import dev.profiles.core.yaml.DocumentProblem;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.core.yaml.YamlLimits;
import dev.profiles.core.yaml.internal.NodeReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a manifest file (any number of {@code ---} separated documents) into {@link
 * KubeObject}s with core's bounded parser: the documents as plain values (maps, lists, strings,
 * {@code Long}/{@code BigInteger}, {@code Double}, booleans, nulls), so that {@code "1"} and
 * {@code 1} stay different while quoting style and key order do not matter.
 *
 * <p>A document that is not a Kubernetes object (no string {@code apiVersion} and {@code kind},
 * such as a chart's {@code values.yaml}) is skipped, and so are kustomize's own configuration
 * files ({@code kustomize.config.k8s.io}): Flux never applies them.
 */
public final class Manifests {
  /** Manifests hold CRDs of a few megabytes; a whole file is bounded by this. */
  public static final YamlLimits LIMITS = new YamlLimits(16 << 20, 200, 128);

  private Manifests() {}

  /** The objects declared in {@code content}, read from repository-relative {@code file}. */
  public static List<KubeObject> read(String file, byte[] content)
      throws InvalidDocumentException {
    List<Node> documents = NodeReader.parseAll(file, content, LIMITS);
    List<DocumentProblem> problems = new ArrayList<>();
    List<KubeObject> out = new ArrayList<>();
    for (Node doc : documents) {
      Object value = value(file, doc, "", problems);
      if (!(value instanceof Map<?, ?> map)) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> content0 = (Map<String, Object>) map;
      // A top-level null means the same as no field (KubeObject holds no null at its top).
      content0.values().removeIf(java.util.Objects::isNull);
      Optional<ObjectId> id = id(content0);
      if (id.isPresent() && !id.get().group().equals("kustomize.config.k8s.io")) {
        out.add(KubeObject.builder().id(id.get()).content(content0).file(file).build());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidDocumentException(problems);
    }
    return out;
  }

  /** The identity of a parsed document; empty when it is not a Kubernetes object. */
  public static Optional<ObjectId> id(Map<String, Object> content) {
    if (!(content.get("apiVersion") instanceof String api) || api.isEmpty()
        || !(content.get("kind") instanceof String kind) || kind.isEmpty()) {
      return Optional.empty();
    }
    String name = "";
    String namespace = "";
    if (content.get("metadata") instanceof Map<?, ?> m) {
      if (m.get("name") instanceof String n) {
        name = n;
      }
      if (m.get("namespace") instanceof String ns) {
        namespace = ns;
      }
    }
    return Optional.of(new ObjectId(api, kind, namespace, name));
  }

  private static Object value(String file, Node node, String path,
      List<DocumentProblem> problems) {
    if (node instanceof MappingNode m) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
          problems.add(at(file, t.getKeyNode(), path, "mapping keys must be scalars"));
          continue;
        }
        String key = k.getValue();
        map.put(key, value(file, t.getValueNode(), path.isEmpty() ? key : path + "." + key,
            problems));
      }
      return map;
    }
    if (node instanceof SequenceNode s) {
      List<Object> list = new ArrayList<>(s.getValue().size());
      int i = 0;
      for (Node item : s.getValue()) {
        list.add(value(file, item, path + "[" + i++ + "]", problems));
      }
      return list;
    }
    ScalarNode scalar = (ScalarNode) node;
    String text = scalar.getValue();
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL)) {
      return Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT).equals("true"));
    }
    if (tag.equals(Tag.INT)) {
      try {
        BigInteger big = new BigInteger(text.replace("+", ""));
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
      } catch (NumberFormatException e) {
        return text;
      }
    }
    if (tag.equals(Tag.FLOAT)) {
      try {
        return Double.valueOf(text);
      } catch (NumberFormatException e) {
        return text;
      }
    }
    if (!tag.equals(Tag.STR)) {
      problems.add(at(file, node, path, "tag " + tag.getValue() + " is not supported in a"
          + " manifest"));
    }
    return text;
  }

  private static DocumentProblem at(String file, Node node, String path, String message) {
    var mark = node.getStartMark();
    return new DocumentProblem(file, mark.map(x -> x.getLine() + 1).orElse(0),
        mark.map(x -> x.getColumn() + 1).orElse(0), path, message);
  }
}
