package dev.profiles.catalog.server;

import dev.profiles.testing.junit.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The measurement harness behind docs/benchmarks.md "Web UI", not a test (its name keeps it out
 * of the default run, and it asserts nothing): page weight (HTML + CSS + JS + icon bytes, as
 * the browser received them) and time to first contentful paint of each page, in headless
 * Chromium against the same real catalog as {@link WebUiBrowserTest}. Run with
 * {@code ./mvnw -o -pl catalog-server -am test -Dtest=WebUiMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false}; results go to stdout and
 * {@code target/screenshots/web-ui-metrics.md}.
 */
class WebUiMeasurement {
  private static final int RUNS = 15;

  @TempDir Path tmp;

  @Test
  @SuppressWarnings("unchecked")
  void measure() throws Exception {
    Prerequisites.require(WebUiFixture.browserPresent(), "headless Chromium is needed");
    StringBuilder out = new StringBuilder("| page | HTML bytes | CSS+JS+icon bytes | total bytes "
        + "| FCP cold cache, median (min-max) | FCP warm cache, median |\n|---|---|---|---|---|---|\n");
    try (WebUiFixture web = WebUiFixture.start(tmp)) {
      ChromeDriver driver = web.driver;
      driver.get(web.url("/")); // first Chromium navigation is slow; not counted
      for (String page : List.of("/", "/?q=nginx", "/profiles/platform/nginx", "/sources")) {
        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        long html = 0;
        long assets = 0;
        for (int i = 0; i < RUNS; i++) {
          driver.executeCdpCommand("Network.enable", Map.of());
          driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
          driver.get("about:blank");
          driver.get(web.url(page));
          Map<String, Object> m = (Map<String, Object>) driver.executeAsyncScript("""
              var done = arguments[0];
              function read() {
                var paint = performance.getEntriesByName('first-contentful-paint')[0];
                if (!paint || document.readyState !== 'complete') { return setTimeout(read, 10); }
                var nav = performance.getEntriesByType('navigation')[0];
                var assets = performance.getEntriesByType('resource')
                    .filter(r => r.name.indexOf('/assets/') >= 0)
                    .reduce((s, r) => s + r.encodedBodySize, 0);
                done({fcp: paint.startTime, html: nav.encodedBodySize, assets: assets});
              }
              read();""");
          cold.add(((Number) m.get("fcp")).doubleValue());
          html = ((Number) m.get("html")).longValue();
          assets = Math.max(assets, ((Number) m.get("assets")).longValue());
          driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
          driver.get(web.url("/assets/app.css"));
          driver.get(web.url(page));
          Map<String, Object> w = (Map<String, Object>) driver.executeAsyncScript("""
              var done = arguments[0];
              function read() {
                var paint = performance.getEntriesByName('first-contentful-paint')[0];
                if (!paint) { return setTimeout(read, 10); }
                done({fcp: paint.startTime});
              }
              read();""");
          warm.add(((Number) w.get("fcp")).doubleValue());
        }
        Collections.sort(cold);
        Collections.sort(warm);
        out.append(String.format("| `%s` | %d | %d | %d | %.0f ms (%.0f-%.0f) | %.0f ms |%n",
            page, html, assets, html + assets, cold.get(RUNS / 2), cold.get(0),
            cold.get(RUNS - 1), warm.get(RUNS / 2)));
      }
    }
    System.out.println(out);
    Files.createDirectories(WebUiBrowserTest.SCREENSHOTS);
    Files.writeString(WebUiBrowserTest.SCREENSHOTS.resolve("web-ui-metrics.md"), out);
  }
}
