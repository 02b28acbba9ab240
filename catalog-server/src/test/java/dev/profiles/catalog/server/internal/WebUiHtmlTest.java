package dev.profiles.catalog.server.internal;

import static dev.profiles.catalog.server.internal.WebUiHtml.assertHtmlHeaders;
import static dev.profiles.catalog.server.internal.WebUiHtml.assertOnlyRendererMarkup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.catalog.server.RepositoryStatus;
import dev.profiles.catalog.server.SourceStatus;
import dev.profiles.core.catalog.CatalogIndex;
import dev.profiles.core.catalog.SkippedTag;
import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.KustomizeArtifact;
import dev.profiles.core.model.LocalChartArtifact;
import dev.profiles.core.model.NestedProfileArtifact;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.model.RemoteChartArtifact;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web UI's pages over real HTTP on loopback: content, links, headers on every HTML answer,
 * and the JSON API byte-for-byte as the API handler alone answers it.
 */
class WebUiHtmlTest {
  private WebUiHtml web;
  private WebUiHtml apiOnly;

  static CatalogEntry entry(String source, String name, String version, String description) {
    return CatalogEntry.builder().name(name).tag(name + "/" + version).catalogSource(source)
        .url("https://git.example.com/" + source + "/profiles").description(description)
        .maintainer("Platform team <platform@example.com>").addPrerequisites("Kubernetes 1.28")
        .build();
  }

  static final String README = """
      # NGINX ingress

      Deploys *ingress-nginx* with **sane defaults**; see the [chart docs](https://kubernetes.github.io/ingress-nginx/)
      or [the values](values.yaml) and mail <mailto:platform@example.com>.

      ## Install

      1. Add the profile
      2. Commit with `profiles add`

      - TLS via cert-manager
      - Rate limiting

      ```yaml
      controller:
        replicas: 2   # <b>not bold</b>
      ```

          indented code & more

      > Pre-releases are not supported.

      ![diagram](docs/diagram.png) <div>raw</div>
      """;

  /** The artifacts of every kind, as a scanned profile.yaml would give them. */
  static List<Artifact> artifacts() {
    return List.of(RemoteChartArtifact.builder().name("ingress")
            .url("https://kubernetes.github.io/ingress-nginx").chartName("ingress-nginx")
            .chartVersion("4.10.1").build(),
        LocalChartArtifact.builder().name("extras").path("charts/extras").build(),
        KustomizeArtifact.builder().name("policies").path("k/policies").build(),
        NestedProfileArtifact.builder().name("base")
            .source(ProfileSource.ofTag("https://git.example.com/team/base", "base/v1.2.0"))
            .build());
  }

  static CatalogLoader.Snapshot snapshot() {
    return snapshot(true);
  }

