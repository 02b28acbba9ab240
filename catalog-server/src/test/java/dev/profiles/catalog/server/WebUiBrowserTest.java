package dev.profiles.catalog.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.testing.junit.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real browser: headless Chromium against a running catalog server that
 * scanned real repositories over smart HTTP on loopback. Search as you type, navigation,
 * the pre-release toggle, copy buttons, keyboard navigation, and hostile profile content that
 * must not execute. Screenshots of each page go to {@code target/screenshots/}.
 */
class WebUiBrowserTest {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir static Path tmp;
  static WebUiFixture web;
  static ChromeDriver driver;

  @BeforeAll
  static void start() throws Exception {
    Prerequisites.require(WebUiFixture.browserPresent(),
        "headless Chromium is needed (Debian packages chromium and chromium-driver: "
            + WebUiFixture.CHROMIUM + ", " + WebUiFixture.CHROMEDRIVER + ")");
    web = WebUiFixture.start(tmp);
    driver = web.driver;
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (web != null) {
      web.close();
    }
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  private void open(String path) {
    driver.get(web.url(path));
    waiting().until(d -> "complete".equals(driver.executeScript("return document.readyState")));
  }

  @SuppressWarnings("unchecked")
  private List<String> resultNames() {
    // Read in one script: the results are swapped while typing, elements go stale.
    return (List<String>) driver.executeScript("return Array.from(document.querySelectorAll("
        + "'#results .result-name')).map(e => e.innerText)");
  }

  /** A full-page screenshot (beyond the viewport, through the DevTools protocol). */
  static void screenshot(ChromeDriver driver, String name) throws Exception {
    long width = (Long) driver.executeScript("return document.documentElement.clientWidth");
    long height = (Long) driver.executeScript(
        "return Math.min(document.documentElement.scrollHeight, 4000)");
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
        "format", "png", "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0,
            "width", width, "height", height, "scale", 1)));
    Files.write(SCREENSHOTS.resolve(name + ".png"),
        Base64.getDecoder().decode((String) shot.get("data")));
  }

  private void assertNothingExecuted() {
    assertThat(driver.executeScript("return window.__pwned === undefined")).isEqualTo(true);
    try {
      driver.switchTo().alert();
      throw new AssertionError("an alert is open: " + driver.switchTo().alert().getText());
    } catch (NoAlertPresentException expected) {
      // nothing from a profile ran
    }
    assertThat(driver.findElements(By.cssSelector(
        "img:not([src='/assets/favicon.svg']), svg, iframe, main script, main a[href^='javascript']"
        + ", [onerror], [onload]"))).isEmpty();
    assertThat(driver.findElements(By.tagName("script"))).hasSize(1);
  }

  @Test
  void homeListsEveryScannedProfileAndSearchFiltersAsYouType() throws Exception {
    open("/");
    assertThat(resultNames()).containsExactlyInAnyOrder("community / evil", "community / grafana",
        "platform / nginx", "platform / postgres", "platform / redis");
    assertThat(driver.findElement(By.cssSelector(".lede")).getText())
        .contains("5 profiles from 2 catalog sources");
    screenshot(driver, "home");

    WebElement q = driver.findElement(By.id("q"));
    q.sendKeys("backups");
    // No submit: the script fetches the results while typing.
    waiting().until(d -> resultNames().equals(List.of("platform / postgres")));
    assertThat(driver.getCurrentUrl()).endsWith("/?q=backups");
    assertThat(driver.findElement(By.id("results-heading")).getText())
        .isEqualTo("1 profile matching \u201cbackups\u201d");
    screenshot(driver, "search");

    q.clear();
    q.sendKeys("dashboards");
    waiting().until(d -> resultNames().equals(List.of("community / grafana")));
    q.clear();
    q.sendKeys("o");
    waiting().until(d -> resultNames().size() == 5);
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("source")))
        .selectByValue("community");
    waiting().until(d -> resultNames().equals(List.of("community / evil",
        "community / grafana")));
    assertNothingExecuted();
  }

  @Test
  void searchWorksWithoutJavaScriptThroughTheForm() {
    open("/?q=cache&source=platform");
    assertThat(resultNames()).containsExactly("platform / redis");
    assertThat(driver.findElement(By.id("q")).getAttribute("value")).isEqualTo("cache");
  }

  @Test
  void theCorePagesWorkWithJavaScriptDisabled() {
    ChromeDriver plain = WebUiFixture.browser(false);
    try {
      WebDriverWait wait = new WebDriverWait(plain, Duration.ofSeconds(15));
      plain.get(web.url("/"));
      plain.findElement(By.id("q")).sendKeys("replicas");
      plain.findElement(By.cssSelector("form.search button[type=submit]")).click();
      wait.until(ExpectedConditions.urlContains("q=replicas"));
      assertThat(plain.findElements(By.cssSelector("#results .result-name")).stream()
          .map(WebElement::getText).toList()).containsExactly("platform / postgres");

      plain.get(web.url("/profiles/platform/nginx"));
      // Without the script: no Copy buttons (they could not work), and an Apply button instead
      // of submit-on-change.
      assertThat(plain.findElement(By.cssSelector("button[data-copy='cli-code']"))
          .isDisplayed()).isFalse();
      plain.findElement(By.id("prereleases")).click();
      assertThat(plain.getCurrentUrl()).doesNotContain("prereleases");
      plain.findElement(By.cssSelector("form.toggle button[type=submit]")).click();
      wait.until(ExpectedConditions.urlContains("prereleases=true"));
      assertThat(plain.findElements(By.cssSelector("#version-list a")).stream()
          .map(WebElement::getText).toList()).containsExactly("v0.3.0-rc.1", "v0.2.0", "v0.1.0");
    } finally {
      plain.quit();
    }
  }

  @Test
  void keyboardReachesSearchAndResultsAndOpensAProfile() {
    open("/?q=nginx");
    WebElement body = driver.findElement(By.tagName("body"));
    body.click();
    Actions keys = new Actions(driver);
    String active = "";
    for (int i = 0; i < 12 && !active.equals("q"); i++) {
      keys.sendKeys(Keys.TAB).perform();
      active = (String) driver.executeScript("return document.activeElement.id");
    }
    assertThat(active).as("Tab reaches the search box").isEqualTo("q");
    // Then the source filter, the button, and the first result.
    keys.sendKeys(Keys.TAB).sendKeys(Keys.TAB).sendKeys(Keys.TAB).perform();
    assertThat(driver.executeScript("return document.activeElement.className"))
        .isEqualTo("result");
    String outline = (String) driver.executeScript(
        "return getComputedStyle(document.activeElement).outlineStyle");
    assertThat(outline).as("a visible focus style").isEqualTo("solid");
    keys.sendKeys(Keys.ENTER).perform();
    waiting().until(ExpectedConditions.urlContains("/profiles/platform/nginx"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("nginx");
  }

  @Test
  void profilePageTogglesPreReleasesAndShowsUpdatesAndFacts() throws Exception {
    open("/");
    driver.findElement(By.cssSelector("a.result[href='/profiles/platform/nginx']")).click();
    waiting().until(ExpectedConditions.urlContains("/profiles/platform/nginx"));
    assertThat(driver.findElement(By.cssSelector(".profile-head .badge")).getText())
        .isEqualTo("v0.2.0");
    assertThat(driver.findElement(By.cssSelector(".facts")).getText())
        .contains("platform", "Platform team", "Kubernetes 1.28+", "cert-manager",
            "nginx/v0.2.0", web.git.url("platform.git"));
    assertThat(versions()).containsExactly("v0.2.0", "v0.1.0");
    assertThat(driver.findElement(By.id("updates")).findElement(By.xpath(".."))
        .getText()).contains("v0.2.0 is the newest release.");
    assertThat(driver.findElement(By.cssSelector("table.artifacts")).getText())
        .contains("controller", "chart", "ingress-nginx", "4.10.1",
            "https://kubernetes.github.io/ingress-nginx", "dashboards", "local chart",
            "charts/dashboards", "main", "kustomize");
    WebElement readme = driver.findElement(By.cssSelector(".readme"));
    assertThat(readme.findElement(By.tagName("h3")).getText())
        .isEqualTo("NGINX ingress controller");
    assertThat(readme.findElements(By.tagName("a")).stream()
        .map(a -> a.getDomAttribute("href")).toList()).containsExactly(
            "https://kubernetes.github.io/ingress-nginx/", "https://cert-manager.io/",
            "mailto:platform@example.com");
    assertThat(readme.findElement(By.tagName("pre")).getText()).contains("replicaCount: 3");
    assertThat(readme.getText()).contains("the changelog in the repository");
    screenshot(driver, "profile");

    driver.findElement(By.id("prereleases")).click();
    waiting().until(ExpectedConditions.urlContains("prereleases=true"));
    assertThat(versions()).containsExactly("v0.3.0-rc.1", "v0.2.0", "v0.1.0");
    assertThat(driver.findElement(By.id("prereleases")).isSelected()).isTrue();
    driver.findElement(By.linkText("v0.1.0")).click();
    waiting().until(ExpectedConditions.urlContains("version=v0.1.0"));
    assertThat(driver.findElement(By.cssSelector(".chips")).getText())
        .contains("v0.3.0-rc.1", "v0.2.0");
    screenshot(driver, "profile-prereleases");

    driver.findElement(By.id("prereleases")).click();
    waiting().until(d -> !d.getCurrentUrl().contains("prereleases=true"));
    assertThat(versions()).containsExactly("v0.2.0", "v0.1.0");
    assertThat(driver.findElement(By.cssSelector(".chips")).getText()).doesNotContain("rc");
  }

  private List<String> versions() {
    return driver.findElements(By.cssSelector("#version-list a")).stream()
        .map(WebElement::getText).toList();
  }

  @Test
  void copyButtonsPutTheInstallCommandsOnTheClipboard() {
    open("/profiles/platform/postgres");
    driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", web.url(""),
        "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    String cli = driver.findElement(By.id("cli-code")).getText();
    assertThat(cli).isEqualTo("profiles add platform/postgres/v1.4.2 --name postgres "
        + "--catalog-url " + web.url("") + " --allow-http");
    WebElement copy = driver.findElement(By.cssSelector("button[data-copy='cli-code']"));
    assertThat(copy.isDisplayed()).isTrue();
    copy.click();
    waiting().until(d -> "true".equals(copy.getAttribute("data-copied")));
    Object clipboard = driver.executeAsyncScript(
        "var done = arguments[0]; navigator.clipboard.readText().then(done, e => done('ERR ' + e));");
    assertThat(clipboard).isEqualTo(cli);

    driver.findElement(By.cssSelector("button[data-copy='java-code']")).click();
    Object java = driver.executeAsyncScript(
        "var done = arguments[0]; navigator.clipboard.readText().then(done, e => done('ERR ' + e));");
    assertThat((String) java).contains("catalog.version(\"platform\", \"postgres\", \"v1.4.2\")",
        ".baseUrl(URI.create(\"" + web.url("") + "\"))");
  }

  @Test
  void hostileProfileContentIsShownAsTextAndNeverExecutes() throws Exception {
    open("/?q=observability");
    assertThat(resultNames()).containsExactly("community / evil");
    assertNothingExecuted();
    assertThat(driver.findElement(By.cssSelector(".result-desc")).getDomProperty("textContent"))
        .isEqualTo("Observability stack " + WebUiFixture.HOSTILE);
    open("/profiles/community/evil");
    assertNothingExecuted();
    assertThat(driver.findElement(By.cssSelector(".lede")).getText())
        .isEqualTo("Observability stack " + WebUiFixture.HOSTILE);
    assertThat(driver.findElement(By.cssSelector(".facts")).getText())
        .contains("<img src=x onerror=\"window.__pwned=5\">", WebUiFixture.HOSTILE);
    WebElement readme = driver.findElement(By.cssSelector(".readme"));
    assertThat(readme.getText()).contains("Evil <script>window.__pwned=6</script>",
        "click me data <img src=x onerror=\"window.__pwned=8\">",
        "<!-- <script>window.__pwned=10</script> -->");
    // Nothing in the README became an element: only the renderer's own tags are in it.
    assertThat(driver.executeScript("return Array.from(arguments[0].querySelectorAll('*'))"
        + ".map(e => e.tagName.toLowerCase()).filter(t => !['h3','p','em','strong']"
        + ".includes(t))", readme)).isEqualTo(List.of());
    assertThat(readme.findElements(By.tagName("a"))).isEmpty();
    assertNothingExecuted();
    screenshot(driver, "hostile");
  }

  @Test
  void sourcesPageShowsEachSourceWithItsScanStatusAndProblems() throws Exception {
    open("/");
    driver.findElement(By.linkText("Sources")).click();
    waiting().until(ExpectedConditions.urlContains("/sources"));
    List<WebElement> cards = driver.findElements(By.cssSelector("section.source"));
    assertThat(cards).hasSize(2);
    String community = cards.stream().filter(c -> c.getText().startsWith("community"))
        .findFirst().orElseThrow().getText();
    assertThat(community).contains("Problems", "community.yaml", web.git.url("community.git"),
        "Scanned", web.git.url("missing.git"), "Failed");
    String platform = cards.stream().filter(c -> c.getText().startsWith("platform"))
        .findFirst().orElseThrow().getText();
    assertThat(platform).contains("Healthy", "5 entries", "Scanned");
    screenshot(driver, "sources");
  }
}
