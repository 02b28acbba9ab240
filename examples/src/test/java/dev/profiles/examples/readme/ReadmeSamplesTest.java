package dev.profiles.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's Java samples are compiled code: every {@code ```java} block of the README is,
 * to the character, one source file of this package (without its {@code package} line), and
 * every such file is shown in the README. The build compiles them, so a sample that stops
 * compiling fails the build, and one edited in only one place fails this test.
 */
class ReadmeSamplesTest {
  private static final Path MODULE = Path.of(System.getProperty("user.dir"));
  private static final Path README = MODULE.resolve("../README.md").normalize();
  private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```$");
  private static final Pattern PACKAGE = Pattern.compile("\\Apackage [\\w.]+;\\n\\n");

  private static Map<String, String> samples() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String root : List.of("src/main/java", "src/test/java")) {
      Path dir = MODULE.resolve(root).resolve("dev/profiles/examples/readme");
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          if (f.getFileName().toString().equals("ReadmeSamplesTest.java")) {
            continue;
          }
          String text = Files.readString(f, StandardCharsets.UTF_8);
          Matcher pkg = PACKAGE.matcher(text);
          assertThat(pkg.find()).as(f + " starts with its package line").isTrue();
          out.put(MODULE.relativize(f).toString(), text.substring(pkg.end()));
        }
      }
    }
    return out;
  }

  private static List<String> readmeBlocks() throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(Files.readString(README, StandardCharsets.UTF_8));
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  @Test
  void everyJavaBlockOfTheReadmeIsACompiledSample() throws IOException {
    List<String> blocks = readmeBlocks();
    assertThat(blocks).isNotEmpty();
    Map<String, String> samples = samples();
    for (String block : blocks) {
      assertThat(samples.values()).as("README block not found verbatim in examples/**/readme/:%n%s",
          block).contains(block);
    }
  }

  @Test
  void everySampleIsShownInTheReadme() throws IOException {
    List<String> blocks = readmeBlocks();
    samples().forEach((file, text) ->
        assertThat(blocks).as(file + " is not shown in the README").contains(text));
  }
}
