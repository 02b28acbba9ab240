package dev.profiles.catalog.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, in its own process, as {@code java -jar} runs it. */
class CatalogServerMainTest {
  @TempDir Path dir;

  private static Process launch(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "dev.profiles.catalog.server.internal.Main"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  @Test
  void servesTheSourcesDirectoryOnTheGivenPort() throws Exception {
    Files.createDirectories(dir.resolve("sources"));
    Files.writeString(dir.resolve("sources/team.yaml"), "apiVersion: weave.works/v1alpha1\n"
        + "kind: ProfileCatalogSource\nmetadata:\n  name: team\nspec:\n  profiles:\n"
        + "    - name: nginx\n      tag: nginx/v0.1.0\n");
    Path secret = Files.createDirectories(dir.resolve("secrets/git-credentials"));
    Files.writeString(secret.resolve("username"), "bot\n");
    Files.writeString(secret.resolve("password"), "token\n");
    Process p = launch("--port", "0", "--sources", dir.resolve("sources").toString(),
        "--interval", "3600", "--cache", dir.resolve("cache").toString(),
        "--secrets", dir.resolve("secrets").toString());
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String uri = null;
      String line;
      while (uri == null && (line = out.readLine()) != null) {
        if (line.startsWith("catalog server listening on ")) {
          uri = line.substring("catalog server listening on ".length());
        }
      }
      assertThat(uri).startsWith("http://127.0.0.1:");
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> r;
      do {
        // 503 until the first refresh: ask again (no sleeping, no timing assumptions).
        r = http.send(HttpRequest.newBuilder(URI.create(uri + "/v1/profiles/team/nginx"))
            .build(), HttpResponse.BodyHandlers.ofString());
      } while (r.statusCode() == 503);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"tag\":\"nginx/v0.1.0\"").contains("\"catalogSource\":\"team\"");
    } finally {
      p.destroy();
      p.waitFor();
    }
  }

  @Test
  void refusesAMissingSourcesDirectoryWithUsage() throws Exception {
    Process p = launch("--port", "0", "--sources", dir.resolve("nope").toString());
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isEqualTo(2);
    assertThat(output).contains("is not a directory").contains("usage:");
  }

  @Test
  void helpDocumentsTheSourcePolicyFlags() throws Exception {
    Process p = launch("--help");
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    assertThat(output).contains("usage:").contains("--allow-http").contains("--allow-local-sources")
        .contains("ext::, fd:: and other schemes are always refused");
  }

  @Test
  void localRepositoriesAreScannedOnlyWithAllowLocalSources() throws Exception {
    Files.createDirectories(dir.resolve("sources"));
    String missing = dir.resolve("no-such-repo.git").toUri().toString();
    Files.writeString(dir.resolve("sources/team.yaml"), "apiVersion: weave.works/v1alpha1\n"
        + "kind: ProfileCatalogSource\nmetadata:\n  name: team\nspec:\n  repositories:\n"
        + "    - url: " + missing + "\n    - url: http://127.0.0.1:1/r.git\n");
    assertThat(repositoryErrors()).satisfiesExactly(
        e -> assertThat(e).startsWith("refused: ").contains("local source"),
        e -> assertThat(e).startsWith("refused: ").contains("plain http"));
    assertThat(repositoryErrors("--allow-local-sources", "--allow-http")).satisfiesExactly(
        e -> assertThat(e).startsWith("not found: "),
        e -> assertThat(e).startsWith("unreachable: "));
  }

  /** Runs the server with {@code flags}, answers the repository errors of its first source. */
  private List<String> repositoryErrors(String... flags) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--port", "0", "--sources",
        dir.resolve("sources").toString(), "--interval", "3600", "--cache",
        dir.resolve("cache").toString()));
    args.addAll(List.of(flags));
    Process p = launch(args.toArray(new String[0]));
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String uri = null;
      String line;
      while (uri == null && (line = out.readLine()) != null) {
        if (line.startsWith("catalog server listening on ")) {
          uri = line.substring("catalog server listening on ".length());
        }
      }
      assertThat(uri).isNotNull();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> r;
      do {
        r = http.send(HttpRequest.newBuilder(URI.create(uri + "/v1/status")).build(),
            HttpResponse.BodyHandlers.ofString());
      } while (r.statusCode() == 503);
      var repos = tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.body())
          .get("sources").get(0).get("repositories");
      List<String> errors = new java.util.ArrayList<>();
      repos.forEach(repo -> errors.add(repo.get("error").asString()));
      return errors;
    } finally {
      p.destroy();
      p.waitFor();
    }
  }
}
