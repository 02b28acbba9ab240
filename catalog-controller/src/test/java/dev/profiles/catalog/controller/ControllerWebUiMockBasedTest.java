package dev.profiles.catalog.controller;

import static dev.profiles.catalog.controller.MockCluster.await;
import static dev.profiles.catalog.controller.MockCluster.repository;
import static dev.profiles.catalog.controller.MockCluster.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.catalog.server.internal.WebHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller serves the catalog-server's web UI at {@code /} beside the API and its probes
 * (kubernetes-server-mock stands in for the API server, hence MockBased; the repositories are
 * real, on loopback).
 */
class ControllerWebUiMockBasedTest {
  @TempDir Path tmp;
  private MockCluster cluster;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private HttpResponse<String> get(CatalogController c, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(c.uri() + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theWebUiIsServedAtTheRootWithItsHeadersAndTheApiAndProbesAreUnchanged()
      throws Exception {
    cluster = new MockCluster(tmp);
    String nginx = cluster.repo("nginx", "nginx", "v0.1.0", "v0.2.0");
    CatalogController controller = cluster.controller("a");
    assertThat(controller.awaitReady(Duration.ofSeconds(60))).isTrue();
    cluster.createSource("team-a", "team", spec(List.of(repository(nginx, null))));
    await("the source's entries are served", () ->
        cluster.servedTags(controller, "team").size() == 2);

    for (String path : List.of("/", "/?q=nginx", "/profiles/team/nginx", "/sources")) {
      HttpResponse<String> page = get(controller, path);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
      assertThat(page.headers().firstValue("Content-Security-Policy")).contains(WebHandler.CSP);
      assertThat(page.body()).as(path).contains("nginx");
    }
    assertThat(get(controller, "/profiles/team/nginx").body())
        .contains("profiles add team/nginx/v0.2.0 --name nginx");
    assertThat(get(controller, "/assets/app.css").statusCode()).isEqualTo(200);
    HttpResponse<String> api = get(controller, "/v1/profiles/team/nginx");
    assertThat(api.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(api.body()).contains("\"tag\":\"nginx/v0.2.0\"");
    assertThat(get(controller, "/v2/profiles").body()).startsWith("{\"code\":404");
    assertThat(get(controller, "/healthz").body()).isEqualTo("ok\n");
    assertThat(get(controller, "/readyz").statusCode()).isEqualTo(200);
  }
}
