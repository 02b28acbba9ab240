package dev.profiles.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the depth and shape of a document (flow or block, mappings or lists, in any document
 * kind or in {@code defaultValues}, with chains of aliases), reading it either succeeds or
 * throws {@link InvalidDocumentException}; it is refused, located, exactly when it nests deeper
 * than the limit; and nothing else is thrown, even on a thread with a small stack.
 */
class NestingDepthProperties {
  /** Far less than a default thread's stack, and still enough for the deepest limit. */
  private static final long SMALL_STACK = 512 * 1024;

  enum Kind { PROFILE, DEFAULT_VALUES, INSTALLATION, CATALOG_SOURCE, CONFIG }

  /** One nesting level: block styles can only enclose, never sit inside, flow styles. */
  enum Level { BLOCK_MAP, BLOCK_SEQ, FLOW_MAP, FLOW_SEQ }

  @Property(tries = 300)
  void deepDocumentsAreRefusedLocatedAndShallowOnesAreNot(
      @ForAll("shapes") List<Level> shape, @ForAll Kind kind,
      @ForAll @IntRange(min = 1, max = YamlLimits.MAX_NESTING_DEPTH) int limit) {
    String value = render(shape);
    // The value sits under one key of the root mapping, in every document kind.
    int depth = atLeastTheProfilesOwn(kind, 1 + shape.size());

    Outcome outcome = read(kind, value, YamlLimits.DEFAULT.withMaxNestingDepth(limit));

    assertDepthRule(outcome, depth, limit);
  }

  @Property(tries = 200)
  void aliasesCannotNestADocumentDeeperThanTheLimit(
      @ForAll("chains") List<Integer> levels, @ForAll Kind kind,
      @ForAll @IntRange(min = 1, max = YamlLimits.MAX_NESTING_DEPTH) int limit) {
    StringBuilder sb = new StringBuilder("x:\n");
    int expanded = 0;
    int deepest = 1;
    for (int i = 0; i < levels.size(); i++) {
      int k = levels.get(i);
      sb.append("  a").append(i).append(": &a").append(i).append(' ').append("[".repeat(k))
          .append(i == 0 ? "x" : "*a" + (i - 1)).append("]".repeat(k)).append('\n');
      expanded += k;
      deepest = Math.max(deepest, 2 + expanded);
    }
    String value = sb.toString();

    Outcome outcome = readWhole(kind, value, YamlLimits.DEFAULT.withMaxNestingDepth(limit));

    assertDepthRule(outcome, atLeastTheProfilesOwn(kind, deepest), limit);
  }

  /** defaultValues sit five levels deep in their profile, which is read first. */
  private static int atLeastTheProfilesOwn(Kind kind, int depth) {
    return kind == Kind.DEFAULT_VALUES ? Math.max(5, depth) : depth;
  }

  private static void assertDepthRule(Outcome outcome, int depth, int limit) {
    assertThat(outcome.error()).as("nothing but InvalidDocumentException").isNull();
    List<DocumentProblem> depthProblems = outcome.refusal().map(e -> e.problems().stream()
        .filter(p -> p.message().contains("levels deep") || p.message().contains("nests"))
        .toList()).orElse(List.of());
    if (depth > limit) {
      assertThat(depthProblems).as("depth %d > limit %d", depth, limit).singleElement()
          .satisfies(p -> {
            assertThat(p.line()).isPositive();
            assertThat(p.column()).isPositive();
            assertThat(p.message()).contains(String.valueOf(limit));
          });
    } else {
      assertThat(depthProblems).as("depth %d <= limit %d", depth, limit).isEmpty();
    }
  }

  // ---- reading --------------------------------------------------------------------------

  record Outcome(Optional<InvalidDocumentException> refusal, Throwable error) {}

  private static Outcome read(Kind kind, String value, YamlLimits limits) {
    return readWhole(kind, "x:" + value + "\n", limits);
  }

