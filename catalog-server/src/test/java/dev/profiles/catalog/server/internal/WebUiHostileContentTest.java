package dev.profiles.catalog.server.internal;

import static dev.profiles.catalog.server.internal.WebUiHtml.assertHtmlHeaders;
import static dev.profiles.catalog.server.internal.WebUiHtml.assertOnlyRendererMarkup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.catalog.server.RepositoryStatus;
import dev.profiles.catalog.server.SourceStatus;
import dev.profiles.core.catalog.CatalogIndex;
import dev.profiles.core.catalog.SkippedTag;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.InvalidModelException;
import dev.profiles.core.rules.ControlCharacters;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Everything a catalog serves is hostile: descriptions, maintainers, prerequisites, names,
 * source names, URLs, problems and skip reasons are rendered on every page as text only. The
 * pages' markup is checked tag by tag ({@link WebUiHtml#assertOnlyRendererMarkup}), and the
 * decoded text must show the hostile value as it was.
 */
class WebUiHostileContentTest {
  static final List<String> PAYLOADS = List.of("<script>window.__pwned=1</script>",
      "\"><img src=x onerror=\"window.__pwned=1\">", "'><svg/onload=window.__pwned=1>",
      "javascript:window.__pwned=1", "<svg><script>window.__pwned=1</script></svg>",
      "<a href=\"javascript:alert(1)\">x</a>", "</textarea></pre><iframe src=//evil>",
      "<!-- ", "]]>", "{{main}}", "{{title}}", "&lt;script&gt;", "&#60;b&#62;",
      "<style>body{display:none}</style>", "<meta http-equiv=refresh content=0;url=//x>",
      "\u202e\u0645\u0631\u062d\u0628\u0627", "\uD83D\uDE80 \u00e9\u00e8", "`${x}`",
      "data:text/html,<script>alert(1)</script>", "<base href=//evil/>", " onmouseover=x ");

  private static WebUiHtml web;

  @BeforeContainer
  static void start() throws Exception {
    web = new WebUiHtml(true);
  }

