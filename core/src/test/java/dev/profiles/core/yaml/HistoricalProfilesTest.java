package dev.profiles.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.profiles.core.model.ProfileDefinition;
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
 * Profiles as they were really written in 2021 (verbatim copies, see {@code
 * historical/README.md}) are read strictly: each reads as the profile it meant, in today's
 * model, with a located warning for every older field; reading today's form of it gives the
 * same profile without warnings. The few that were never valid are refused, located.
 */
class HistoricalProfilesTest {
  private static final Path DIR = Path.of("src/test/resources/historical");

  @Test
  void theCorpusCoversEveryShapeFound() throws IOException {
    assertThat(files("accepted")).hasSizeGreaterThanOrEqualTo(35);
    assertThat(files("refused")).hasSize(3);
  }

  @TestFactory
  Stream<DynamicTest> everyHistoricalProfileReadsAsWhatItMeant() throws IOException {
    return files("accepted").stream().map(file -> DynamicTest.dynamicTest(
        file.getFileName().toString(), () -> {
          String name = file.getFileName().toString();
          String base = name.substring(0, name.length() - ".yaml".length());
          ProfileYaml yaml = ProfileYaml.strict();

          ReadResult<ProfileDefinition> read = yaml.readProfileWithWarnings(name,
              Files.readAllBytes(file), Optional.empty());

          String canonical = Files.readString(DIR.resolve("expected/" + base + ".canonical.yaml"));
          assertThat(yaml.writeProfile(read.value())).isEqualTo(canonical);
          assertThat(read.warnings()).extracting(DocumentWarning::toString)
              .containsExactlyElementsOf(lines(DIR.resolve("expected/" + base + ".warnings")));
          assertThat(read.warnings()).allSatisfy(w -> {
            assertThat(w.source()).isEqualTo(name);
            assertThat(w.line()).isPositive();
            assertThat(w.column()).isPositive();
            assertThat(w.path()).isNotEmpty();
          });
          ReadResult<ProfileDefinition> today = yaml.readProfileWithWarnings("today.yaml",
              canonical.getBytes(StandardCharsets.UTF_8), Optional.empty());
          assertThat(today.value()).isEqualTo(read.value());
          assertThat(today.warnings()).isEmpty();
          // The directory check applies to old profiles as to new ones.
          assertThat(yaml.readProfile(name, Files.readAllBytes(file),
              Optional.of(read.value().name()))).isEqualTo(read.value());
        }));
  }

  @Test
  void oldProfilesWarnAboutWhatTheyUseOnlyTodaysDoNot() throws IOException {
    long withWarnings = 0;
    for (Path file : files("accepted")) {
      String base = file.getFileName().toString().replace(".yaml", "");
      if (!lines(DIR.resolve("expected/" + base + ".warnings")).isEmpty()) {
        withWarnings++;
      }
    }
    // Only the profiles written in today's form (from nested-nginx/v0.0.1 on) have none.
    assertThat(withWarnings).isGreaterThanOrEqualTo(25);
  }

  @TestFactory
  Stream<DynamicTest> neverValidProfilesAreRefusedLocated() throws IOException {
    return files("refused").stream().map(file -> DynamicTest.dynamicTest(
        file.getFileName().toString(), () -> {
          String name = file.getFileName().toString();

          InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
              () -> ProfileYaml.strict().readProfile(name, Files.readAllBytes(file),
                  Optional.empty()));

          assertThat(e).as(name).isNotNull();
          assertThat(e.problems()).extracting(DocumentProblem::toString).containsExactlyElementsOf(
              lines(file.resolveSibling(name.replace(".yaml", ".expected"))));
        }));
  }

  private static List<Path> files(String dir) throws IOException {
    try (Stream<Path> s = Files.list(DIR.resolve(dir))) {
      return s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isEmpty()).toList();
  }
}
