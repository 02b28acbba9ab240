package dev.profiles.catalog.server.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.profiles.core.catalog.CatalogIndex;
import dev.profiles.core.catalog.PreReleases;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.version.Version;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The catalog API (spec §6) plus {@code GET /v1/status}. Every answer is JSON; every error is
 * {@code {"code":N,"message":"..."}}.
 */
public final class ApiHandler implements HttpHandler {
  /** The longest request URI (path and query) answered; longer ones get 414. */
  public static final int MAX_URI_LENGTH = 8192;

  private static final String PROFILES = "/v1/profiles";
  private static final String UPDATES = "available_updates";

  private final Supplier<Optional<CatalogLoader.Snapshot>> snapshot;

  /** {@code snapshot} is empty until the first refresh has finished. */
  public ApiHandler(Supplier<Optional<CatalogLoader.Snapshot>> snapshot) {
    this.snapshot = snapshot;
  }

  private record Answer(int status, byte[] body) {
    static Answer error(int status, String message) {
      return new Answer(status, JsonBodies.error(status, message));
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Answer answer;
      try {
        answer = answer(exchange);
      } catch (RuntimeException | StackOverflowError e) {
        answer = Answer.error(500, "internal error: " + e.getClass().getSimpleName());
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(answer.status(), head ? -1 : answer.body().length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer.body());
        }
      }
    }
  }

  private Answer answer(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      return Answer.error(405, "method " + method + " is not allowed; use GET");
    }
    String raw = exchange.getRequestURI().toString();
    if (raw.length() > MAX_URI_LENGTH) {
      // Not echoed: it is long, and it is the caller's.
      return Answer.error(414, "the request URI is longer than " + MAX_URI_LENGTH
          + " characters");
    }
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    if (path == null) {
      return Answer.error(400, "the request has no path");
    }
    if (!path.equals("/v1/status") && !path.equals(PROFILES) && !path.startsWith(PROFILES + "/")) {
      return Answer.error(404, "no such endpoint: " + path);
    }
    Optional<CatalogLoader.Snapshot> loaded = snapshot.get();
    if (loaded.isEmpty()) {
      return Answer.error(503, "the catalog is loading; try again shortly");
    }
    if (path.equals("/v1/status")) {
      return new Answer(200, JsonBodies.status(loaded.get()));
    }
    CatalogIndex index = loaded.get().index();
    if (path.equals(PROFILES)) {
      return new Answer(200, JsonBodies.items(index.search(parameter(query, "name").orElse(""))));
    }
    List<String> segments = segments(path.substring(PROFILES.length() + 1));
    if (segments.size() > 4 || segments.size() == 4 && !segments.get(3).equals(UPDATES)) {
      return Answer.error(404, "no such endpoint: " + path);
    }
    List<String> missing = new ArrayList<>();
    String[] names = {"catalog", "profile"};
    for (int i = 0; i < 2; i++) {
      if (segments.size() <= i || segments.get(i).isEmpty()) {
        missing.add(names[i]);
      }
    }
    if (segments.size() >= 3 && segments.get(2).isEmpty()) {
      missing.add("version");
    }
    if (!missing.isEmpty()) {
      return Answer.error(400, "missing parameters: " + String.join(", ", missing));
    }
    String catalog = segments.get(0);
    String profile = segments.get(1);
    if (index.versions(catalog, profile).isEmpty()) {
      return Answer.error(404, "profile " + catalog + "/" + profile + " not found");
    }
    if (segments.size() == 2) {
      return new Answer(200, JsonBodies.item(index.latest(catalog, profile).orElseThrow()));
    }
    String versionText = segments.get(2);
    Optional<CatalogEntry> entry;
    Version current;
    if (versionText.equals(CatalogIndex.LATEST)) {
      entry = index.latest(catalog, profile);
      current = entry.orElseThrow().versionTag().orElseThrow().version();
    } else {
      Optional<Version> v = Version.tryParse(versionText);
      if (v.isEmpty()) {
        return Answer.error(400, "version '" + versionText + "' is not a semantic version or '"
            + CatalogIndex.LATEST + "'");
      }
      current = v.get();
      entry = index.version(catalog, profile, current);
    }
    if (segments.size() == 4) {
      // The installed version need not be in the catalog any more: updates are still wanted.
      PreReleases pre = parameter(query, "prereleases").filter("true"::equals).isPresent()
          ? PreReleases.INCLUDE : PreReleases.EXCLUDE;
      List<CatalogEntry> updates = index.availableUpdates(catalog, profile, current, pre);
      return updates.isEmpty()
          ? Answer.error(404, "no updates for " + catalog + "/" + profile + " " + versionText)
          : new Answer(200, JsonBodies.items(updates));
    }
    return entry.map(e -> new Answer(200, JsonBodies.item(e)))
        .orElseGet(() -> Answer.error(404, "version " + versionText + " of " + catalog + "/"
            + profile + " not found"));
  }

  /** The decoded path segments of {@code rest}; shared with the web UI. */
  static List<String> segments(String rest) {
    List<String> out = new ArrayList<>();
    for (String s : rest.split("/", -1)) {
      // In a path '+' is itself (1.0.0+build.1), unlike in a query string.
      out.add(decode(s.replace("+", "%2B")));
    }
    return out;
  }

  /** The first value of query parameter {@code name}; shared with the web UI. */
  static Optional<String> parameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return Optional.empty();
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (key.equals(name)) {
        return Optional.of(eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return Optional.empty();
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      return s;
    }
  }
}
