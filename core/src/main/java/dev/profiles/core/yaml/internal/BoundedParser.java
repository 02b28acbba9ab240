package dev.profiles.core.yaml.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * A parser that refuses documents nesting deeper than a limit, before the composer sees them.
 *
 * <p>SnakeYAML Engine's parser and scanner are iterative, but its composer builds nodes
 * recursively, so {@code [[[[...} of a few hundred kilobytes ends in StackOverflowError; the
 * engine has no setting for it. Counting collection start and end events here stops such a
 * document at the first event that is too deep, with its position.
 *
 * <p>The depth counted is that of the document <em>with aliases expanded</em>: an alias
 * weighs as much as the collection it names, so a chain of anchors cannot build a node graph
 * deeper than the limit either. An alias to a collection that is still open (a recursive
 * structure) is refused outright: no Profiles document needs one, and anything walking such a
 * graph would never end.
 *
 * <p>An explicit {@code !!merge} key is refused too: the composer copies every entry of the
 * merged mapping into the merging one, so fifty aliases turn one large mapping into fifty
 * copies, around the alias limit. (Under the JSON schema used here a plain {@code <<} is an
 * ordinary key and merges nothing.)
 */
final class BoundedParser implements Parser {
  private static final String MERGE = Tag.MERGE.getValue();

  private final Parser delegate;
  private final int maxDepth;
  /** Open collections: the greatest height of a finished child so far, and the anchor. */
  private final List<Frame> open = new ArrayList<>();
  /** Height (collection levels) of every finished anchored node. */
  private final Map<Anchor, Integer> heights = new HashMap<>();

  BoundedParser(Parser delegate, int maxDepth) {
    this.delegate = delegate;
    this.maxDepth = maxDepth;
  }

  /** A document nested deeper than allowed, recursive through an alias or merging; located. */
  static final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Optional<Mark> mark;

    RefusedException(String message, Optional<Mark> mark) {
      super(message, null, false, false);
      this.mark = mark;
    }

    Optional<Mark> mark() {
      return mark;
    }
  }

  private static final class Frame {
    final Optional<Anchor> anchor;
    int childHeight;

    Frame(Optional<Anchor> anchor) {
      this.anchor = anchor;
    }
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return delegate.checkEvent(choice);
  }

  @Override
  public Event peekEvent() {
    return delegate.peekEvent();
  }

  @Override
  public boolean hasNext() {
    return delegate.hasNext();
  }

  @Override
  public Event next() {
    Event event = delegate.next();
    switch (event.getEventId()) {
      case SequenceStart, MappingStart -> {
        if (open.size() + 1 > maxDepth) {
          throw tooDeep(event);
        }
        open.add(new Frame(((NodeEvent) event).getAnchor()));
      }
      case SequenceEnd, MappingEnd -> {
        if (!open.isEmpty()) {
          Frame done = open.remove(open.size() - 1);
          finished(done.anchor, done.childHeight + 1);
        }
      }
      case Scalar -> {
        ScalarEvent scalar = (ScalarEvent) event;
        if (scalar.getTag().filter(MERGE::equals).isPresent()) {
          throw new RefusedException("merge keys (!!merge) are not supported",
              event.getStartMark());
        }
        finished(scalar.getAnchor(), 0);
      }
      case Alias -> alias((AliasEvent) event);
      case DocumentEnd -> heights.clear();
      default -> {
        // stream and document starts carry no nesting
      }
    }
    return event;
  }

  private void alias(AliasEvent event) {
    Anchor anchor = event.getAlias();
    for (Frame f : open) {
      if (f.anchor.filter(anchor::equals).isPresent()) {
        throw new RefusedException("alias *" + anchor.getValue() + " refers to a collection"
            + " that contains it; recursive structures are not allowed", event.getStartMark());
      }
    }
    Integer height = heights.get(anchor);
    if (height == null) {
      return; // an undefined alias: the composer reports it
    }
    if (open.size() + height > maxDepth) {
      throw new RefusedException("alias *" + anchor.getValue() + " nests the document "
          + (open.size() + height) + " levels deep; the limit is " + maxDepth,
          event.getStartMark());
    }
    finishedChild(height);
  }

  private void finished(Optional<Anchor> anchor, int height) {
    anchor.ifPresent(a -> heights.put(a, height));
    finishedChild(height);
  }

  private void finishedChild(int height) {
    if (!open.isEmpty()) {
      Frame parent = open.get(open.size() - 1);
      parent.childHeight = Math.max(parent.childHeight, height);
    }
  }

  private RefusedException tooDeep(Event event) {
    return new RefusedException("document nests mappings and lists more than " + maxDepth
        + " levels deep", event.getStartMark());
  }
}
