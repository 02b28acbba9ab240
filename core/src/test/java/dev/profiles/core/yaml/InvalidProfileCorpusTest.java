package dev.profiles.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file under {@code invalid/} is rejected with exactly the problems listed in its
 * {@code .expected} sibling (file:line:column: path: message, one per line). A first line
 * {@code # directory: NAME} reads the file as if it lived in directory NAME.
 */
class InvalidProfileCorpusTest {
  private static final Path CORPUS = Path.of("src/test/resources/invalid");

  @Test
  void corpusHasAtLeast25Documents() throws IOException {
    assertThat(documents()).hasSizeGreaterThanOrEqualTo(25);
  }

  @TestFactory
  Stream<DynamicTest> everyInvalidDocumentIsRejectedWithItsExactProblems() throws IOException {
    return documents().stream().map(file -> DynamicTest.dynamicTest(
        file.getFileName().toString(), () -> {
          String name = file.getFileName().toString();
          byte[] content = Files.readAllBytes(file);
          String text = new String(content, StandardCharsets.UTF_8);
          Optional<String> dir = text.startsWith("# directory: ")
              ? Optional.of(text.substring("# directory: ".length(), text.indexOf('\n')))
              : Optional.empty();
          List<String> expected = Files.readAllLines(
              file.resolveSibling(name.replace(".yaml", ".expected")));

          InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
              () -> ProfileYaml.strict().readProfile(name, content, dir));

          assertThat(e).as("%s must be rejected", name).isNotNull();
          assertThat(e.problems()).extracting(DocumentProblem::toString)
              .containsExactlyElementsOf(expected);
          assertThat(e.getMessage()).contains(expected.get(0));
        }));
  }

  private static List<Path> documents() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }
}
