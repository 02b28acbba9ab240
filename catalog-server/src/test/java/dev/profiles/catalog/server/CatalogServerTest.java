package dev.profiles.catalog.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.catalog.RepositoryScanException;
import dev.profiles.core.catalog.RepositoryScanException.Reason;
import dev.profiles.core.catalog.ScanResult;
import dev.profiles.core.model.CatalogEntry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The server over real HTTP on loopback, fed by real files; only the scanner is a double. */
class CatalogServerTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;
  private CatalogServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private record Reply(int status, JsonNode body) {}

  private Reply get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create(server.uri() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    return new Reply(r.statusCode(), JSON.readTree(r.body()));
  }

  private void write(String file, String yaml) throws IOException {
    Files.writeString(dir.resolve(file), yaml);
  }

  private static String source(String name, String body) {
    return "apiVersion: weave.works/v1alpha1\nkind: ProfileCatalogSource\nmetadata:\n  name: "
        + name + "\nspec:\n" + body;
  }

  private static String entry(String name, String tag) {
    return "    - name: " + name + "\n      description: " + name + " profile\n      tag: " + tag
        + "\n      url: https://github.com/org/profiles\n";
  }

  private CatalogServer start(InMemoryScanner scanner) throws IOException, InterruptedException {
    // Refreshes after the first one are the tests' own (the interval never comes round).
    CatalogServer.Builder b = CatalogServer.builder().sources(dir).port(0)
        .rescanInterval(Duration.ofHours(1));
    if (scanner != null) {
      b.scanner(scanner);
    }
    server = b.build().start();
    assertThat(server.awaitReady(Duration.ofSeconds(30))).isTrue();
    return server;
  }

  private static List<String> tags(JsonNode items) {
    return items.valueStream().map(i -> i.get("catalogSource").asString() + ":"
        + i.get("tag").asString()).toList();
  }

  @Test
  void servesManualEntriesThroughEveryRoute() throws Exception {
    write("a.yaml", source("team", "  profiles:\n" + entry("nginx", "nginx/v0.1.0")
        + entry("nginx", "nginx/v0.2.0") + entry("nginx", "nginx/v0.3.0-rc.1")
        + entry("redis", "redis/1.0.0")));
    start(null);

    Reply all = get("/v1/profiles");
    assertThat(all.status()).isEqualTo(200);
    assertThat(tags(all.body().get("items"))).containsExactly("team:nginx/v0.3.0-rc.1",
        "team:nginx/v0.2.0", "team:nginx/v0.1.0", "team:redis/1.0.0");
    JsonNode first = all.body().get("items").get(0);
    assertThat(first.get("name").asString()).isEqualTo("nginx");
    assertThat(first.get("url").asString()).isEqualTo("https://github.com/org/profiles");
    assertThat(first.get("description").asString()).isEqualTo("nginx profile");

    assertThat(tags(get("/v1/profiles?name=edi").body().get("items")))
        .containsExactly("team:redis/1.0.0");
    assertThat(get("/v1/profiles?name=").body().get("items").size()).isEqualTo(4);
    assertThat(get("/v1/profiles?name=zzz").body().get("items").size()).isZero();

    assertThat(get("/v1/profiles/team/nginx").body().get("item").get("tag").asString())
        .isEqualTo("nginx/v0.2.0");
    assertThat(get("/v1/profiles/team/nginx/latest").body().get("item").get("tag").asString())
        .isEqualTo("nginx/v0.2.0");
    assertThat(get("/v1/profiles/team/nginx/0.1.0").body().get("item").get("tag").asString())
        .isEqualTo("nginx/v0.1.0");
    assertThat(tags(get("/v1/profiles/team/nginx/v0.1.0/available_updates").body().get("items")))
        .containsExactly("team:nginx/v0.2.0");
    assertThat(tags(get("/v1/profiles/team/nginx/v0.1.0/available_updates?prereleases=true")
        .body().get("items"))).containsExactly("team:nginx/v0.3.0-rc.1", "team:nginx/v0.2.0");
  }

  @Test
  void errorsHaveTheirStatusAndACodeMessageBody() throws Exception {
    write("a.yaml", source("team", "  profiles:\n" + entry("nginx", "nginx/v0.1.0")));
    start(null);

    assertError(get("/v1/profiles/team/nginx/v0.1.0/available_updates"), 404, "no updates");
    assertError(get("/v1/profiles/team/nginx/v9.9.9"), 404, "not found");
    assertError(get("/v1/profiles/team/mysql"), 404, "team/mysql not found");
    assertError(get("/v1/profiles/other/nginx/latest"), 404, "not found");
    assertError(get("/v1/profiles/team"), 400, "missing parameters: profile");
    assertError(get("/v1/profiles//nginx"), 400, "missing parameters: catalog");
    assertError(get("/v1/profiles/team/nginx/"), 400, "missing parameters: version");
    assertError(get("/v1/profiles/team/nginx/banana"), 400, "not a semantic version");
    assertError(get("/v1/profiles/team/nginx/v1/x/y"), 404, "no such endpoint");
    assertError(get("/v2/profiles"), 404, "no such endpoint");
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(
        URI.create(server.uri() + "/v1/profiles")).POST(HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(JSON.readTree(post.body()).get("code").asInt()).isEqualTo(405);
  }

  private static void assertError(Reply r, int code, String message) {
    assertThat(r.status()).isEqualTo(code);
    assertThat(r.body().get("code").asInt()).isEqualTo(code);
    assertThat(r.body().get("message").asString()).contains(message);
  }

  @Test
  void badSourcesAreReportedPerSourceWhileTheRestIsServed() throws Exception {
    write("a-good.yaml", source("good", "  profiles:\n" + entry("nginx", "nginx/v0.1.0")));
    write("b-broken.yaml", "apiVersion: weave.works/v1alpha1\nkind: [\n");
    write("c-unknown-field.yaml", source("typo", "  profile:\n" + entry("x", "x/1.0.0")));
    write("d-mixed.yaml", source("mixed", "  profiles:\n" + entry("redis", "redis/v1.0.0")
        + entry("redis", "redis/1.0.0+build.2") + entry("redis", "redis/latest")
        + entry("redis", "mysql/v1.0.0")
        + "    - name: redis\n      tag: redis/v2.0.0\n      catalogSource: elsewhere\n"));
    write("e-same-name.yaml", source("good", "  profiles:\n" + entry("evil", "evil/v6.6.6")));
    write("notes.txt", "not a source");
    start(null);

    assertThat(tags(get("/v1/profiles").body().get("items"))).containsExactly(
        "good:nginx/v0.1.0", "mixed:redis/v2.0.0", "mixed:redis/v1.0.0");
    List<SourceStatus> status = server.status();
    assertThat(status).extracting(SourceStatus::file).containsExactly("a-good.yaml",
        "b-broken.yaml", "c-unknown-field.yaml", "d-mixed.yaml", "e-same-name.yaml");
    assertThat(status.get(0).healthy()).isTrue();
    assertThat(status.get(1).problems()).singleElement().asString()
        .startsWith("b-broken.yaml:3:1: YAML syntax error");
    assertThat(status.get(2).problems()).anySatisfy(p -> assertThat(p).contains("profile"));
    assertThat(status.get(3).entries()).isEqualTo(2);
    assertThat(status.get(3).problems()).satisfiesExactly(
        p -> assertThat(p).contains("spec.profiles[1]").contains("duplicate entry"),
        p -> assertThat(p).contains("spec.profiles[2]").contains("redis/latest"),
        p -> assertThat(p).contains("spec.profiles[3]").contains("not a version of profile"),
        p -> assertThat(p).contains("spec.profiles[4].catalogSource").contains("elsewhere"));
    assertThat(status.get(4).problems()).singleElement().asString()
        .contains("already defined in a-good.yaml");

    JsonNode json = get("/v1/status").body();
    assertThat(json.get("healthy").asBoolean()).isFalse();
    assertThat(json.get("entries").asInt()).isEqualTo(3);
    assertThat(json.get("sources").get(3).get("problems").size()).isEqualTo(4);
    assertThat(json.get("sources").get(0).get("healthy").asBoolean()).isTrue();
  }

  @Test
  void aHandListedEntryCannotCarryAReadmeOrArtifacts() throws Exception {
    // Only the scanner fills them: spec.profiles knows neither field.
    write("a.yaml", source("team", "  profiles:\n" + entry("nginx", "nginx/v0.1.0")
        + "      readme: \"<script>x</script>\"\n"));
    write("b.yaml", source("other", "  profiles:\n" + entry("redis", "redis/v1.0.0")
        + "      artifacts:\n        - name: x\n          kustomize:\n            path: x\n"));
    start(null);

    List<SourceStatus> status = server.status();
    assertThat(status.get(0).problems()).anySatisfy(p -> assertThat(p).contains("readme"));
    assertThat(status.get(1).problems()).anySatisfy(p -> assertThat(p).contains("artifacts"));
    assertThat(server.index().entries()).allSatisfy(e -> {
      assertThat(e.readme()).isEmpty();
      assertThat(e.artifacts()).isEmpty();
    });
  }

  @Test
  void scannedRepositoriesAreIncrementalAndFollowTagsAndFiles() throws Exception {
    InMemoryScanner scanner = new InMemoryScanner();
    String repo = "https://github.com/org/profiles";
    scanner.tag(repo, "nginx/v1.0.0", "one");
    scanner.badTag(repo, "nginx/next", "'next' is not a semantic version");
    write("a.yaml", source("team", "  profiles:\n" + entry("redis", "redis/v1.0.0")
        + "  repositories:\n    - url: " + repo + "\n"));
    start(scanner);
    assertThat(tags(get("/v1/profiles").body().get("items")))
        .containsExactly("team:nginx/v1.0.0", "team:redis/v1.0.0");
    JsonNode scanned = get("/v1/profiles/team/nginx").body().get("item");
    assertThat(scanned.get("catalogSource").asString()).isEqualTo("team");
    assertThat(scanned.get("url").asString()).isEqualTo(repo);
    RepositoryStatus rs = server.status().get(0).repositories().get(0);
    assertThat(rs.entries()).isEqualTo(1);
    assertThat(rs.skipped()).singleElement().satisfies(s ->
        assertThat(s.tag()).isEqualTo("nginx/next"));
    // This scanner reports no commits.
    assertThat(rs.lastScannedCommit()).isEmpty();

    scanner.tag(repo, "nginx/v1.1.0", "two");
    scanner.repos.get(repo).remove("nginx/v1.0.0");
    server.refresh();
    assertThat(scanner.knownTagsSeen.get(scanner.knownTagsSeen.size() - 1))
        .containsExactlyInAnyOrder("nginx/v1.0.0", "nginx/next");
    assertThat(tags(get("/v1/profiles?name=nginx").body().get("items")))
        .containsExactly("team:nginx/v1.1.0");

    Files.delete(dir.resolve("a.yaml"));
    server.refresh();
    assertThat(get("/v1/profiles").body().get("items").size()).isZero();
    assertThat(server.status()).isEmpty();
  }

  private static String commit(char c) {
    return String.valueOf(c).repeat(40);
  }

  @Test
  void aRepositorysLastScannedCommitIsThatOfTheNewestVersionItServes() throws Exception {
    InMemoryScanner scanner = new InMemoryScanner();
    String repo = "https://github.com/org/profiles";
    scanner.tag(repo, "nginx/v1.0.0", "one", commit('1'));
    // The same version of another profile: the greater tag name is the newer.
    scanner.tag(repo, "redis/v1.0.0", "one", commit('2'));
    scanner.tag(repo, "nginx/v0.9.0", "old", commit('3'));
    scanner.badTag(repo, "nginx/next", "'next' is not a semantic version");
    write("a.yaml", source("team", "  repositories:\n    - url: " + repo + "\n"));
    start(scanner);
    assertThat(server.status().get(0).repositories().get(0).lastScannedCommit())
        .contains(commit('2'));
    JsonNode json = get("/v1/status").body().get("sources").get(0).get("repositories").get(0);
    assertThat(json.get("lastScannedCommit").asString()).isEqualTo(commit('2'));

    // A pre-release of a higher version is newer by semver precedence.
    scanner.tag(repo, "nginx/v2.0.0-rc.1", "next", commit('4'));
    server.refresh();
    assertThat(server.status().get(0).repositories().get(0).lastScannedCommit())
        .contains(commit('4'));

    // A failing scan keeps the entries, and so the commit, of the last good one.
    scanner.failures.put(repo, new RepositoryScanException(Reason.UNREACHABLE, "down"));
    server.refresh();
    RepositoryStatus failed = server.status().get(0).repositories().get(0);
    assertThat(failed.error()).isPresent();
    assertThat(failed.lastScannedCommit()).contains(commit('4'));

    // The newest tag deleted: the commit of the newest remaining one, read by an earlier scan.
    scanner.failures.remove(repo);
    scanner.repos.get(repo).remove("nginx/v2.0.0-rc.1");
    server.refresh();
    assertThat(server.status().get(0).repositories().get(0).lastScannedCommit())
        .contains(commit('2'));

    // No entry served: no commit.
    scanner.repos.get(repo).keySet().retainAll(Set.of("nginx/next"));
    server.refresh();
    assertThat(server.status().get(0).repositories().get(0).lastScannedCommit()).isEmpty();
    assertThat(get("/v1/status").body().get("sources").get(0).get("repositories").get(0)
        .has("lastScannedCommit")).isFalse();
  }

  @Test
  void aFailingRepositoryIsReportedWithoutCredentialsAndKeepsItsLastEntries() throws Exception {
    InMemoryScanner scanner = new InMemoryScanner();
    String secretUrl = "https://bob:hunter2@git.example.com/org/private";
    String publicUrl = "https://git.example.com/org/public";
    scanner.tag(secretUrl, "app/v1.0.0", "private app");
    scanner.failures.put(publicUrl, new RepositoryScanException(Reason.UNREACHABLE,
        publicUrl + ": connection refused"));
    write("a.yaml", source("team", "  repositories:\n    - url: " + secretUrl
        + "\n    - url: " + publicUrl + "\n"));
    start(scanner);
    assertThat(get("/v1/profiles/team/app/v1.0.0").body().get("item").get("url").asString())
        .isEqualTo("https://git.example.com/org/private");

    scanner.failures.put(secretUrl, new RepositoryScanException(Reason.AUTHENTICATION_REQUIRED,
        secretUrl + ": authentication required"));
    server.refresh();
    assertThat(get("/v1/profiles/team/app/v1.0.0").status()).isEqualTo(200);
    List<RepositoryStatus> repos = server.status().get(0).repositories();
    assertThat(repos.get(0).error()).get().asString().startsWith("authentication required: ")
        .doesNotContain("hunter2");
    assertThat(repos.get(1).error()).get().asString().startsWith("unreachable: ");
    String statusJson = http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/v1/status"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(statusJson).doesNotContain("hunter2").contains("authentication required");
  }

  @Test
  void withoutAScannerRepositoriesAreReportedAndManualEntriesServed() throws Exception {
    write("a.yaml", source("team", "  profiles:\n" + entry("nginx", "nginx/v0.1.0")
        + "  repositories:\n    - url: https://github.com/org/profiles\n"));
    start(null);
    assertThat(get("/v1/profiles").body().get("items").size()).isEqualTo(1);
    assertThat(server.status().get(0).repositories().get(0).error()).get().asString()
        .contains("no repository scanner");
  }

  @Test
  void answers503UntilTheFirstRefreshHasFinished() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch scanning = new CountDownLatch(1);
    write("a.yaml", source("team", "  repositories:\n    - url: https://x.example/r\n"));
    server = CatalogServer.builder().sources(dir).port(0).scanner((repo, known) -> {
      scanning.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ScanResult.builder().addTag("x/v1.0.0").addEntry(CatalogEntry.builder().name("x")
          .tag("x/v1.0.0").build()).build();
    }).build().start();
    try {
      scanning.await();
      assertError(get("/v1/profiles"), 503, "loading");
    } finally {
      release.countDown();
    }
    assertThat(Set.copyOf(server.refresh())).hasSize(1);
    assertThat(get("/v1/profiles/team/x").status()).isEqualTo(200);
  }
}
