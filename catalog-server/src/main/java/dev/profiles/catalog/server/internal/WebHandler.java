package dev.profiles.catalog.server.internal;

import static dev.profiles.catalog.server.internal.Html.linkOrText;
import static dev.profiles.catalog.server.internal.Html.text;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.profiles.catalog.server.RepositoryStatus;
import dev.profiles.catalog.server.SourceStatus;
import dev.profiles.core.catalog.CatalogIndex;
import dev.profiles.core.catalog.PreReleases;
import dev.profiles.core.catalog.SkippedTag;
import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.KustomizeArtifact;
import dev.profiles.core.model.LocalChartArtifact;
import dev.profiles.core.model.NestedProfileArtifact;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.model.RemoteChartArtifact;
import dev.profiles.core.rules.SafeUrls;
import dev.profiles.core.version.Version;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The catalog's web UI at {@code /}, {@code /profiles/{catalog}/{profile}}, {@code /sources}
 * and {@code /assets/*}; every other path goes to the {@link ApiHandler} unchanged, so the file
 * server and the controller mount this one handler at {@code /} and keep the API as it was.
 *
 * <p>Pages are rendered on the server and work without JavaScript; {@code app.js} only adds
 * search as you type, the pre-release toggle without a button, and copy buttons. Everything
 * from a catalog is escaped ({@link Html}); every HTML answer carries a strict
 * Content-Security-Policy, so even a missed escape could not run a script.
 */
public final class WebHandler implements HttpHandler {
  /** Sent with every HTML answer: only the jar's own script and style, no inline code. */
  public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";
  /** Result rows rendered at most on the search page. */
  static final int MAX_RESULTS = 500;
  private static final int MAX_QUERY = 200;
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?"
      + "|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC);

  private static final String LAYOUT = new String(Html.resource("layout.html"),
      StandardCharsets.UTF_8);
  private static final Map<String, Asset> ASSETS = Map.of(
      "/assets/app.css", new Asset("text/css; charset=utf-8", Html.resource("app.css")),
      "/assets/app.js", new Asset("text/javascript; charset=utf-8", Html.resource("app.js")),
      "/assets/favicon.svg", new Asset("image/svg+xml", Html.resource("favicon.svg")));

  private final Supplier<Optional<CatalogLoader.Snapshot>> snapshot;
  private final ApiHandler api;

  /** {@code snapshot} is empty until the first refresh has finished (as for the API). */
  public WebHandler(Supplier<Optional<CatalogLoader.Snapshot>> snapshot) {
    this.snapshot = snapshot;
    this.api = new ApiHandler(snapshot);
  }

  private record Asset(String type, byte[] body) {}

  private record Page(int status, String title, String nav, String main) {}

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    if (path == null || !isUi(path)) {
      api.handle(exchange);
      return;
    }
    try (exchange) {
      String method = exchange.getRequestMethod();
      boolean head = method.equals("HEAD");
      Asset asset = ASSETS.get(path);
      if (asset != null && (head || method.equals("GET"))) {
        var h = exchange.getResponseHeaders();
        h.set("Content-Type", asset.type());
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Cache-Control", "public, max-age=300");
        send(exchange, 200, asset.body(), head);
        return;
      }
      Page page;
      try {
        page = page(exchange, method, path);
      } catch (RuntimeException | StackOverflowError e) {
        page = message(500, "Internal error", "The page could not be rendered ("
            + e.getClass().getSimpleName() + ").");
      }
      var h = exchange.getResponseHeaders();
      h.set("Content-Type", "text/html; charset=utf-8");
      h.set("Content-Security-Policy", CSP);
      h.set("X-Content-Type-Options", "nosniff");
      h.set("Referrer-Policy", "no-referrer");
      h.set("X-Frame-Options", "DENY");
      h.set("Cache-Control", "no-cache");
      String html = Html.fill(LAYOUT, Map.of("title", text(page.title()),
          "main", page.main(),
          "nav-home", page.nav().equals("home") ? " aria-current=\"page\"" : "",
          "nav-sources", page.nav().equals("sources") ? " aria-current=\"page\"" : "",
          "refreshed", snapshot.get().map(s -> "Catalog refreshed "
              + TIME.format(s.refreshedAt().truncatedTo(ChronoUnit.SECONDS))).orElse(
                  "Catalog loading")));
      send(exchange, page.status(), html.getBytes(StandardCharsets.UTF_8), head);
    }
  }

  private static boolean isUi(String path) {
    return path.equals("/") || path.equals("/sources") || path.startsWith("/profiles/")
        || path.startsWith("/assets/");
  }

  private static void send(HttpExchange exchange, int status, byte[] body, boolean head)
      throws IOException {
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private Page page(HttpExchange exchange, String method, String path) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      return message(405, "Method not allowed", "Only GET is answered here.");
    }
    if (exchange.getRequestURI().toString().length() > ApiHandler.MAX_URI_LENGTH) {
      return message(414, "Request too long", "The address is longer than "
          + ApiHandler.MAX_URI_LENGTH + " characters.");
    }
    Optional<CatalogLoader.Snapshot> loaded = snapshot.get();
    if (loaded.isEmpty()) {
      exchange.getResponseHeaders().set("Retry-After", "2");
      return message(503, "Catalog loading",
          "The catalog is being scanned for the first time; reload in a moment.");
    }
    String query = exchange.getRequestURI().getRawQuery();
    if (path.equals("/")) {
      return home(loaded.get(), query);
    }
    if (path.equals("/sources")) {
      return sources(loaded.get());
    }
    if (path.startsWith("/profiles/")) {
      List<String> segments = ApiHandler.segments(path.substring("/profiles/".length()));
      if (segments.size() == 2 && !segments.get(0).isEmpty() && !segments.get(1).isEmpty()) {
        return profile(loaded.get().index(), segments.get(0), segments.get(1), query,
            origin(exchange));
      }
    }
    return message(404, "Not found", "There is no page at this address.");
  }

  // --- search --------------------------------------------------------------------------------

  private static Page home(CatalogLoader.Snapshot snap, String query) {
    String q = bounded(ApiHandler.parameter(query, "q").orElse("").strip());
    String source = bounded(ApiHandler.parameter(query, "source").orElse(""));
    CatalogIndex index = snap.index();
    Set<String> sourceNames = new TreeSet<>();
    snap.sources().forEach(s -> s.name().ifPresent(sourceNames::add));
    index.entries().forEach(e -> e.catalogSource().ifPresent(sourceNames::add));

    List<CatalogEntry> hits = search(index, q, source);
    StringBuilder m = new StringBuilder();
    m.append("<div class=\"hero\"><h1>Profiles</h1><p class=\"lede\">")
        .append(count(distinctProfiles(index), "profile")).append(" from ")
        .append(count(sourceNames.size(), "catalog source")).append(". Search by name or ")
        .append("description, then open a profile to install it.</p></div>\n");
    m.append("<form class=\"search\" role=\"search\" method=\"get\" action=\"/\" "
        + "data-live-search>\n<div class=\"field grow\"><label for=\"q\">Search profiles</label>"
        + "<input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\" "
        + "maxlength=\"" + MAX_QUERY + "\" placeholder=\"e.g. nginx, ingress, database\" "
        + "value=\"").append(text(q)).append("\"></div>\n<div class=\"field\">"
        + "<label for=\"source\">Catalog source</label><select id=\"source\" name=\"source\">"
        + "<option value=\"\">All sources</option>");
    for (String s : sourceNames) {
      m.append("<option value=\"").append(text(s)).append('"')
          .append(s.equals(source) ? " selected" : "").append('>').append(text(s))
          .append("</option>");
    }
    m.append("</select></div>\n<button type=\"submit\" class=\"button\">Search</button>"
        + "</form>\n");
    m.append("<section id=\"results\" aria-labelledby=\"results-heading\" aria-live=\"polite\">")
        .append(results(hits, q, source)).append("</section>\n");
    return new Page(200, q.isEmpty() ? "Profiles" : "Search: " + q, "home", m.toString());
  }

  private static String results(List<CatalogEntry> hits, String q, String source) {
    StringBuilder m = new StringBuilder();
    m.append("<h2 id=\"results-heading\" class=\"count\">");
    if (q.isEmpty() && source.isEmpty()) {
      m.append("All profiles");
    } else {
      m.append(count(hits.size(), "profile")).append(" matching");
      if (!q.isEmpty()) {
        m.append(" \u201c").append(text(q)).append('\u201d');
      }
      if (!source.isEmpty()) {
        m.append(" in ").append(text(source));
      }
    }
    m.append("</h2>\n");
    if (hits.isEmpty()) {
      m.append("<p class=\"empty\">No profile matches. Try a shorter search or another "
          + "source.</p>");
      return m.toString();
    }
    m.append("<ul class=\"results\">\n");
    for (CatalogEntry e : hits.subList(0, Math.min(hits.size(), MAX_RESULTS))) {
      String catalog = e.catalogSource().orElse("");
      m.append("<li><a class=\"result\" href=\"").append(profileHref(catalog, e.name(), null,
          false)).append("\"><span class=\"result-head\"><span class=\"result-name\">")
          .append("<span class=\"muted\">").append(text(catalog)).append(" / </span>")
          .append(text(e.name())).append("</span><span class=\"badge\">")
          .append(text(versionText(e))).append("</span></span><span class=\"result-desc\">")
          .append(text(e.description().orElse("No description."))).append("</span>");
      e.maintainer().ifPresent(mt -> m.append("<span class=\"result-meta\">Maintained by ")
          .append(text(mt)).append("</span>"));
      m.append("</a></li>\n");
    }
    m.append("</ul>\n");
    if (hits.size() > MAX_RESULTS) {
      m.append("<p class=\"empty\">Showing the first ").append(MAX_RESULTS).append(" of ")
          .append(hits.size()).append("; refine the search to see the rest.</p>");
    }
    return m.toString();
  }

  /**
   * The latest entry of every profile whose name or description contains every word of {@code
   * q} (case-insensitive), from {@code source} when it is not empty, in the index's order.
   */
  static List<CatalogEntry> search(CatalogIndex index, String q, String source) {
    String[] words = q.toLowerCase(Locale.ROOT).split("\\s+");
    List<CatalogEntry> out = new ArrayList<>();
    Set<List<String>> seen = new LinkedHashSet<>();
    for (CatalogEntry e : index.entries()) {
      String catalog = e.catalogSource().orElse("");
      if (!source.isEmpty() && !catalog.equals(source) || !seen.add(List.of(catalog, e.name()))) {
        continue;
      }
      CatalogEntry latest = index.latest(catalog, e.name()).orElse(e);
      String hay = (latest.name() + "\n" + latest.description().orElse(""))
          .toLowerCase(Locale.ROOT);
      boolean all = true;
      for (String w : words) {
        all &= hay.contains(w);
      }
      if (all) {
        out.add(latest);
      }
    }
    return out;
  }

  private static int distinctProfiles(CatalogIndex index) {
    Set<List<String>> keys = new LinkedHashSet<>();
    index.entries().forEach(e -> keys.add(List.of(e.catalogSource().orElse(""), e.name())));
    return keys.size();
  }

  // --- profile -------------------------------------------------------------------------------

  private static Page profile(CatalogIndex index, String catalog, String name, String query,
      String origin) {
    List<CatalogEntry> versions = index.versions(catalog, name);
    if (versions.isEmpty()) {
      return message(404, "Profile not found", "The catalog has no profile " + catalog + "/"
          + name + ".");
    }
    boolean pre = ApiHandler.parameter(query, "prereleases").filter("true"::equals).isPresent();
    Optional<String> asked = ApiHandler.parameter(query, "version").map(WebHandler::bounded);
    CatalogEntry entry;
    if (asked.isPresent() && !asked.get().isEmpty()) {
      Optional<CatalogEntry> found = Version.tryParse(asked.get())
          .flatMap(v -> index.version(catalog, name, v));
      if (found.isEmpty()) {
        return message(404, "Version not found", "The catalog has no version " + asked.get()
            + " of " + catalog + "/" + name + ".");
      }
      entry = found.get();
    } else {
      entry = index.latest(catalog, name).orElseThrow();
    }
    Version current = entry.versionTag().orElseThrow().version();
    String version = current.toString();

    StringBuilder m = new StringBuilder();
    m.append("<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><ol><li><a href=\"/\">Profiles"
        + "</a></li><li><a href=\"/?source=").append(text(Html.query(catalog))).append("\">")
        .append(text(catalog)).append("</a></li><li aria-current=\"page\">").append(text(name))
        .append("</li></ol></nav>\n");
    m.append("<div class=\"profile-head\"><h1>").append(text(name)).append("</h1>")
        .append("<span class=\"badge big\">").append(text(version)).append("</span>");
    if (current.isPreRelease()) {
      m.append("<span class=\"badge warn\">pre-release</span>");
    }
    m.append("</div>\n<p class=\"lede\">").append(text(entry.description()
        .orElse("No description."))).append("</p>\n");

    m.append("<div class=\"columns\"><div class=\"col-main\">\n");
    m.append("<section aria-labelledby=\"about\" class=\"card\"><h2 id=\"about\">About</h2>"
        + "<dl class=\"facts\">");
    fact(m, "Catalog source", text(catalog));
    fact(m, "Maintainer", text(entry.maintainer().orElse("\u2014")));
    fact(m, "Repository", entry.url().map(Html::linkOrText).orElse("\u2014"));
    fact(m, "Tag", "<code>" + text(entry.tag().orElse("")) + "</code>");
    StringBuilder prereq = new StringBuilder();
    if (entry.prerequisites().isEmpty()) {
      prereq.append("None listed");
    } else {
      prereq.append("<ul class=\"plain\">");
      entry.prerequisites().forEach(p -> prereq.append("<li>").append(text(p)).append("</li>"));
      prereq.append("</ul>");
    }
    m.append("<div class=\"wide\"><dt>Prerequisites</dt><dd>").append(prereq)
        .append("</dd></div>");
    m.append("</dl></section>\n");
    artifacts(m, entry);

    m.append("<section aria-labelledby=\"install\" class=\"card\"><h2 id=\"install\">Install"
        + "</h2>");
    String cli = "profiles add " + Html.shellWord(catalog + "/" + name + "/" + version)
        + " --name " + Html.shellWord(name) + " --catalog-url " + Html.shellWord(origin)
        // Plain http is opt-in in the CLI, for the catalog and the profile's repository alike.
        + (origin.startsWith("http://")
            || entry.url().filter(u -> u.startsWith("http://")).isPresent()
            ? " --allow-http" : "");
    String java = "CatalogClient catalog = CatalogClient.builder()\n"
        + "    .baseUrl(URI.create(" + Html.javaString(origin) + "))\n    .build();\n"
        + "CatalogEntry entry = catalog.version(" + Html.javaString(catalog) + ", "
        + Html.javaString(name) + ", " + Html.javaString(version) + ");\n"
        + "profiles.install(repo).author(bot).fromCatalog(entry)\n"
        + "    .name(" + Html.javaString(name) + ").call();";
    snippet(m, "cli", "With the CLI", cli);
    snippet(m, "java", "With the Java SDK", java);
    m.append("<p class=\"hint\">Run from your GitOps repository; the CLI writes the "
        + "installation and commits it. See <code>profiles add --help</code>.</p>");
    m.append("</section>\n");

    List<CatalogEntry> updates = index.availableUpdates(catalog, name, current,
        pre ? PreReleases.INCLUDE : PreReleases.EXCLUDE);
    m.append("<section aria-labelledby=\"updates\" class=\"card\"><h2 id=\"updates\">"
        + "Available updates</h2>");
    if (updates.isEmpty()) {
      m.append("<p class=\"empty\">").append(text(version)).append(" is the newest")
          .append(pre ? "" : " release").append(".</p>");
    } else {
      m.append("<p>Newer than ").append(text(version)).append(":</p><ul class=\"chips\">");
      for (CatalogEntry u : updates) {
        m.append("<li><a class=\"chip\" href=\"")
            .append(profileHref(catalog, name, versionText(u), pre)).append("\">")
            .append(text(versionText(u))).append("</a></li>");
      }
      m.append("</ul>");
    }
    m.append("</section>\n");
    m.append("<section aria-labelledby=\"readme\" class=\"card\"><h2 id=\"readme\">README"
        + "</h2>");
    m.append(entry.readme().map(Markdown::render).orElse("<p class=\"empty\">This version "
        + "has no README next to its profile.yaml.</p>"));
    m.append("</section>\n</div>\n");

    long hidden = versions.stream()
        .filter(v -> versionOf(v).isPreRelease() && v != entry).count();
    m.append("<aside class=\"col-side\" aria-labelledby=\"versions\"><section class=\"card\">"
        + "<h2 id=\"versions\">Versions</h2><form class=\"toggle\" method=\"get\" action=\"")
        .append(profileHref(catalog, name, null, false)).append("\">");
    if (asked.isPresent()) {
      m.append("<input type=\"hidden\" name=\"version\" value=\"").append(text(version))
          .append("\">");
    }
    m.append("<label class=\"check\"><input type=\"checkbox\" id=\"prereleases\" "
        + "name=\"prereleases\" value=\"true\" data-autosubmit").append(pre ? " checked" : "")
        .append("> Show pre-releases</label><button type=\"submit\" class=\"button small "
            + "js-hide\">Apply</button></form>\n<ol class=\"versions\" id=\"version-list\">");
    for (CatalogEntry v : versions) {
      Version vv = versionOf(v);
      if (vv.isPreRelease() && !pre && v != entry) {
        continue;
      }
      m.append("<li><a href=\"").append(profileHref(catalog, name, versionText(v), pre))
          .append('"').append(v == entry ? " aria-current=\"page\"" : "").append('>')
          .append(text(versionText(v))).append("</a>")
          .append(vv.isPreRelease() ? "<span class=\"badge warn small\">pre</span>" : "")
          .append(v == index.latest(catalog, name).orElse(null)
              ? "<span class=\"badge ok small\">latest</span>" : "")
          .append("</li>");
    }
    m.append("</ol>");
    if (!pre && hidden > 0) {
      m.append("<p class=\"hint\">").append(count((int) hidden, "pre-release"))
          .append(" hidden.</p>");
    }
    m.append("</section></aside></div>\n");
    return new Page(200, catalog + "/" + name + " " + version, "home", m.toString());
  }

  /** The artifacts card: each artifact's name, kind and what it deploys. */
  private static void artifacts(StringBuilder m, CatalogEntry entry) {
    m.append("<section aria-labelledby=\"artifacts\" class=\"card\"><h2 id=\"artifacts\">"
        + "Artifacts</h2>");
    if (entry.artifacts().isEmpty()) {
      m.append("<p class=\"empty\">The catalog lists no artifacts for this version.</p>"
          + "</section>\n");
      return;
    }
    m.append("<div class=\"table-wrap\"><table class=\"artifacts\"><caption class=\"sr-only\">"
        + "Artifacts of this version</caption><thead><tr><th scope=\"col\">Name</th>"
        + "<th scope=\"col\">Kind</th><th scope=\"col\">Deploys</th></tr></thead><tbody>");
    for (Artifact a : entry.artifacts()) {
      String deploys = a.accept(new Artifact.Visitor<String>() {
        @Override
        public String remoteChart(RemoteChartArtifact c) {
          return "<code>" + text(c.chartName()) + "</code> <span class=\"badge small\">"
              + text(c.chartVersion()) + "</span> from " + linkOrText(SafeUrls.redact(c.url()));
        }

        @Override
        public String localChart(LocalChartArtifact c) {
          return "the chart in <code>" + text(c.path()) + "</code>";
        }

        @Override
        public String kustomize(KustomizeArtifact k) {
          return "the kustomization in <code>" + text(k.path()) + "</code>";
        }

        @Override
        public String profile(NestedProfileArtifact p) {
          ProfileSource src = p.source();
          String at = src.tag().or(src::branch).map(r -> " at <code>" + text(r) + "</code>")
              .orElse("");
          return "the profile from " + linkOrText(SafeUrls.redact(src.url())) + at
              + src.path().map(x -> " in <code>" + text(x) + "</code>").orElse("");
        }
      });
      m.append("<tr><td><code>").append(text(a.name())).append("</code></td><td>")
          .append("<span class=\"kind kind-").append(kindClass(a.kind())).append("\">")
          .append(kindName(a.kind())).append("</span></td><td>").append(deploys)
          .append("</td></tr>");
    }
    m.append("</tbody></table></div></section>\n");
  }

  /** The kind as profile.yaml spells it: {@code chart} (remote or local), kustomize, profile. */
  static String kindName(Artifact.Kind kind) {
    return switch (kind) {
      case REMOTE_CHART -> "chart";
      case LOCAL_CHART -> "local chart";
      case KUSTOMIZE -> "kustomize";
      case PROFILE -> "profile";
    };
  }

  private static String kindClass(Artifact.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static void fact(StringBuilder m, String term, String html) {
    m.append("<div><dt>").append(term).append("</dt><dd>").append(html).append("</dd></div>");
  }

  private static void snippet(StringBuilder m, String id, String label, String code) {
    m.append("<div class=\"snippet\"><div class=\"snippet-head\"><h3 id=\"").append(id)
        .append("-label\">").append(label).append("</h3><button type=\"button\" "
            + "class=\"button small copy\" data-copy=\"").append(id).append("-code\" "
            + "aria-describedby=\"").append(id).append("-label\" hidden>Copy</button></div>")
        .append("<pre tabindex=\"0\" aria-labelledby=\"").append(id).append("-label\"><code id=\"")
        .append(id).append("-code\">").append(text(code)).append("</code></pre></div>");
  }

  // --- sources -------------------------------------------------------------------------------

  private static Page sources(CatalogLoader.Snapshot snap) {
    List<SourceStatus> all = snap.sources();
    long healthy = all.stream().filter(SourceStatus::healthy).count();
    StringBuilder m = new StringBuilder();
    m.append("<div class=\"hero\"><h1>Catalog sources</h1><p class=\"lede\">")
        .append(count(all.size(), "source")).append(", ").append(healthy)
        .append(" healthy; ").append(count(snap.index().size(), "version"))
        .append(" served. Last scan ").append(TIME.format(snap.refreshedAt()
            .truncatedTo(ChronoUnit.SECONDS))).append(".</p></div>\n");
    if (all.isEmpty()) {
      m.append("<p class=\"empty\">No ProfileCatalogSource is configured.</p>");
    }
    for (SourceStatus s : all) {
      String title = s.name().orElse(s.file());
      m.append("<section class=\"card source\" aria-label=\"Source ").append(text(title))
          .append("\"><div class=\"source-head\"><h2>").append(text(title)).append("</h2>")
          .append(s.healthy() ? "<span class=\"badge ok\">Healthy</span>"
              : "<span class=\"badge bad\">Problems</span>").append("</div>")
          .append("<p class=\"muted\">File <code>").append(text(s.file())).append("</code> \u00b7 ")
          .append(count(s.entries(), "entry")).append("</p>");
      if (!s.problems().isEmpty()) {
        m.append("<h3>Problems</h3><ul class=\"problems\">");
        s.problems().forEach(p -> m.append("<li>").append(text(p)).append("</li>"));
        m.append("</ul>");
      }
      if (!s.repositories().isEmpty()) {
        m.append("<div class=\"table-wrap\"><table><caption class=\"sr-only\">Repositories of ")
            .append(text(title)).append("</caption><thead><tr><th scope=\"col\">Repository</th>"
                + "<th scope=\"col\">Entries</th><th scope=\"col\">Status</th></tr></thead>"
                + "<tbody>");
        for (RepositoryStatus r : s.repositories()) {
          m.append("<tr><td>").append(linkOrText(r.url())).append("</td><td>")
              .append(r.entries()).append("</td><td>");
          m.append(r.error().map(err -> "<span class=\"badge bad\">Failed</span> "
              + text(err)).orElse("<span class=\"badge ok\">Scanned</span>"));
          if (!r.skipped().isEmpty()) {
            m.append("<details><summary>").append(count(r.skipped().size(), "skipped tag"))
                .append("</summary><ul class=\"plain\">");
            for (SkippedTag t : r.skipped()) {
              m.append("<li><code>").append(text(t.tag())).append("</code>: ")
                  .append(text(t.reason())).append("</li>");
            }
            m.append("</ul></details>");
          }
          m.append("</td></tr>");
        }
        m.append("</tbody></table></div>");
      }
      m.append("</section>\n");
    }
    return new Page(200, "Sources", "sources", m.toString());
  }

  // --- helpers -------------------------------------------------------------------------------

  private static Page message(int status, String title, String body) {
    return new Page(status, title, "", "<div class=\"hero\"><h1>" + text(title)
        + "</h1><p class=\"lede\">" + text(body) + "</p><p><a class=\"button\" href=\"/\">"
        + "Back to all profiles</a></p></div>");
  }

  private static String profileHref(String catalog, String name, String version, boolean pre) {
    StringBuilder href = new StringBuilder("/profiles/").append(Html.segment(catalog))
        .append('/').append(Html.segment(name));
    String sep = "?";
    if (version != null) {
      href.append(sep).append("version=").append(Html.query(version));
      sep = "&";
    }
    if (pre) {
      href.append(sep).append("prereleases=true");
    }
    return text(href.toString());
  }

  private static Version versionOf(CatalogEntry e) {
    return e.versionTag().orElseThrow().version();
  }

  private static String versionText(CatalogEntry e) {
    return e.versionTag().map(t -> t.version().toString()).orElse(e.tag().orElse("?"));
  }

  private static String count(int n, String noun) {
    String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies"
        : noun + "s";
    return n + " " + (n == 1 ? noun : plural);
  }

  private static String bounded(String s) {
    return s.length() > MAX_QUERY ? s.substring(0, MAX_QUERY) : s;
  }

  /** The origin the browser used, for the install snippets; a placeholder when it looks odd. */
  private static String origin(HttpExchange exchange) {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null || !HOST.matcher(host).matches()) {
      return "http://CATALOG-HOST";
    }
    String proto = exchange.getRequestHeaders().getFirst("X-Forwarded-Proto");
    return ("https".equals(proto) ? "https://" : "http://") + host;
  }
}