  /** The test catalog; with {@code rich}, nginx v1.1.0 has artifacts and a README. */
  static CatalogLoader.Snapshot snapshot(boolean rich) {
    List<CatalogEntry> entries = new ArrayList<>();
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0-rc.1", "v0.9.0")) {
      CatalogEntry e = entry("team", "nginx", v, "Deploys the NGINX ingress controller");
      entries.add(rich && v.equals("v1.1.0")
          ? CatalogEntry.builder().from(e).artifacts(artifacts()).readme(README).build() : e);
    }
    entries.add(entry("team", "postgres", "v2.0.0", "A PostgreSQL database with backups"));
    entries.add(entry("infra", "nginx", "v3.0.0", "Another nginx, from infra"));
    SourceStatus team = new SourceStatus("team.yaml", Optional.of("team"), 5, List.of(),
        List.of(new RepositoryStatus("https://git.example.com/team/profiles", 5,
            List.of(new SkippedTag("broken/v1.0.0", "broken/profile.yaml: no spec")),
            Optional.empty())));
    SourceStatus infra = new SourceStatus("infra.yaml", Optional.of("infra"), 1,
        List.of("spec.repositories[1].url: scheme ftp is not allowed"),
        List.of(new RepositoryStatus("https://git.example.com/infra/profiles", 1, List.of(),
            Optional.of("unreachable: connection refused"))));
    return new CatalogLoader.Snapshot(CatalogIndex.of(entries), List.of(infra, team),
        Instant.parse("2026-12-01T12:00:00Z"));
  }

  @BeforeEach
  void start() throws Exception {
    web = new WebUiHtml(true);
    apiOnly = new WebUiHtml(false);
    web.snapshot.set(Optional.of(snapshot()));
    apiOnly.snapshot.set(web.snapshot.get());
  }

  @AfterEach
  void stop() {
    web.close();
    apiOnly.close();
  }

  @Test
  void homeListsTheLatestVersionOfEveryProfileWithItsSourceFilter() throws Exception {
    HttpResponse<String> r = web.get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertHtmlHeaders(r);
    assertOnlyRendererMarkup(r.body());
    String text = WebUiHtml.text(r.body());
    assertThat(text).contains("3 profiles from 2 catalog sources", "All profiles",
        "team / nginx", "v1.1.0", "infra / nginx", "v3.0.0", "team / postgres");
    // Latest is the highest release, not the release candidate.
    assertThat(text).doesNotContain("v1.2.0-rc.1");
    assertThat(r.body()).contains("<option value=\"infra\">infra</option>",
        "href=\"/profiles/team/nginx\"");
  }

  @Test
  void searchMatchesNamesAndDescriptionsCaseInsensitivelyAndFiltersBySource() throws Exception {
    String byDescription = WebUiHtml.text(web.get("/?q=POSTGRESQL").body());
    assertThat(byDescription).contains("1 profile matching", "team / postgres")
        .doesNotContain("team / nginx");
    String twoWords = WebUiHtml.text(web.get("/?q=nginx+infra").body());
    assertThat(twoWords).contains("infra / nginx").doesNotContain("team / nginx");
    HttpResponse<String> bySource = web.get("/?q=nginx&source=team");
    assertThat(WebUiHtml.text(bySource.body())).contains("1 profile matching", "in team",
        "team / nginx").doesNotContain("infra / nginx");
    assertThat(bySource.body()).contains("<option value=\"team\" selected>");
    assertThat(WebUiHtml.text(web.get("/?q=nothing-like-this").body()))
        .contains("0 profiles matching", "No profile matches");
  }

  @Test
  void profilePageShowsFactsInstallSnippetsUpdatesAndVersions() throws Exception {
    HttpResponse<String> r = web.get("/profiles/team/nginx?version=v1.0.0");
    assertThat(r.statusCode()).isEqualTo(200);
    assertHtmlHeaders(r);
    assertOnlyRendererMarkup(r.body());
    String text = WebUiHtml.text(r.body());
    assertThat(text).contains("Deploys the NGINX ingress controller",
        "Platform team <platform@example.com>", "Kubernetes 1.28", "nginx/v1.0.0",
        "https://git.example.com/team/profiles",
        "profiles add team/nginx/v1.0.0 --name nginx --catalog-url http://127.0.0.1:",
        "CatalogEntry entry = catalog.version(\"team\", \"nginx\", \"v1.0.0\");",
        "Newer than v1.0.0:", "1 pre-release hidden.");
    // The catalog is plain http here: the snippet carries the CLI's opt-in for it.
    assertThat(text).containsPattern("--catalog-url http://127\\.0\\.0\\.1:\\d+ --allow-http");
    // Updates of a release exclude pre-releases unless asked.
    assertThat(r.body()).contains("href=\"/profiles/team/nginx?version=v1.1.0\"")
        .doesNotContain("version=v1.2.0-rc.1");
    String withPre = web.get("/profiles/team/nginx?version=v1.0.0&prereleases=true").body();
    assertThat(withPre).contains("href=\"/profiles/team/nginx?version=v1.2.0-rc.1&amp;"
        + "prereleases=true\"", "name=\"prereleases\" value=\"true\" data-autosubmit checked");
    assertThat(WebUiHtml.text(withPre)).doesNotContain("pre-release hidden");
    // Without a version: the latest release.
    assertThat(WebUiHtml.text(web.get("/profiles/team/nginx").body()))
        .contains("profiles add team/nginx/v1.1.0", "v1.1.0 is the newest release.");
  }

  @Test
  void sourcesPageShowsEverySourceWithItsStatusProblemsAndSkippedTags() throws Exception {
    HttpResponse<String> r = web.get("/sources");
    assertThat(r.statusCode()).isEqualTo(200);
    assertOnlyRendererMarkup(r.body());
    String text = WebUiHtml.text(r.body());
    assertThat(text).contains("2 sources, 1 healthy; 6 versions served",
        "Last scan 2026-12-01 12:00:00 UTC", "infra", "Problems",
        "spec.repositories[1].url: scheme ftp is not allowed", "Failed",
        "unreachable: connection refused", "team", "Healthy", "Scanned", "1 skipped tag",
        "broken/v1.0.0", "broken/profile.yaml: no spec");
    assertThat(text.indexOf("infra")).isLessThan(text.indexOf("Healthy"));
  }

  @Test
  void everyHtmlAnswerCarriesTheSecurityHeadersIncludingErrors() throws Exception {
    for (String path : List.of("/", "/?q=x", "/?source=team", "/sources",
        "/profiles/team/nginx", "/profiles/team/nginx?version=v0.9.0",
        "/profiles/team/nginx?version=banana", "/profiles/team/mysql", "/profiles/team",
        "/profiles/a/b/c", "/assets/nothing")) {
      HttpResponse<String> r = web.get(path);
      assertHtmlHeaders(r);
      assertOnlyRendererMarkup(r.body());
      assertThat(r.statusCode()).as(path).isIn(200, 404);
    }
    assertThat(web.get("/profiles/team/mysql").statusCode()).isEqualTo(404);
    assertThat(web.get("/profiles/team/nginx?version=v9.9.9").statusCode()).isEqualTo(404);
    HttpResponse<String> post = web.send(HttpRequest.newBuilder(web.uri("/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    assertHtmlHeaders(post);
    HttpResponse<String> longUri = web.get("/?q=" + "a".repeat(ApiHandler.MAX_URI_LENGTH));
    assertThat(longUri.statusCode()).isEqualTo(414);
    assertHtmlHeaders(longUri);
    web.snapshot.set(Optional.empty());
    HttpResponse<String> loading = web.get("/profiles/team/nginx");
    assertThat(loading.statusCode()).isEqualTo(503);
    assertHtmlHeaders(loading);
    assertThat(WebUiHtml.text(loading.body())).contains("Catalog loading");
  }

  @Test
  void theSearchPageRendersAtMostMaxResultsRowsAndSaysSo() throws Exception {
    List<CatalogEntry> many = new ArrayList<>();
    for (int i = 0; i <= WebHandler.MAX_RESULTS; i++) {
      many.add(entry("big", "p" + i, "v1.0.0", "profile number " + i));
    }
    web.snapshot.set(Optional.of(new CatalogLoader.Snapshot(CatalogIndex.of(many), List.of(),
        Instant.EPOCH)));
    String body = web.get("/?q=profile").body();
    assertThat(body.split("class=\"result\"", -1)).hasSize(WebHandler.MAX_RESULTS + 1);
    assertThat(WebUiHtml.text(body)).contains("501 profiles matching",
        "Showing the first 500 of 501");
    assertThat(WebUiHtml.text(web.get("/?q=number+500").body())).contains("1 profile matching")
        .doesNotContain("Showing the first");
  }

  @Test
  void headAnswersTheHeadersWithoutABody() throws Exception {
    HttpResponse<String> head = web.send(HttpRequest.newBuilder(web.uri("/sources"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    assertThat(head.statusCode()).isEqualTo(200);
    assertHtmlHeaders(head);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void assetsAreServedFromTheJarWithTheirTypes() throws Exception {
    HttpResponse<String> css = web.get("/assets/app.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
    assertThat(css.body()).contains(":focus-visible");
    HttpResponse<String> js = web.get("/assets/app.js");
    assertThat(js.headers().firstValue("Content-Type"))
        .contains("text/javascript; charset=utf-8");
    assertThat(js.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    // The script never turns strings into code.
    assertThat(js.body()).doesNotContain("eval(", "innerHTML", "new Function", "document.write");
    assertThat(web.get("/assets/favicon.svg").headers().firstValue("Content-Type"))
        .contains("image/svg+xml");
  }

  private static java.util.Map<String, List<String>> withoutDate(HttpResponse<String> r) {
    java.util.Map<String, List<String>> out = new java.util.TreeMap<>(r.headers().map());
    out.remove("date");
    return out;
  }

  @Test
  void theJsonApiIsByteForByteWhatTheApiHandlerAloneAnswers() throws Exception {
    for (String path : List.of("/v1/profiles", "/v1/profiles?name=ngi", "/v1/status",
        "/v1/profiles/team/nginx", "/v1/profiles/team/nginx/latest",
        "/v1/profiles/team/nginx/v1.0.0/available_updates?prereleases=true",
        "/v1/profiles/team/mysql", "/v1/profiles/team", "/v2/profiles", "/favicon.ico",
        "/profile", "/sourcesx", "/assets")) {
      HttpResponse<String> a = web.get(path);
      HttpResponse<String> b = apiOnly.get(path);
      assertThat(a.statusCode()).as(path).isEqualTo(b.statusCode());
      assertThat(a.body()).as(path).isEqualTo(b.body());
      assertThat(withoutDate(a)).as(path).isEqualTo(withoutDate(b));
    }
    HttpResponse<String> post = web.send(HttpRequest.newBuilder(web.uri("/v1/profiles"))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Content-Type")).contains("application/json");
  }

  @Test
  void theJsonApiDoesNotCarryArtifactsOrReadmes() throws Exception {
    // The same catalog without them: the API answers byte for byte the same.
    apiOnly.snapshot.set(Optional.of(snapshot(false)));
    for (String path : List.of("/v1/profiles", "/v1/profiles/team/nginx",
        "/v1/profiles/team/nginx/v1.1.0", "/v1/profiles/team/nginx/latest",
        "/v1/profiles/team/nginx/v1.0.0/available_updates")) {
      HttpResponse<String> a = web.get(path);
      assertThat(a.statusCode()).as(path).isEqualTo(200);
      assertThat(a.body()).as(path).isEqualTo(apiOnly.get(path).body())
          .doesNotContain("readme", "artifacts", "ingress-nginx");
    }
  }

  @Test
  void profilePageListsArtifactsWithTheirKindsAndCharts() throws Exception {
    HttpResponse<String> r = web.get("/profiles/team/nginx");
    assertOnlyRendererMarkup(r.body());
    String text = WebUiHtml.text(r.body());
    assertThat(text).contains("Artifacts", "ingress" + "chart" + "ingress-nginx 4.10.1 from "
        + "https://kubernetes.github.io/ingress-nginx",
        "extras" + "local chart" + "the chart in charts/extras",
        "policies" + "kustomize" + "the kustomization in k/policies",
        "base" + "profile" + "the profile from https://git.example.com/team/base at "
            + "base/v1.2.0");
    assertThat(r.body()).contains("<a href=\"https://kubernetes.github.io/ingress-nginx\" "
        + "rel=\"noopener noreferrer nofollow\">");
    // Another version has none, and says so.
    assertThat(WebUiHtml.text(web.get("/profiles/team/nginx?version=v1.0.0").body()))
        .contains("The catalog lists no artifacts for this version.",
            "This version has no README next to its profile.yaml.")
        .doesNotContain("ingress-nginx 4.10.1");
  }

  @Test
  void profilePageRendersTheReadmeStrictly() throws Exception {
    String body = web.get("/profiles/team/nginx").body();
    assertOnlyRendererMarkup(body);
    String readme = body.substring(body.indexOf("<div class=\"readme\">"),
        body.indexOf("</div>", body.indexOf("<div class=\"readme\">")) + 6);
    assertThat(readme).contains("<h3>NGINX ingress</h3>", "<h4>Install</h4>",
        "<em>ingress-nginx</em>", "<strong>sane defaults</strong>",
        "<a href=\"https://kubernetes.github.io/ingress-nginx/\" rel=\"noopener noreferrer "
            + "nofollow\">chart docs</a>",
        "<a href=\"mailto:platform@example.com\" rel=\"noopener noreferrer nofollow\">"
            + "mailto:platform@example.com</a>",
        "<ol><li>Add the profile</li><li>Commit with <code>profiles add</code></li></ol>",
        "<ul><li>TLS via cert-manager</li><li>Rate limiting</li></ul>",
        "<pre tabindex=\"0\"><code>controller:\n  replicas: 2   # &lt;b&gt;not bold&lt;/b&gt;\n"
            + "</code></pre>",
        "<pre tabindex=\"0\"><code>indented code &amp; more\n</code></pre>",
        "<blockquote><p>Pre-releases are not supported.</p>\n</blockquote>",
        // A relative link is its text; an image is its alt text; raw HTML is text.
        "the values", "diagram &lt;div&gt;raw&lt;/div&gt;");
    assertThat(readme).doesNotContain("values.yaml\"", "<img", "docs/diagram.png", "<b>",
        "<div>raw");
  }
}
