package dev.profiles.catalog.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.git.catalog.GitRepositoryScanner;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real catalog for the browser: profile repositories served over smart HTTP on loopback,
 * scanned by the git scanner into a running {@link CatalogServer}, and a headless Chromium
 * (Debian's {@code chromium} and {@code chromium-driver}) driven by Selenium.
 */
final class WebUiFixture implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Profile text that would run a script, load an element or navigate if it were markup. */
  static final String HOSTILE = "<script>window.__pwned=1</script>"
      + "\"><img src=x onerror=\"window.__pwned=2\"><svg onload=\"window.__pwned=3\"></svg>"
      + "<a href=\"javascript:window.__pwned=4\">click</a><iframe src=\"javascript:alert(1)\">"
      + "</iframe>{{main}}";
  /** A README that would run a script, load an element or navigate if it were rendered loosely. */
  static final String HOSTILE_README = "# Evil <script>window.__pwned=6</script>\n\n"
      + "[click me](javascript:window.__pwned=7) [data](data:text/html,<script>x</script>) "
      + "<img src=x onerror=\"window.__pwned=8\"> <svg onload=\"window.__pwned=9\"></svg>\n"
      + "<!-- <script>window.__pwned=10</script> --> ![x](javascript:window.__pwned=11)\n\n"
      + "<iframe src=\"javascript:window.__pwned=12\"></iframe> *" + "*".repeat(2000) + "\n";
  /** The README of the nginx profile: what a real one looks like. */
  static final String NGINX_README = """
      # NGINX ingress controller

      Installs [ingress-nginx](https://kubernetes.github.io/ingress-nginx/) with **sane defaults**
      for TLS and rate limiting, and a small set of *network policies*.

      ## Before you start

      - A cluster running Kubernetes 1.28 or newer
      - [cert-manager](https://cert-manager.io/) for certificates
      - Questions? Mail <mailto:platform@example.com>

      ## Configure

      Override the chart's values in your installation:

      ```yaml
      controller:
        replicaCount: 3
        config:
          limit-rps: "20"
      ```

      > Release candidates are published as pre-releases; enable them on this page to try one.

      See [the changelog](CHANGELOG.md) in the repository for what changed in each version.
      """;

  final GitHttpServer git;
  final CatalogServer server;
  final ChromeDriver driver;

  private WebUiFixture(GitHttpServer git, CatalogServer server, ChromeDriver driver) {
    this.git = git;
    this.server = server;
    this.driver = driver;
  }

  static boolean browserPresent() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  private static String profileYaml(String name, String description, String maintainer,
      List<String> prerequisites) {
    return profileYaml(name, description, maintainer, prerequisites, "");
  }

  private static String profileYaml(String name, String description, String maintainer,
      List<String> prerequisites, String moreArtifacts) {
    StringBuilder pre = new StringBuilder();
    prerequisites.forEach(p -> pre.append("    - ").append(yamlString(p)).append('\n'));
    return "apiVersion: weave.works/v1alpha1\nkind: ProfileDefinition\nmetadata:\n  name: "
        + name + "\nspec:\n  description: " + yamlString(description) + "\n  maintainer: "
        + yamlString(maintainer) + "\n  prerequisites:\n" + pre
        + "  artifacts:\n" + moreArtifacts + "    - name: main\n      kustomize:\n        path: m\n";
  }

  private static String yamlString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static WebUiFixture start(Path tmp) throws Exception {
    Path root = tmp.resolve("srv");
    ProfileRepoFixture platform = ProfileRepoFixture.create(root.resolve("platform.git"));
    String[][] nginx = {{"v0.1.0", ""}, {"v0.2.0", ""}, {"v0.3.0-rc.1", ""}};
    for (String[] v : nginx) {
      platform.file("nginx/m/deploy.yaml", "image: nginx:" + v[0] + "\n")
          .file("nginx/README.md", NGINX_README)
          .profile("nginx", profileYaml("nginx", "Ingress controller built on NGINX, with "
              + "sane defaults for TLS and rate limiting", "Platform team",
              List.of("Kubernetes 1.28+", "cert-manager"), "    - name: controller\n"
                  + "      chart:\n        url: https://kubernetes.github.io/ingress-nginx\n"
                  + "        name: ingress-nginx\n        version: 4.10.1\n"
                  + "    - name: dashboards\n      chart:\n        path: charts/dashboards\n"))
          .commit("nginx " + v[0]).tag("nginx/" + v[0]);
    }
    platform.file("postgres/m/db.yaml", "db: 1\n")
        .profile("postgres", profileYaml("postgres", "PostgreSQL with streaming replicas and "
            + "nightly backups", "Data team", List.of("A default StorageClass")))
        .commit("postgres").tag("postgres/v1.4.2");
    platform.file("redis/m/redis.yaml", "redis: 1\n")
        .profile("redis", profileYaml("redis", "In-memory cache for session storage",
            "Data team", List.of()))
        .commit("redis").tag("redis/v7.2.0");
    ProfileRepoFixture community = ProfileRepoFixture.create(root.resolve("community.git"));
    community.file("evil/m/x.yaml", "x: 1\n").file("evil/README.md", HOSTILE_README)
        .profile("evil", profileYaml("evil", "Observability stack " + HOSTILE,
            "<img src=x onerror=\"window.__pwned=5\">", List.of(HOSTILE)))
        .commit("evil").tag("evil/v1.0.0");
    community.file("grafana/m/g.yaml", "g: 1\n")
        .profile("grafana", profileYaml("grafana", "Dashboards for metrics and logs",
            "Observability guild", List.of("prometheus")))
        .commit("grafana").tag("grafana/v10.4.0");
    GitHttpServer git = GitHttpServer.builder(root).start();
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    Files.writeString(sources.resolve("platform.yaml"), source("platform",
        "    - url: " + git.url("platform.git") + "\n"));
    Files.writeString(sources.resolve("community.yaml"), source("community",
        "    - url: " + git.url("community.git") + "\n"
            + "    - url: " + git.url("missing.git") + "\n"));
    GitRepositoryScanner scanner = GitRepositoryScanner.builder()
        .cacheDirectory(tmp.resolve("scan-cache")).allowHttp(true).build();
    CatalogServer server = CatalogServer.builder().sources(sources).port(0).scanner(scanner)
        .sourcePolicy(SourcePolicy.defaults().allowHttp(true))
        .rescanInterval(Duration.ofMinutes(10)).build().start();
    assertThat(server.awaitReady(Duration.ofSeconds(60))).isTrue();

    return new WebUiFixture(git, server, browser(true));
  }

  /** A headless Chromium; with {@code javascript} false, scripts are off for every page. */
  static ChromeDriver browser(boolean javascript) {
    ChromeOptions options = new ChromeOptions();
    if (!javascript) {
      options.setExperimentalOption("prefs",
          java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
    }
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--window-size=1280,900", "--hide-scrollbars",
        "--force-device-scale-factor=1", "--lang=en-US");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  private static String source(String name, String repositories) {
    return "apiVersion: weave.works/v1alpha1\nkind: ProfileCatalogSource\nmetadata:\n  name: "
        + name + "\nspec:\n  repositories:\n" + repositories;
  }

  String url(String path) {
    return server.uri().toString().replaceAll("/$", "") + path;
  }

  @Override
  public void close() throws Exception {
    try {
      driver.quit();
    } finally {
      server.close();
      git.close();
    }
  }
}
