package dev.profiles.catalog.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.catalog.RepositoryScanner;
import dev.profiles.core.catalog.ScanResult;
import dev.profiles.core.catalog.SkippedTag;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.CatalogRepository;
import dev.profiles.core.rules.SourcePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile sources, scanners that throw anything, and hostile requests: each is reported for its
 * own source (or answered with an error) while the rest is served and refreshing goes on.
 */
class CatalogServerResilienceTest {
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

  private void write(String file, String yaml) throws IOException {
    Files.writeString(dir.resolve(file), yaml);
  }

  private static String source(String name, String body) {
    return "apiVersion: weave.works/v1alpha1\nkind: ProfileCatalogSource\nmetadata:\n  name: "
        + name + "\nspec:\n" + body;
  }

  private static String entry(String name, String tag) {
    return "    - name: " + name + "\n      tag: " + tag + "\n";
  }

  private static String repositories(String... urls) {
    StringBuilder sb = new StringBuilder("  repositories:\n");
    for (String url : urls) {
      sb.append("    - url: ").append(url).append('\n');
    }
    return sb.toString();
  }

  private CatalogServer start(CatalogServer.Builder b) throws Exception {
    server = b.sources(dir).port(0).build().start();
    assertThat(server.awaitReady(Duration.ofSeconds(60))).isTrue();
    return server;
  }

  private Map<String, SourceStatus> byFile() {
    Map<String, SourceStatus> out = new ConcurrentHashMap<>();
    server.status().forEach(s -> out.put(s.file(), s));
    return out;
  }

