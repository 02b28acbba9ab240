package dev.profiles.flux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.install.RenderedFiles;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kustomization.yaml we generate builds with a real kustomize ({@code kubectl kustomize},
 * from Debian's {@code kubernetes-client}, or a standalone {@code kustomize}). Skipped, with the
 * reason printed, when neither is installed; with {@code CI=true} it fails instead.
 */
class KustomizeBuildTest {
  private static Optional<List<String>> kustomize = Optional.empty();

  @BeforeAll
  static void findKustomize() {
    kustomize = onPath("kubectl").map(k -> List.of(k, "kustomize"))
        .or(() -> onPath("kustomize").map(k -> List.of(k, "build")));
  }

  private static Optional<String> onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

  @Test
  void everyGeneratedKustomizationBuilds(@TempDir Path repo) throws Exception {
    String reason = "neither kubectl nor kustomize is on PATH; install Debian's kubernetes-client"
        + " (apt-get install -y kubernetes-client) to run this test";
    Prerequisites.require(kustomize.isPresent(), reason);
    RenderedFiles files = FluxRendererTest.renderSpecExample();
    for (String path : files.paths()) {
      Path target = repo.resolve(path);
      Files.createDirectories(target.getParent());
      Files.write(target, files.bytes(path).orElseThrow());
    }
    List<String> generated = new ArrayList<>();
    for (String path : files.paths()) {
      boolean copied = path.contains("/manifests/") || path.contains("/charts/");
      if (path.endsWith("/kustomization.yaml") && !copied) {
        generated.add(path);
      }
    }
    assertThat(generated).hasSize(7);
    for (String path : generated) {
      Path dir = repo.resolve(path).getParent();
      List<String> command = new ArrayList<>(kustomize.get());
      command.add(dir.toString());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("kustomize finished").isTrue();
      assertThat(process.exitValue()).as(path + ":\n" + output).isZero();
      String kind = path.endsWith("helm-chart/kustomization.yaml")
          ? "kind: HelmRelease" : "kind: Kustomization";
      assertThat(output).as(path).contains(kind);
    }
  }
}
