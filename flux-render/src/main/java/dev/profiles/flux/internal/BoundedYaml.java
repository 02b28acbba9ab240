package dev.profiles.flux.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Parses YAML that comes from outside (a profile's kustomization files, manifests as a user
 * has them) within fixed bounds: size, nesting depth and aliases are checked on the event
 * stream, which the parser produces without recursion, before the recursive composer builds
 * nodes; so no input can exhaust the stack or the heap.
 */
final class BoundedYaml {
  /** The largest document read. */
  static final int MAX_BYTES = 1 << 20;

  /** The deepest nesting of mappings and lists read; real manifests stay below 20. */
  static final int MAX_DEPTH = 64;

  /** How many aliases a document may use. */
  static final int MAX_ALIASES = 50;

  private BoundedYaml() {}

  /** The parsed documents, or why they cannot be read (with 1-based line and column). */
  record Result(List<Node> documents, Optional<Problem> problem, String text) {}

  /** A reason a text is refused, where it is known. */
  record Problem(int line, int column, String message) {}

  static Result parse(String label, byte[] content) {
    if (content.length > MAX_BYTES) {
      return refused(0, 0, "is " + content.length + " bytes; the limit is " + MAX_BYTES);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      return refused(0, 0, "is not valid UTF-8");
    }
    try {
      ParserImpl events = new ParserImpl(settings(label), new StreamReader(settings(label), text));
      int depth = 0;
      int aliases = 0;
      while (events.hasNext()) {
        Event e = events.next();
        switch (e.getEventId()) {
          case MappingStart, SequenceStart -> {
            if (++depth > MAX_DEPTH) {
              return refused(e.getStartMark(), "is nested more than " + MAX_DEPTH
                  + " levels deep");
            }
          }
          case MappingEnd, SequenceEnd -> depth--;
          case Alias -> {
            if (++aliases > MAX_ALIASES) {
              return refused(((AliasEvent) e).getStartMark(), "uses more than " + MAX_ALIASES
                  + " aliases");
            }
          }
          default -> { }
        }
      }
      LoadSettings settings = settings(label);
      Composer composer = new Composer(settings,
          new ParserImpl(settings, new StreamReader(settings, text)));
      List<Node> documents = new ArrayList<>();
      while (composer.hasNext()) {
        documents.add(composer.next());
      }
      return new Result(documents, Optional.empty(), text);
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      return refused(mark, "is not valid YAML: " + firstLine(e.getProblem()));
    } catch (YamlEngineException | IllegalStateException e) {
      return refused(0, 0, "is not valid YAML: " + firstLine(e.getMessage()));
    }
  }

  private static LoadSettings settings(String label) {
    return LoadSettings.builder().setLabel(label).setUseMarks(true)
        .setAllowDuplicateKeys(false).setAllowRecursiveKeys(false)
        .setMaxAliasesForCollections(MAX_ALIASES).setCodePointLimit(MAX_BYTES).build();
  }

  private static Result refused(Optional<Mark> mark, String message) {
    return refused(mark.map(m -> m.getLine() + 1).orElse(0),
        mark.map(m -> m.getColumn() + 1).orElse(0), message);
  }

  private static Result refused(int line, int column, String message) {
    return new Result(List.of(), Optional.of(new Problem(line, column, message)), "");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The 1-based line of {@code node}, 0 when unknown. */
  static int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  /** The 1-based column of {@code node}, 0 when unknown. */
  static int column(Node node) {
    return node.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
  }
}
