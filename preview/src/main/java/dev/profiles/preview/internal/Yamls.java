package dev.profiles.preview.internal;

import dev.profiles.core.preview.PreviewException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
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

  /** {@code tree} as block YAML. */
  public static String write(Object tree) {
    return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
        .dumpToString(tree);
  }

  private static LoadSettings settings(String source, int length) {
    return LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(false)
        .setMaxAliasesForCollections(50).setAllowRecursiveKeys(false)
        .setCodePointLimit(Math.max(length + 1, 1024)).setUseMarks(true).build();
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
