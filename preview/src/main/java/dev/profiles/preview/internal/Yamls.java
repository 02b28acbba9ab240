package dev.profiles.preview.internal;

import dev.profiles.core.preview.PreviewException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Bounded YAML reading for everything an expander parses (values documents, chart output,
 * kustomize output): size, aliases and nesting are checked before a node is built, so that no
 * input reaches a {@link StackOverflowError} or unbounded memory.
 */
public final class Yamls {
  /** Nesting deeper than this is refused before composing (the composer recurses). */
  public static final int MAX_DEPTH = 128;

  private Yamls() {}

  /** Every non-empty document of {@code text}; {@code source} names it in errors. */
  public static List<Object> readAll(String source, String text, long maxBytes, int maxDocuments)
      throws PreviewException {
    if (text.length() > maxBytes) {
      throw new PreviewException(source + ": " + text.length() + " characters, over the limit of "
          + maxBytes);
    }
    LoadSettings settings = settings(source, text.length());
    try {
      int depth = 0;
      int documents = 0;
      ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, text));
      while (parser.hasNext()) {
        Event event = parser.next();
        switch (event.getEventId()) {
          case MappingStart, SequenceStart -> {
            if (++depth > MAX_DEPTH) {
              throw new PreviewException(source + where(event.getStartMark())
                  + ": nested deeper than " + MAX_DEPTH + " levels");
            }
          }
          case MappingEnd, SequenceEnd -> depth--;
          case DocumentStart -> {
            if (++documents > maxDocuments) {
              throw new PreviewException(source + ": more than " + maxDocuments + " documents");
            }
          }
          default -> { }
        }
      }
      List<Object> out = new ArrayList<>();
      for (Object document : new Load(settings).loadAllFromString(text)) {
        if (document != null) {
          out.add(document);
        }
      }
      return out;
    } catch (MarkedYamlEngineException e) {
      throw new PreviewException(source + where(e.getProblemMark()) + ": " + firstLine(
          e.getProblem() == null ? e.getMessage() : e.getProblem()));
    } catch (YamlEngineException e) {
      throw new PreviewException(source + ": " + firstLine(e.getMessage()));
    }
  }

  /** The one document of {@code text}, which must be a mapping (or empty: an empty map). */
  public static Map<String, Object> readMap(String source, String text, long maxBytes)
      throws PreviewException {
    List<Object> documents = readAll(source, text, maxBytes, 1);
    if (documents.isEmpty()) {
      return new LinkedHashMap<>();
    }
    Object only = documents.get(0);
    if (!(only instanceof Map<?, ?>)) {
      throw new PreviewException(source + ": not a mapping of values but a "
          + Trees.typeName(only));
    }
    return Trees.stringKeyed(source, only);
  }

  /**
   * {@code tree} as JSON (a YAML document any YAML reader reads the same): every string is
   * quoted, so {@code "yes"} stays a string for Helm's YAML 1.1 reader.
   */
  public static String write(Object tree) {
    StringBuilder out = new StringBuilder();
    json(out, tree);
    return out.append('\n').toString();
  }

  private static void json(StringBuilder out, Object value) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(out, String.valueOf(e.getKey()));
        out.append(':');
        json(out, e.getValue());
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        json(out, list.get(i));
      }
      out.append(']');
    } else if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      // Not JSON, but YAML (which is what reads this): .nan, .inf, -.inf.
      out.append(d.isNaN() ? ".nan" : d > 0 ? ".inf" : "-.inf");
    } else if (value instanceof Number) {
      out.append(value);
    } else if (value instanceof byte[] bytes) {
      string(out, java.util.Base64.getEncoder().encodeToString(bytes));
    } else {
      string(out, value.toString());
    }
  }

  private static void string(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029
              || Character.isSurrogate(c) && !validSurrogate(text, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean validSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }

  private static LoadSettings settings(String source, int length) {
    return LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(false)
        .setMaxAliasesForCollections(50).setAllowRecursiveKeys(false)
        .setCodePointLimit(Math.max(length + 1, 1024)).setUseMarks(true)
        .setSchema(new Yaml11Schema()).build();
  }

  private static String where(Optional<Mark> mark) {
    return mark.map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("");
  }

  static String firstLine(String text) {
    if (text == null) {
      return "unreadable";
    }
    String line = text.strip();
    int nl = line.indexOf('\n');
    line = nl < 0 ? line : line.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