  @AfterContainer
  static void stop() {
    web.close();
  }

  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> fragment = Arbitraries.oneOf(Arbitraries.of(PAYLOADS),
        Arbitraries.strings().withChars("<>\"'&/=:; abc{}\\").ofMaxLength(12),
        Arbitraries.strings().all().ofMaxLength(8));
    return fragment.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("", l));
  }

  /** A name the index accepts: the hostile text without what names may not hold. */
  private static String asName(String s) {
    StringBuilder clean = new StringBuilder("p");
    // C0, DEL and C1 controls (the model's rule; \p{Cntrl} is C0 and DEL only), '/',
    // whitespace and surrogates.
    s.chars().filter(c -> !ControlCharacters.is((char) c) && c != '/'
        && !Character.isWhitespace(c) && !Character.isSpaceChar(c)
        && !Character.isSurrogate((char) c)).forEach(c -> clean.append((char) c));
    return clean.toString();
  }

  private static CatalogLoader.Snapshot snapshot(String hostile, String name) {
    // The most hostile name and source name the index accepts.
    CatalogEntry entry = null;
    for (String[] ns : new String[][] {{name, "team" + name}, {name, "team"}, {"plain", "team"}}) {
      CatalogEntry candidate;
      try {
        candidate = CatalogEntry.builder().name(ns[0]).tag(ns[0] + "/v1.0.0")
            .catalogSource(ns[1]).description(hostile).maintainer(hostile)
            .addPrerequisites(hostile, "kubernetes " + hostile).build();
      } catch (InvalidModelException refusedByTheModel) {
        continue;
      }
      if (CatalogIndex.problemWith(candidate).isEmpty()) {
        entry = candidate;
        break;
      }
    }
    SourceStatus source = new SourceStatus(hostile + ".yaml", Optional.of(hostile), 1,
        List.of(hostile), List.of(new RepositoryStatus(hostile, 1,
            List.of(new SkippedTag(hostile, hostile)), Optional.of(hostile)),
            new RepositoryStatus("javascript:" + hostile, 0, List.of(), Optional.empty())));
    return new CatalogLoader.Snapshot(CatalogIndex.of(List.of(entry)), List.of(source),
        Instant.EPOCH);
  }

  @Property(tries = 40)
  void hostileValuesAreTextOnEveryPage(@ForAll("hostile") String hostile) throws Exception {
    CatalogLoader.Snapshot snap = snapshot(hostile, asName(hostile));
    web.snapshot.set(Optional.of(snap));
    CatalogEntry e = snap.index().entries().get(0);
    String name = e.name();
    String catalog = e.catalogSource().orElseThrow();
    String profile = "/profiles/" + Html.segment(catalog) + "/" + Html.segment(name);
    String visible = visibleForm(hostile);
    for (String path : List.of("/", "/?q=" + Html.query(hostile), "/?q=" + Html.query(name)
        + "&source=" + Html.query(catalog), "/sources", profile,
        profile + "?version=v1.0.0&prereleases=true", "/profiles/" + Html.segment(hostile)
            + "/x")) {
      HttpResponse<String> r = web.get(path);
      assertHtmlHeaders(r);
      assertOnlyRendererMarkup(r.body());
      assertThat(r.body()).doesNotContainIgnoringCase("<script>window")
          .doesNotContainIgnoringCase("href=\"javascript:").doesNotContain("<svg");
    }
    String profilePage = WebUiHtml.text(web.get(profile).body());
    assertThat(profilePage).contains(visibleForm(name), visible);
    assertThat(WebUiHtml.text(web.get("/sources").body())).contains(visible,
        "javascript:" + visible);
  }

  /** What the renderer shows for {@code s}: control characters and lone surrogates as U+FFFD. */
  private static String visibleForm(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c) || c < 0x20 && c != '\t' && c != '\n'
          || c >= 0x7f && c <= 0x9f) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Example
  void javascriptAndDataUrlsAreNeverLinksButHttpsIs() {
    assertThat(Html.safeUrl("javascript:alert(1)")).isEmpty();
    assertThat(Html.safeUrl("JaVaScRiPt:alert(1)")).isEmpty();
    assertThat(Html.safeUrl("data:text/html,x")).isEmpty();
    assertThat(Html.safeUrl("//evil.example/x")).isEmpty();
    assertThat(Html.safeUrl("https://ok.example/a\"onclick=x")).isEmpty();
    assertThat(Html.safeUrl("http:/no-host")).isEmpty();
    assertThat(Html.safeUrl(" https://ok.example")).isEmpty();
    assertThat(Html.safeUrl("https://git.example.com/org/repo")).isPresent();
    assertThat(Html.linkOrText("javascript:alert(1)"))
        .isEqualTo("<span class=\"url\">javascript:alert(1)</span>");
  }

  @Example
  void installSnippetsQuoteHostileNamesForTheShellAndForJava() {
    assertThat(Html.shellWord("team/nginx/v1.0.0")).isEqualTo("team/nginx/v1.0.0");
    assertThat(Html.shellWord("a;rm -rf ~")).isEqualTo("'a;rm -rf ~'");
    assertThat(Html.shellWord("it's$(x)")).isEqualTo("'it'\\''s$(x)'");
    assertThat(Html.shellWord("")).isEqualTo("''");
    assertThat(Html.javaString("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\012d\"");
  }

  // --- READMEs -------------------------------------------------------------------------------

  static final List<String> README_PAYLOADS = List.of("<script>window.__pwned=1</script>",
      "[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x]( javascript:alert(1) )",
      "[x](<javascript:alert(1)>)", "[x](data:text/html,<script>alert(1)</script>)",
      "[x](//evil.example/x)", "[x](https://ok.example/\"onclick=\"x)", "<javascript:alert(1)>",
      "<img src=x onerror=\"window.__pwned=1\">", "![a\"onerror=\"x](x)",
      "![x](javascript:alert(1))", "<svg onload=window.__pwned=1><script>x</script></svg>",
      "<!-- comment -->", "<!--", "-->", "*", "**", "_", "`", "```", "~~~", "\n", "\n\n", "> ",
      "# ", "- ", "1. ", "    ", "\t", "[", "]", "(", ")", "<", ">", "\\", "&amp;", "&#x3c;",
      "mailto:a@b.c", "<mailto:a@b.c>", "<https://safe.example/x>",
      "<mailto:x@y.z?subject=<script>>", "[m](mailto:a@b.example)",
      "https://ok.example/a_b*c*", "[[x](https://a.example)](https://b.example)",
      "<a href=\"https://ok.example\">x</a>", "{{main}}", "\u0000", "\uD800", "\u2028");

  @Provide
  Arbitrary<String> markdown() {
    Arbitrary<String> fragment = Arbitraries.oneOf(Arbitraries.of(README_PAYLOADS),
        Arbitraries.of(README_PAYLOADS), Arbitraries.strings().withChars(
            "<>\"'&/=:;*_`[]()!#>-\\\n abc").ofMaxLength(16),
        Arbitraries.strings().all().ofMaxLength(8));
    return fragment.list().ofMinSize(1).ofMaxSize(24).map(l -> String.join("", l));
  }

  /** The renderer's output: its own markup only, safe link targets, balanced tags. */
  static void assertSafeReadme(String html) {
    assertOnlyRendererMarkup(html);
    assertThat(html).doesNotContainIgnoringCase("href=\"javascript:")
        .doesNotContainIgnoringCase("href=\"data:").doesNotContain("<img", "<svg", "<script",
            "<!--", "<a href=\"https://ok.example/\"");
    java.util.Deque<String> open = new java.util.ArrayDeque<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<(/?)([a-z0-9]+)[^>]*>")
        .matcher(html);
    while (m.find()) {
      if (m.group(2).equals("hr")) {
        continue;
      }
      if (m.group(1).isEmpty()) {
        open.push(m.group(2));
      } else {
        assertThat(open).as("closing </%s> in %s", m.group(2), html).isNotEmpty();
        assertThat(open.pop()).as("closing </%s> in %s", m.group(2), html)
            .isEqualTo(m.group(2));
      }
    }
    assertThat(open).as("unclosed tags in %s", html).isEmpty();
  }

  @Property(tries = 1000)
  void theReadmeRendererEmitsOnlyItsOwnMarkupForAnyInput(@ForAll("markdown") String md) {
    String html = Markdown.render(md);
    assertSafeReadme(html);
    // Every '<' of the input is shown escaped, or dropped with an unsafe link's target or a
    // code fence's info string, or opens an autolink (<https://…>, <mailto:…>): one an anchor.
    long inputAngles = md.chars().filter(c -> c == '<').count();
    long shown = html.split("&lt;", -1).length - 1L;
    long anchors = html.split("<a href=", -1).length - 1L;
    assertThat(shown).isLessThanOrEqualTo(inputAngles);
    if (!md.contains("](") && !md.contains("```") && !md.contains("~~~")) {
      assertThat(shown).as("'<' shown in %s", html).isGreaterThanOrEqualTo(inputAngles - anchors);
    }
  }

  @Example
  void anAutolinkTakesItsAngleBracketsAndNothingElse() {
    assertThat(Markdown.render("<mailto:a@b.c> <https://ok.example/x> <x:y> <javascript:x>"))
        .contains("<a href=\"mailto:a@b.c\" rel=\"noopener noreferrer nofollow\">mailto:a@b.c"
            + "</a> <a href=\"https://ok.example/x\" rel=\"noopener noreferrer nofollow\">"
            + "https://ok.example/x</a> &lt;x:y&gt; &lt;javascript:x&gt;");
  }

  @Example
  void hostileReadmesAreTextAndLinksOnlyForSafeSchemes() {
    String html = Markdown.render("""
        # Hi <script>window.__pwned=1</script>

        [click](javascript:alert(1)) [data](data:text/html,x) [rel](../../etc/passwd)
        [ok](https://ok.example/docs) <img src=x onerror="window.__pwned=2">
        <svg onload="window.__pwned=3"></svg> <!-- hidden --> ![alt text](https://x.example/i.png)
        """);
    assertSafeReadme(html);
    assertThat(html).contains("<h3>Hi &lt;script&gt;window.__pwned=1&lt;/script&gt;</h3>",
        "click data rel\n<a href=\"https://ok.example/docs\" rel=\"noopener noreferrer "
            + "nofollow\">ok</a> &lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;",
        "&lt;svg onload=&quot;window.__pwned=3&quot;&gt;&lt;/svg&gt; &lt;!-- hidden --&gt; "
            + "alt text");
    assertThat(Markdown.href("mailto:a@b.example")).isPresent();
    assertThat(Markdown.href("mailto:a@b.example?body=<x>")).isEmpty();
    assertThat(Markdown.href("MAILTO:javascript:alert(1)")).isEmpty();
    assertThat(Markdown.href("/relative")).isEmpty();
  }

  @Example
  void deeplyNestedAndRepeatedMarkupNeitherOverflowsNorExplodes() {
    for (String unit : List.of(">", "*", "_", "[", "![", "`", "*a", "**a", "_a_", "[a](", "<",
        "> - ", "    ", "# ", "***", "\\", "*a _a ", "[x]")) {
      String bomb = unit.repeat(100_000 / unit.length() + 1);
      String html = Markdown.render(bomb + "\n" + bomb);
      assertThat(html).startsWith("<div class=\"readme\">").endsWith("</div>");
      assertSafeReadme(html);
      // Bounded output: escaping multiplies a character by at most six, markup by a constant.
      assertThat(html.length()).isLessThan(Markdown.MAX_INPUT * 20);
    }
    String nested = "*".repeat(50_000) + "a" + "*".repeat(50_000);
    assertSafeReadme(Markdown.render(nested));
    assertThat(Markdown.render("***a***")).contains("<em><strong>a</strong></em>");
  }

  @Example
  void aHostileReadmeOnTheProfilePageIsText() throws Exception {
    CatalogEntry e = CatalogEntry.builder().name("evil").tag("evil/v1.0.0")
        .catalogSource("team").readme(String.join("\n", README_PAYLOADS)).build();
    web.snapshot.set(Optional.of(new CatalogLoader.Snapshot(CatalogIndex.of(List.of(e)),
        List.of(), Instant.EPOCH)));
    HttpResponse<String> r = web.get("/profiles/team/evil");
    assertThat(r.statusCode()).isEqualTo(200);
    assertHtmlHeaders(r);
    assertOnlyRendererMarkup(r.body());
    assertThat(r.body()).contains("<div class=\"readme\">")
        .doesNotContainIgnoringCase("href=\"javascript:").doesNotContain("<svg", "<img src=x");
  }
}