  /** Reads {@code body} (a root mapping's text) as a document of {@code kind}. */
  private static Outcome readWhole(Kind kind, String body, YamlLimits limits) {
    ProfileYaml yaml = ProfileYaml.strict().withLimits(limits);
    return onSmallStack(() -> {
      switch (kind) {
        case PROFILE -> yaml.readProfile("p.yaml", bytes(body), Optional.empty());
        case DEFAULT_VALUES -> yaml.readProfile("p.yaml", bytes(withDefaultValues(body)),
            Optional.empty());
        case INSTALLATION -> yaml.readInstallation("i.yaml", bytes(body));
        case CATALOG_SOURCE -> yaml.ignoringUnknownFields().readCatalogSource("c.yaml",
            bytes(body));
        default -> yaml.readConfig("config.yaml", bytes(body));
      }
    });
  }

  /** A valid profile whose only chart's defaultValues document is {@code values}. */
  private static String withDefaultValues(String values) {
    StringBuilder sb = new StringBuilder("""
        apiVersion: weave.works/v1alpha1
        kind: ProfileDefinition
        metadata:
          name: p
        spec:
          description: d
          artifacts:
            - name: c
              chart:
                path: charts/c
                defaultValues: |
        """);
    for (String line : values.split("\n", -1)) {
      if (!line.isEmpty()) {
        sb.append("          ").append(line).append('\n');
      }
    }
    return sb.toString();
  }

  private interface Read {
    void run() throws InvalidDocumentException;
  }

  private static Outcome onSmallStack(Read read) {
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        read.run();
        outcome.set(new Outcome(Optional.empty(), null));
      } catch (InvalidDocumentException e) {
        outcome.set(new Outcome(Optional.of(e), null));
      } catch (Throwable e) {
        outcome.set(new Outcome(Optional.empty(), e));
      }
    }, "small-stack-reader", SMALL_STACK);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return outcome.get();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ---- generating -------------------------------------------------------------------------

  /** The value after {@code "x:"}, built without recursion so the generator cannot overflow. */
  static String render(List<Level> shape) {
    StringBuilder sb = new StringBuilder();
    StringBuilder closers = new StringBuilder();
    int indent = 2;
    boolean flow = false;
    for (Level level : shape) {
      switch (level) {
        case BLOCK_MAP, BLOCK_SEQ -> {
          sb.append('\n').append(" ".repeat(indent)).append(level == Level.BLOCK_MAP ? "k:" : "-");
          indent += 2;
        }
        default -> {
          if (!flow) {
            sb.append(' ');
            flow = true;
          }
          sb.append(level == Level.FLOW_MAP ? "{k: " : "[");
          closers.append(level == Level.FLOW_MAP ? '}' : ']');
        }
      }
    }
    sb.append(flow ? "" : " ").append('x').append(closers.reverse());
    return sb.toString();
  }

  @Provide
  Arbitrary<List<Level>> shapes() {
    Arbitrary<Integer> blockLevels = Arbitraries.oneOf(Arbitraries.integers().between(0, 8),
        Arbitraries.integers().between(0, 300));
    Arbitrary<Integer> flowLevels = Arbitraries.oneOf(Arbitraries.integers().between(0, 70),
        Arbitraries.integers().between(0, 300), Arbitraries.integers().between(0, 50_000));
    return blockLevels.flatMap(b -> flowLevels.flatMap(f -> Arbitraries.of(Level.BLOCK_MAP,
        Level.BLOCK_SEQ).list().ofSize(b).flatMap(block -> Arbitraries.of(Level.FLOW_MAP,
        Level.FLOW_SEQ).list().ofSize(f).map(flowPart -> {
          List<Level> all = new java.util.ArrayList<>(block);
          all.addAll(flowPart);
          return all;
        }))));
  }

  @Provide
  Arbitrary<List<Integer>> chains() {
    return Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(20);
  }
}
