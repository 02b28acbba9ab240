package dev.profiles.preview;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test charts from {@code src/test/resources/charts}, packaged with helm-java. */
final class TestCharts {
  private TestCharts() {}

  /**
   * The chart {@code name} packaged into {@code dir} (a copy, so tests can change the version
   * in Chart.yaml), as {@code name-version.tgz}.
   */
  static Path packaged(String name, String version, Path dir) {
    try {
      Path copy = dir.resolve("src-" + name + "-" + version).resolve(name);
      Path source = MapContext.resourceDir("charts/" + name);
      try (Stream<Path> walk = Files.walk(source)) {
        for (Path p : walk.toList()) {
          Path target = copy.resolve(source.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target);
          }
        }
      }
      Path chartYaml = copy.resolve("Chart.yaml");
      Files.writeString(chartYaml, Files.readString(chartYaml)
          .replaceFirst("(?m)^version: .*$", "version: " + version));
      new Helm(copy).packageIt().withDestination(dir).call();
      return dir.resolve(name + "-" + version + ".tgz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