  private JsonNode get(String path) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(server.uri() + path))
        .build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  void hostileSourceFilesAreReportedForThemselvesAndRefreshingGoesOn() throws Exception {
    write("a-good.yaml", source("good", "  profiles:\n" + entry("nginx", "nginx/v0.1.0")));
    write("deep-flow.yaml", source("deep", "  profiles: " + "[".repeat(200_000) + "\n"));
    // Block style, one line: "- - - - ..." nests a sequence in a sequence per dash.
    write("deep-block.yaml", source("block", "  profiles:\n    " + "- ".repeat(100_000)
        + "x\n"));
    // Billion laughs: ten levels of nine aliases each, defined before the source uses them.
    StringBuilder bomb = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("l").append(i).append(": &l").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        bomb.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
      }
      bomb.append("]\n");
    }
    bomb.append(source("bomb", "  profiles: *l9\n"));
    write("bomb.yaml", bomb.toString());
    Files.write(dir.resolve("huge.yaml"), new byte[8 << 20]);
    Files.write(dir.resolve("binary.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
    if (Files.exists(Path.of("/dev/zero"))) {
      // Not a regular file: never opened (reading it would never end).
      Files.createSymbolicLink(dir.resolve("zero.yaml"), Path.of("/dev/zero"));
    }
    start(CatalogServer.builder().rescanInterval(Duration.ofHours(1)));

    for (int round = 0; round < 2; round++) {
      Map<String, SourceStatus> status = byFile();
      assertThat(status).containsOnlyKeys("a-good.yaml", "deep-flow.yaml", "deep-block.yaml",
          "bomb.yaml", "huge.yaml", "binary.yaml");
      assertThat(status.get("a-good.yaml").healthy()).isTrue();
      for (String bad : List.of("deep-flow.yaml", "deep-block.yaml", "bomb.yaml", "huge.yaml",
          "binary.yaml")) {
        assertThat(status.get(bad).problems()).as(bad).isNotEmpty();
        assertThat(status.get(bad).entries()).isZero();
      }
      assertThat(status.get("huge.yaml").problems()).singleElement().asString()
          .contains("larger than the 1048576 bytes");
      assertThat(server.index().entries()).extracting(e -> e.tag().orElseThrow())
          .containsExactly("nginx/v0.1.0");
      server.refresh();
    }
    write("deep-flow.yaml", source("deep", "  profiles:\n" + entry("redis", "redis/v1.0.0")));
    server.refresh();
    assertThat(server.index().entries()).extracting(e -> e.tag().orElseThrow())
        .containsExactly("nginx/v0.1.0", "redis/v1.0.0");
    assertThat(get("/v1/status").get("sources").size()).isEqualTo(6);
  }

  /** A scanner whose behaviour per repository URL is set by the test. */
  private static final class ThrowingScanner implements RepositoryScanner {
    final Map<String, Throwable> throwing = new ConcurrentHashMap<>();
    final Map<String, ScanResult> results = new ConcurrentHashMap<>();
    final Map<String, CountDownLatch> scanned = new ConcurrentHashMap<>();

    @Override
    public ScanResult scan(CatalogRepository repository, Set<String> knownTags) {
      scanned.getOrDefault(repository.url(), new CountDownLatch(0)).countDown();
      Throwable t = throwing.get(repository.url());
      if (t instanceof RuntimeException e) {
        throw e;
      }
      if (t instanceof Error e) {
        throw e;
      }
      return results.getOrDefault(repository.url(), ScanResult.builder().build());
    }
  }

  /** A ScanResult (an interface) whose methods throw, as a broken scanner might return. */
  private static ScanResult exploding(Error e) {
    return new ScanResult() {
      @Override
      public Set<String> tags() {
        throw e;
      }

      @Override
      public List<CatalogEntry> entries() {
        throw e;
      }

      @Override
      public List<SkippedTag> skipped() {
        throw e;
      }
    };
  }

  @Test
  void anythingAScannerThrowsIsReportedForItsSourceAndTheScheduleKeepsRefreshing()
      throws Exception {
    ThrowingScanner scanner = new ThrowingScanner();
    String good = "https://git.example.com/good";
    scanner.results.put(good, ScanResult.builder().addTag("app/v1.0.0")
        .addEntry(CatalogEntry.builder().name("app").tag("app/v1.0.0").build()).build());
    scanner.throwing.put("https://git.example.com/overflow", new StackOverflowError());
    scanner.throwing.put("https://git.example.com/oom",
        new OutOfMemoryError("Java heap space (simulated)"));
    scanner.throwing.put("https://git.example.com/npe", new NullPointerException());
    scanner.results.put("https://git.example.com/explodes",
        exploding(new StackOverflowError()));
    write("a.yaml", source("a", repositories("https://git.example.com/overflow")));
    write("b.yaml", source("b", "  profiles:\n" + entry("manual", "manual/v1.0.0")
        + repositories("https://git.example.com/oom")));
    write("c.yaml", source("c", repositories("https://git.example.com/npe")));
    write("d.yaml", source("d", repositories("https://git.example.com/explodes")));
    write("e.yaml", source("e", repositories(good)));
    // Refreshes every few milliseconds: five scans of the good repository after the first
    // mean the schedule survived every throw of every refresh in between.
    CountDownLatch refreshes = new CountDownLatch(6);
    scanner.scanned.put(good, refreshes);
    start(CatalogServer.builder().scanner(scanner).rescanInterval(Duration.ofMillis(5)));
    assertThat(refreshes.await(60, TimeUnit.SECONDS)).isTrue();

    Map<String, SourceStatus> status = byFile();
    assertThat(status.get("a.yaml").repositories().get(0).error()).get().asString()
        .isEqualTo("failed: the scanner crashed (StackOverflowError)");
    assertThat(status.get("b.yaml").repositories().get(0).error()).get().asString()
        .isEqualTo("failed: the scanner crashed (OutOfMemoryError)");
    assertThat(status.get("b.yaml").entries()).as("its manual entry is served").isEqualTo(1);
    assertThat(status.get("c.yaml").repositories().get(0).error()).get().asString()
        .isEqualTo("failed: the scanner crashed (NullPointerException)");
    assertThat(status.get("d.yaml").problems()).singleElement().asString()
        .contains("failed while loading the source (StackOverflowError");
    assertThat(status.get("d.yaml").entries()).isZero();
    assertThat(status.get("e.yaml").healthy()).isTrue();
    assertThat(server.index().entries()).extracting(e -> e.catalogSource().orElseThrow() + ":"
        + e.tag().orElseThrow()).containsExactly("e:app/v1.0.0", "b:manual/v1.0.0");
  }

  @Test
  void repositoryAndEntryUrlsFollowTheSourcePolicy() throws Exception {
    InMemoryScanner scanner = new InMemoryScanner();
    String plain = "http://git.example.com/plain";
    String local = dir.resolve("repo.git").toString();
    String fileUrl = dir.resolve("repo.git").toUri().toString();
    for (String url : List.of(plain, local, fileUrl)) {
      scanner.tag(url, "app/v1.0.0", "from " + url);
    }
    write("a.yaml", source("a", repositories(plain, local, fileUrl, "'ext::sh -c id'",
        "gopher://example.com/r")));
    write("b.yaml", source("b", "  profiles:\n"
        + "    - name: ok\n      tag: ok/v1.0.0\n      url: https://example.com/ok\n"
        + "    - name: web\n      tag: web/v1.0.0\n      url: http://example.com/web\n"
        + "    - name: disk\n      tag: disk/v1.0.0\n      url: file:///etc\n"
        + "    - name: path\n      tag: path/v1.0.0\n      url: /etc\n"
        + "    - name: helper\n      tag: helper/v1.0.0\n      url: 'ext::sh -c id'\n"));
    start(CatalogServer.builder().scanner(scanner).rescanInterval(Duration.ofHours(1)));

    Map<String, SourceStatus> status = byFile();
    List<RepositoryStatus> repos = status.get("a.yaml").repositories();
    assertThat(repos).extracting(r -> r.error().orElse("")).allSatisfy(e ->
        assertThat(e).startsWith("refused: "));
    assertThat(repos.get(0).error()).get().asString().contains("plain http");
    assertThat(repos.get(1).error()).get().asString().contains("--allow-local-sources");
    assertThat(repos.get(2).error()).get().asString().contains("--allow-local-sources");
    assertThat(repos.get(3).error()).get().asString().contains("remote helper");
    assertThat(repos.get(4).error()).get().asString().contains("scheme 'gopher'");
    assertThat(scanner.knownTagsSeen).as("nothing refused reached the scanner").isEmpty();
    assertThat(status.get("b.yaml").problems()).satisfiesExactly(
        p -> assertThat(p).startsWith("spec.profiles[1]: ").contains("plain http"),
        p -> assertThat(p).startsWith("spec.profiles[2]: ").contains("local source"),
        p -> assertThat(p).startsWith("spec.profiles[3]: ").contains("local source"),
        p -> assertThat(p).startsWith("spec.profiles[4]: ").contains("remote helper"));
    assertThat(server.index().entries()).extracting(CatalogEntry::name).containsExactly("ok");
    server.close();

    start(CatalogServer.builder().scanner(scanner).rescanInterval(Duration.ofHours(1))
        .sourcePolicy(SourcePolicy.defaults().allowHttp(true).allowLocalSources(true)));
    status = byFile();
    assertThat(status.get("a.yaml").repositories()).extracting(r -> r.error().isPresent())
        .containsExactly(false, false, false, true, true);
    assertThat(status.get("b.yaml").problems()).singleElement().asString()
        .startsWith("spec.profiles[4]: ");
    assertThat(server.index().entries()).extracting(CatalogEntry::name)
        .containsExactly("app", "disk", "ok", "path", "web");
  }

  @Test
  void entriesWithControlCharactersOrInvalidNamesAreRefusedLocated() throws Exception {
    write("a.yaml", source("a", "  profiles:\n" + entry("nginx", "nginx/v1.0.0")));
    // One bad entry per file, as the second entry of its source: whether the entry alone or
    // the whole file is refused, the problem names the entry and what is wrong with it.
    String[][] bad = {
        {"    - name: \"ngi\\nnx\"\n      tag: \"ngi\\nnx/v1.0.0\"\n", "U+000A line feed"},
        {"    - name: redis\n      tag: \"redis/v1.0.0\\r\"\n", "U+000D carriage return"},
        {"    - name: redis\n      tag: redis/v2.0.0\n"
            + "      url: \"https://example.com/\\u001b[2J\"\n", "U+001B escape"},
        {"    - name: Nginx\n      tag: Nginx/v1.0.0\n", "Nginx"},
        {"    - name: my_app\n      tag: 1.0.0\n", "my_app"},
    };
    for (int i = 0; i < bad.length; i++) {
      write("b" + i + ".yaml", source("b" + i, "  profiles:\n" + entry("ok", "ok/v1.0.0")
          + bad[i][0]));
    }
    start(CatalogServer.builder().rescanInterval(Duration.ofHours(1)));
    Map<String, SourceStatus> status = byFile();
    for (int i = 0; i < bad.length; i++) {
      String expected = bad[i][1];
      SourceStatus b = status.get("b" + i + ".yaml");
      assertThat(b.healthy()).isFalse();
      assertThat(String.join("\n", b.problems())).doesNotContain("\r").doesNotContain("\u001b")
          .doesNotContain("ngi\nnx");
      assertThat(b.problems()).as(bad[i][0]).anySatisfy(p -> assertThat(p)
          .contains("spec.profiles[1]").contains(expected));
    }
    assertThat(server.index().entries()).extracting(e -> e.name())
        .doesNotContain("ngi\nnx", "Nginx", "my_app", "redis").contains("nginx");
  }

  @Test
  void requestsAreBoundedAndTheirBodiesIgnored() throws Exception {
    write("a.yaml", source("a", "  profiles:\n" + entry("nginx", "nginx/v1.0.0")));
    start(CatalogServer.builder().rescanInterval(Duration.ofHours(1)));

    HttpResponse<String> longUri = http.send(HttpRequest.newBuilder(URI.create(server.uri()
        + "/v1/profiles?name=" + "a".repeat(20_000))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(longUri.statusCode()).isEqualTo(414);
    assertThat(JSON.readTree(longUri.body()).get("message").asString())
        .contains("longer than 8192").doesNotContain("aaaa");
    HttpResponse<String> longPath = http.send(HttpRequest.newBuilder(URI.create(server.uri()
        + "/v1/profiles/a/" + "n".repeat(9000))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(longPath.statusCode()).isEqualTo(414);

    byte[] small = new byte[1024];
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.uri()
        + "/v1/profiles")).POST(HttpRequest.BodyPublishers.ofByteArray(small)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    HttpResponse<String> getWithBody = http.send(HttpRequest.newBuilder(URI.create(server.uri()
        + "/v1/profiles/a/nginx")).method("GET", HttpRequest.BodyPublishers.ofByteArray(small))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(getWithBody.statusCode()).isEqualTo(200);
    // A large body is not read at all: the server answers and hangs up while it is still
    // being sent, so the sender may see its connection reset.
    for (String method : new String[] {"POST", "GET"}) {
      try {
        http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/v1/profiles"))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(new byte[16 << 20])).build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (IOException reset) {
        // expected, see above
      }
    }

    // A raw request whose URI is not even a valid one, and one that never finishes its head.
    for (String raw : new String[] {"GET /v1/%zz%%/\u0001 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /v1/profiles HTTP/1.1\r\nHost: x\r\nX-Long: " + "y".repeat(100_000) + "\r\n\r\n"}) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        OutputStream out = s.getOutputStream();
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = s.getInputStream();
        in.readNBytes(12);
      } catch (IOException hungUp) {
        // The server may simply close the connection: fine, as long as it keeps serving.
      }
    }
    assertThat(get("/v1/profiles/a/nginx").get("item").get("tag").asString())
        .isEqualTo("nginx/v1.0.0");
  }

  @Test
  void invalidSettingsAreConfigurationExceptions() {
    List<Consumer<CatalogServer.Builder>> bad = List.of(b -> b.sources(null),
        b -> b.host(null), b -> b.port(-1), b -> b.port(65536), b -> b.rescanInterval(null),
        b -> b.rescanInterval(Duration.ZERO), b -> b.rescanInterval(Duration.ofDays(3650)),
        b -> b.scanner(null), b -> b.sourcePolicy(null), b -> b.threads(0),
        b -> b.threads(100_000));
    for (Consumer<CatalogServer.Builder> setter : bad) {
      assertThatThrownBy(() -> setter.accept(CatalogServer.builder()))
          .isExactlyInstanceOf(ProfilesConfigurationException.class);
    }
    assertThatThrownBy(() -> CatalogServer.builder().build())
        .isExactlyInstanceOf(ProfilesConfigurationException.class)
        .hasMessageContaining("sources");
    CatalogServer notStarted = CatalogServer.builder().sources(dir).build();
    assertThatThrownBy(notStarted::port)
        .isExactlyInstanceOf(ProfilesConfigurationException.class);
  }
}
