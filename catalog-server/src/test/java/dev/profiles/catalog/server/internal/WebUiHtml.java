package dev.profiles.catalog.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test support: a loopback HTTP server around a handler with a settable snapshot, and a strict
 * structural check of the HTML the web UI renders.
 */
final class WebUiHtml implements AutoCloseable {
  /** Every element the templates and renderer write; anything else came from input. */
  static final Set<String> TAGS = Set.of("html", "head", "meta", "title", "link", "script",
      "body", "a", "header", "div", "img", "span", "nav", "ul", "li", "main", "footer", "h1",
      "h2", "h3", "p", "form", "label", "input", "select", "option", "button", "section",
      "strong", "ol", "dl", "dt", "dd", "code", "pre", "aside", "table", "caption", "thead",
      "tbody", "tr", "th", "td", "details", "summary",
      // The README renderer's own.
      "em", "h4", "h5", "h6", "blockquote", "hr");
  static final Set<String> ATTRIBUTES = Set.of("lang", "charset", "name", "content", "rel",
      "href", "type", "src", "defer", "class", "alt", "width", "height", "aria-label", "id",
      "tabindex", "aria-current", "role", "method", "action", "data-live-search", "for",
      "autocomplete", "spellcheck", "maxlength", "placeholder", "value", "selected",
      "aria-labelledby", "aria-live", "checked", "data-autosubmit", "hidden", "data-copy",
      "aria-describedby", "scope");
  private static final Pattern TAG = Pattern.compile(
      "<(/?)([a-z0-9]+)((?:\\s+[a-z-]+(?:=\"[^\"<>]*\")?)*)\\s*>");
  private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)(?:=\"([^\"]*)\")?");

  final AtomicReference<Optional<CatalogLoader.Snapshot>> snapshot =
      new AtomicReference<>(Optional.empty());
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  WebUiHtml(boolean web) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    HttpHandler handler = web ? new WebHandler(snapshot::get) : new ApiHandler(snapshot::get);
    server.createContext("/", handler);
    server.start();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).build());
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /**
   * Asserts that every {@code <} in {@code html} starts a well-formed tag the renderer writes,
   * with only its attributes, no event handler, and links only to this server or to http(s).
   * Input that escaped escaping would show up as a stray {@code <}, an unknown tag or attribute.
   */
  static void assertOnlyRendererMarkup(String html) {
    String body = html.startsWith("<!doctype html>") ? html.substring(15) : html;
    int at = 0;
    Matcher m = TAG.matcher(body);
    while ((at = body.indexOf('<', at)) >= 0) {
      assertThat(m.find(at) && m.start() == at)
          .as("a '<' that does not start a renderer tag at %d: %s", at,
              body.substring(at, Math.min(body.length(), at + 80)))
          .isTrue();
      assertThat(TAGS).as("tag").contains(m.group(2));
      if (m.group(2).equals("script") && m.group(1).isEmpty()) {
        // The one script is the jar's, and it has no inline body.
        assertThat(m.group(3).strip()).isEqualTo("src=\"/assets/app.js\" defer");
        assertThat(body.startsWith("</script>", m.end())).as("inline script").isTrue();
      }
      Matcher a = ATTRIBUTE.matcher(m.group(3));
      while (a.find()) {
        String name = a.group(1);
        assertThat(ATTRIBUTES).as("attribute of <%s>", m.group(2)).contains(name);
        if ((name.equals("href") || name.equals("src") || name.equals("action"))) {
          String url = a.group(2).replace("&amp;", "&");
          assertThat(url.startsWith("/") && !url.startsWith("//") || url.matches("#[a-z-]+")
              || url.startsWith("http://") || url.startsWith("https://")
              || url.matches("mailto:[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+"))
              .as("URL %s", url).isTrue();
        }
      }
      at = m.end();
    }
  }

  /** The text of {@code html} with tags removed and the five references the renderer writes decoded. */
  static String text(String html) {
    return html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
  }

  static void assertHtmlHeaders(HttpResponse<String> r) {
    assertThat(r.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("Content-Security-Policy")).contains(WebHandler.CSP);
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
  }

  static List<String> pages() {
    return List.of("/", "/sources");
  }
}
