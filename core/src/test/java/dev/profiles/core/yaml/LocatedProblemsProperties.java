package dev.profiles.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Breaking a valid profile.yaml in any of many ways yields problems that all carry a location:
 * a line, a column and the path of a field that exists in the document's shape.
 */
class LocatedProblemsProperties {
  private static final List<String> LINES;

  static {
    try {
      LINES = Files.readAllLines(Path.of("src/test/resources/valid/nginx/profile.yaml"));
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Property(tries = 400)
  void everyProblemInABrokenProfileIsLocated(@ForAll("mutations") List<Mutation> mutations) {
    List<String> lines = new ArrayList<>(LINES);
    for (Mutation m : mutations) {
      m.apply(lines);
    }
    String text = String.join("\n", lines) + "\n";

    InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
        () -> ProfileYaml.strict().readProfile("p.yaml", text));

    if (e != null) {
      assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
        assertThat(p.source()).isEqualTo("p.yaml");
        assertThat(p.line()).isBetween(1, lines.size() + 1);
        assertThat(p.column()).isPositive();
        assertThat(p.message()).isNotBlank();
      });
      assertThat(e.problems()).filteredOn(p -> !p.message().startsWith("YAML syntax error")
              && !p.message().startsWith("expected a single"))
          .allSatisfy(p -> assertThat(p.path()).isNotEmpty());
    }
  }

  /** Replaces the value after the first ':' on a line, or inserts/deletes a line. */
  record Mutation(int kind, int line, String value) {
    void apply(List<String> lines) {
      int at = Math.floorMod(line, lines.size());
      String l = lines.get(at);
      switch (kind) {
        case 0 -> {
          int colon = l.indexOf(':');
          if (colon > 0) {
            lines.set(at, l.substring(0, colon + 1) + " " + value);
          }
        }
        case 1 -> lines.remove(at);
        case 2 -> lines.add(at, l.replaceAll("^(\\s*-?\\s*)\\S.*$", "$1unknownField: 1"));
        default -> lines.set(at, l.replaceFirst("^(\\s*-?\\s*)[A-Za-z]+:", "$1" + value + ":"));
      }
    }
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<String> values = Arbitraries.of("42", "true", "~", "[a, b]", "{k: v}", "''",
        "../../etc", "/abs", "Bad_Name", "x".repeat(70), "!!binary aGk=", "a\\b", "name",
        "path", "chart", "kustomize", "profile", "dependsOn", "url", "tag", "- x");
    return Combinators.combine(Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(0, 200), values).as(Mutation::new)
        .list().ofMinSize(1).ofMaxSize(3);
  }
}
