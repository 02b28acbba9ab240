package dev.profiles.core.yaml.internal;

import dev.profiles.core.model.InvalidModelException;
import dev.profiles.core.model.ModelViolation;
import dev.profiles.core.rules.ControlCharacters;
import dev.profiles.core.yaml.DocumentProblem;
import dev.profiles.core.yaml.DocumentWarning;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.core.yaml.YamlLimits;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads one YAML document into typed values while collecting every problem with its location,
 * instead of stopping at the first. Works on SnakeYAML Engine's node graph, so no Java type is
 * ever instantiated from a tag.
 */
public final class NodeReader {
  private static final Set<Tag> PLAIN_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ);

  private final String source;
  private final boolean allowUnknownFields;
  private final YamlLimits limits;
  private final List<DocumentProblem> problems = new ArrayList<>();
  private final List<DocumentWarning> warnings = new ArrayList<>();
  private final Map<String, Mark> marks = new HashMap<>();

  private NodeReader(String source, boolean allowUnknownFields, YamlLimits limits) {
    this.source = source;
    this.allowUnknownFields = allowUnknownFields;
    this.limits = limits;
  }

  /** The limits this document was read with, for documents nested in it. */
  public YamlLimits limits() {
    return limits;
  }

  /**
   * Parses {@code content} as exactly one YAML document within {@code limits}; problems that
   * make the document unreadable are thrown at once.
   */
  public static Parsed parse(String source, byte[] content, YamlLimits limits,
      boolean allowUnknownFields) throws InvalidDocumentException {
    NodeReader reader = new NodeReader(source, allowUnknownFields, limits);
    List<Node> documents = reader.compose(content, true);
    if (documents.isEmpty()) {
      reader.problems.add(new DocumentProblem(source, 1, 1, "", "document is empty"));
      reader.throwIfProblems();
    }
    return new Parsed(reader, documents.get(0));
  }

  /**
   * Parses {@code content} as a stream of any number of YAML documents ({@code ---}
   * separated, as Kubernetes manifests are) within {@code limits}, the byte limit applying to
   * the whole stream; empty documents are skipped. Problems are thrown at once, located.
   */
  public static List<Node> parseAll(String source, byte[] content, YamlLimits limits)
      throws InvalidDocumentException {
    NodeReader reader = new NodeReader(source, true, limits);
    return reader.compose(content, false);
  }

  private List<Node> compose(byte[] content, boolean single) throws InvalidDocumentException {
    NodeReader reader = this;
    if (content.length > limits.maxDocumentBytes()) {
      reader.problems.add(new DocumentProblem(source, 0, 0, "",
          "document is " + content.length + " bytes; the limit is " + limits.maxDocumentBytes()));
      reader.throwIfProblems();
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      reader.problems.add(new DocumentProblem(source, 0, 0, "", "document is not valid UTF-8"));
      reader.throwIfProblems();
      throw new AssertionError("unreachable");
    }
    LoadSettings settings = LoadSettings.builder()
        .setLabel(source)
        .setUseMarks(true)
        .setAllowDuplicateKeys(false)
        .setAllowRecursiveKeys(false)
        .setAllowNonScalarKeys(true) // reported with a location by mapping()
        .setMaxAliasesForCollections(limits.maxAliasesForCollections())
        .setCodePointLimit(limits.maxDocumentBytes())
        .build();
    List<Node> documents = new ArrayList<>();
    try {
      // The composer, not api.lowlevel.Compose: that package is not exported on the module path.
      // Bounded before composing: the composer recurses once per nesting level.
      Composer composer = new Composer(settings, new BoundedParser(
          new ParserImpl(settings, new StreamReader(settings, text)),
          limits.maxNestingDepth()));
      while (composer.hasNext()) {
        Node node = composer.next();
        documents.add(node);
        if (single && documents.size() > 1) {
          reader.problems.add(reader.at(node, "",
              "expected a single YAML document, found more than one ('---' separator)"));
          break;
        }
      }
    } catch (BoundedParser.RefusedException e) {
      Optional<Mark> mark = e.mark();
      reader.problems.add(new DocumentProblem(source,
          mark.map(m -> m.getLine() + 1).orElse(0), mark.map(m -> m.getColumn() + 1).orElse(0),
          "", "refused: " + e.getMessage()));
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      reader.problems.add(new DocumentProblem(source,
          mark.map(m -> m.getLine() + 1).orElse(0), mark.map(m -> m.getColumn() + 1).orElse(0),
          "", "YAML syntax error: " + firstLine(e.getProblem())));
    } catch (YamlEngineException e) {
      reader.problems.add(new DocumentProblem(source, 0, 0, "",
          "refused: " + firstLine(e.getMessage())));
    } catch (StackOverflowError e) {
      // Only on a thread with far less stack than the depth limit assumes; the stack is
      // already unwound here, and the document is refused like any other too deep one.
      reader.problems.add(new DocumentProblem(source, 0, 0, "", "refused: document nests"
          + " too deeply for the stack of the reading thread"));
    }
    reader.throwIfProblems();
    return documents;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** A parsed document: its root node and the reader that collects its problems. */
  public record Parsed(NodeReader reader, Node root) {}

  /** Records a problem at {@code node}. */
  public void problem(Node node, String path, String message) {
    problems.add(at(node, path, message));
  }

  /** Records a warning at {@code node}. */
  public void warn(Node node, String path, String message) {
    Optional<Mark> mark = node.getStartMark();
    warnings.add(new DocumentWarning(source, mark.map(m -> m.getLine() + 1).orElse(0),
        mark.map(m -> m.getColumn() + 1).orElse(0), path, message));
  }

  /** Every warning recorded, in document order. */
  public List<DocumentWarning> warnings() {
    List<DocumentWarning> sorted = new ArrayList<>(warnings);
    sorted.sort(Comparator.comparingInt(DocumentWarning::line)
        .thenComparingInt(DocumentWarning::column));
    return sorted;
  }

  private DocumentProblem at(Node node, String path, String message) {
    Optional<Mark> mark = node.getStartMark();
    return new DocumentProblem(source, mark.map(m -> m.getLine() + 1).orElse(0),
        mark.map(m -> m.getColumn() + 1).orElse(0), path, message);
  }

  /** Records the model's violations, located by their path (or the nearest located parent). */
  public void violations(List<ModelViolation> violations, String prefix) {
    for (ModelViolation v : violations) {
      ModelViolation located = v.under(prefix);
      if (problems.stream().anyMatch(p -> p.path().equals(located.path()))) {
        continue; // already reported more precisely by the structural reading
      }
      Mark mark = lookup(located.path());
      problems.add(new DocumentProblem(source, mark == null ? 0 : mark.getLine() + 1,
          mark == null ? 0 : mark.getColumn() + 1, located.path(), located.message()));
    }
  }

  /** Builds a model value, turning a broken rule into located problems. */
  public <T> Optional<T> build(String prefix, Supplier<T> builder) {
    return build(prefix, builder, Map.of());
  }

  /**
   * Builds a model value read from an older form of the document: a broken rule on model
   * field {@code f} is reported at {@code renames.get(f)}, the field the document really has.
   */
  public <T> Optional<T> build(String prefix, Supplier<T> builder,
      Map<String, String> renames) {
    try {
      return Optional.of(builder.get());
    } catch (InvalidModelException e) {
      violations(e.violations().stream().map(v -> renames.containsKey(v.path())
          ? new ModelViolation(renames.get(v.path()), v.message()) : v).toList(), prefix);
      return Optional.empty();
    }
  }

  private Mark lookup(String path) {
    String p = path;
    while (true) {
      Mark m = marks.get(p);
      if (m != null || p.isEmpty()) {
        return m;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
  }

  private void mark(String path, Node node) {
    node.getStartMark().ifPresent(m -> marks.putIfAbsent(path, m));
  }

  /** Whether no problem has been recorded. */
  public boolean ok() {
    return problems.isEmpty();
  }

  /** Throws every problem recorded so far, in document order. */
  public void throwIfProblems() throws InvalidDocumentException {
    if (!problems.isEmpty()) {
      List<DocumentProblem> sorted = new ArrayList<>(problems);
      sorted.sort(Comparator.comparingInt(DocumentProblem::line)
          .thenComparingInt(DocumentProblem::column));
      throw new InvalidDocumentException(sorted);
    }
  }

  /**
   * Marks a key of {@link #mapping} that only older documents use: accepted (the caller reads,
   * maps or warns about it) but not suggested in "expected one of" hints.
   */
  public static final String HISTORICAL = "~";

  /** The mapping at {@code node}, accepting only {@code keys}; empty (with a problem) if not. */
  public Optional<Fields> mapping(Node node, String path, String... keys) {
    mark(path, node);
    if (!checkTag(node, path)) {
      return Optional.empty();
    }
    if (!(node instanceof MappingNode mapping)) {
      problem(node, path, "expected a mapping, found " + describe(node));
      return Optional.empty();
    }
    Set<String> known = new HashSet<>();
    List<String> suggested = new ArrayList<>();
    for (String k : keys) {
      if (k.startsWith(HISTORICAL)) {
        known.add(k.substring(HISTORICAL.length()));
      } else {
        known.add(k);
        suggested.add(k);
      }
    }
    Map<String, Node> values = new LinkedHashMap<>();
    Map<String, Node> keyNodes = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode k) || !k.getTag().equals(Tag.STR)) {
        String at = keyNode instanceof ScalarNode k ? join(path, k.getValue()) : join(path, "?");
        problem(keyNode, at, "keys must be plain strings, found " + describe(keyNode));
        continue;
      }
      String key = k.getValue();
      String childPath = join(path, key);
      if (keyNodes.containsKey(key)) {
        Node first = keyNodes.get(key);
        problem(keyNode, childPath, "duplicate key '" + ControlCharacters.visible(key)
            + "' (first defined at line "
            + first.getStartMark().map(m -> m.getLine() + 1).orElse(0) + ")");
        continue;
      }
      keyNodes.put(key, keyNode);
      if (!known.contains(key)) {
        if (allowUnknownFields) {
          warn(keyNode, childPath, "ignored: unknown field '" + ControlCharacters.visible(key)
              + "'");
        } else {
          problem(keyNode, childPath, "unknown field '" + ControlCharacters.visible(key) + "'"
              + (suggested.isEmpty() ? "" : "; expected one of: "
                  + String.join(", ", suggested)));
        }
        continue;
      }
      mark(childPath, tuple.getValueNode());
      values.put(key, tuple.getValueNode());
    }
    return Optional.of(new Fields(mapping, path, values, keyNodes));
  }

  /** The items of the sequence at {@code node}; empty (with a problem) if it is not one. */
  public Optional<List<Node>> sequence(Node node, String path) {
    mark(path, node);
    if (!checkTag(node, path)) {
      return Optional.empty();
    }
    if (!(node instanceof SequenceNode seq)) {
      problem(node, path, "expected a list, found " + describe(node));
      return Optional.empty();
    }
    for (int i = 0; i < seq.getValue().size(); i++) {
      mark(path + "[" + i + "]", seq.getValue().get(i));
    }
    return Optional.of(seq.getValue());
  }

  /** The string at {@code node}; empty (with a problem) if it is not a string scalar. */
  public Optional<String> string(Node node, String path) {
    mark(path, node);
    if (!checkTag(node, path)) {
      return Optional.empty();
    }
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
      return Optional.of(scalar.getValue());
    }
    String hint = node instanceof ScalarNode ? "; quote it to make it a string" : "";
    problem(node, path, "expected a string, found " + describe(node) + hint);
    return Optional.empty();
  }

  private boolean checkTag(Node node, String path) {
    if (!PLAIN_TAGS.contains(node.getTag())) {
      problem(node, path, "YAML tag '" + node.getTag().getValue() + "' is not allowed");
      return false;
    }
    return true;
  }

  /** The string value of {@code key} in mapping {@code node}, without recording problems. */
  static Optional<String> peekString(Node node, String key) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple t : mapping.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)
            && t.getValueNode() instanceof ScalarNode v && !v.getTag().equals(Tag.NULL)) {
          return Optional.of(v.getValue());
        }
      }
    }
    return Optional.empty();
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  private static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    Tag tag = node.getTag();
    String value = ((ScalarNode) node).getValue();
    if (tag.equals(Tag.NULL)) {
      return "null";
    }
    if (tag.equals(Tag.INT)) {
      return "an integer (" + value + ")";
    }
    if (tag.equals(Tag.FLOAT)) {
      return "a number (" + value + ")";
    }
    if (tag.equals(Tag.BOOL)) {
      return "a boolean (" + value + ")";
    }
    return "a string";
  }

  static String join(String path, String key) {
    if (key.isEmpty() || key.matches("(?s).*[.\\[\\]'\\s].*")
        || ControlCharacters.problem(key).isPresent()) {
      // Keeps odd keys readable, and a key cannot forge a line of a message.
      return path + "['" + ControlCharacters.visible(key).replace("'", "''") + "']";
    }
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The accepted fields of one mapping. */
  public final class Fields {
    private final MappingNode node;
    private final String path;
    private final Map<String, Node> values;
    private final Map<String, Node> keys;

    private Fields(MappingNode node, String path, Map<String, Node> values,
        Map<String, Node> keys) {
      this.node = node;
      this.path = path;
      this.values = values;
      this.keys = keys;
    }

    /** The path of this mapping. */
    public String path() {
      return path;
    }

    /** The path of field {@code key}. */
    public String path(String key) {
      return join(path, key);
    }

    /** The node of {@code key}; a YAML null counts as absent. */
    public Optional<Node> node(String key) {
      return Optional.ofNullable(values.get(key)).filter(n -> !isNull(n));
    }

    public boolean has(String key) {
      return node(key).isPresent();
    }

    /** Whether {@code key} is written at all, even as null. */
    public boolean written(String key) {
      return values.containsKey(key);
    }

    /** Records a warning on field {@code key}, when it is written. */
    public void warn(String key, String message) {
      if (values.containsKey(key)) {
        NodeReader.this.warn(keys.get(key), path(key), message);
      }
    }

    /** The node of a required field; records "missing" when absent. */
    public Optional<Node> required(String key) {
      Optional<Node> n = node(key);
      if (n.isEmpty()) {
        NodeReader.this.problem(values.getOrDefault(key, node), path(key), "required field '" + key
            + "' is missing");
      }
      return n;
    }

    public Optional<String> string(String key) {
      return node(key).flatMap(n -> NodeReader.this.string(n, path(key)));
    }

    /** A boolean field ({@code true} or {@code false}, unquoted); absent when not written. */
    public Optional<Boolean> bool(String key) {
      return node(key).flatMap(n -> {
        mark(path(key), n);
        if (n instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
          return Optional.of(Boolean.parseBoolean(scalar.getValue().toLowerCase(
              java.util.Locale.ROOT)));
        }
        NodeReader.this.problem(n, path(key), "expected true or false, found "
            + describe(n));
        return Optional.empty();
      });
    }

    public Optional<String> requiredString(String key) {
      return required(key).flatMap(n -> NodeReader.this.string(n, path(key)));
    }

    public Optional<Fields> mapping(String key, String... keys) {
      return node(key).flatMap(n -> NodeReader.this.mapping(n, path(key), keys));
    }

    public Optional<Fields> requiredMapping(String key, String... keys) {
      return required(key).flatMap(n -> NodeReader.this.mapping(n, path(key), keys));
    }

    /** The items of a list field, each with its path; empty list when absent. */
    public List<Item> list(String key) {
      List<Item> out = new ArrayList<>();
      node(key).flatMap(n -> sequence(n, path(key))).ifPresent(items -> {
        for (int i = 0; i < items.size(); i++) {
          out.add(new Item(items.get(i), path(key) + "[" + i + "]", i));
        }
      });
      return out;
    }

    /** A list of strings; items that are not strings are recorded as problems and skipped. */
    public List<String> strings(String key) {
      List<String> out = new ArrayList<>();
      for (Item item : list(key)) {
        NodeReader.this.string(item.node(), item.path()).ifPresent(out::add);
      }
      return out;
    }

    /** Records that field {@code key} must equal {@code expected}. */
    public void expect(String key, Set<String> allowed) {
      requiredString(key).ifPresent(v -> {
        if (!allowed.contains(v)) {
          NodeReader.this.problem(values.get(key), path(key), "expected " + String.join(" or ",
              allowed.stream().sorted().map(a -> "'" + a + "'").toList()) + ", found '"
              + ControlCharacters.visible(v) + "'");
        }
      });
    }

    /** Records a problem on field {@code key} (or the mapping when it is absent). */
    public void problem(String key, String message) {
      NodeReader.this.problem(values.getOrDefault(key, node), path(key), message);
    }

    /** Records a problem on the mapping itself. */
    public void problem(String message) {
      NodeReader.this.problem(node, path, message);
    }
  }

  /** One item of a list, with its path and index. */
  public record Item(Node node, String path, int index) {}
}
