package dev.profiles.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.catalog.client.CatalogClient;
import dev.profiles.catalog.client.CatalogNotFoundException;
import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.core.install.InstalledProfile;
import dev.profiles.core.install.ListResult;
import dev.profiles.core.install.UpgradeResult;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.git.catalog.GitRepositoryScanner;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole catalog loop with real parts: a multi-tag profile repository, the catalog server
 * scanning it with the git scanner, the client over HTTP on loopback, and install, list and
 * upgrade using what the catalog says.
 */
class CatalogLoopTest {
  @TempDir
  Path tmp;
  private GitOpsFixture f;
  private GitRepositoryScanner scanner;
  private CatalogServer server;
  private CatalogClient client;

  @BeforeEach
  void setUp() throws Exception {
    f = new GitOpsFixture(tmp, true);
    for (String v : new String[] {"v1.0.0", "v1.1.0", "v2.0.0-rc.1", "v2.0.0"}) {
      f.upstream.file("app/m/deploy.yaml", "image: app:" + v + "\n")
          .profile("app", ProfileYamls.profile("app").kustomize("web", "m").toYaml())
          .commit("app " + v).tag("app/" + v);
    }
    f.upstream.file("db/m/db.yaml", "db: 1\n")
        .profile("db", ProfileYamls.profile("db").kustomize("db", "m").toYaml())
        .commit("db").tag("db/v0.1.0").tag("db/not-a-version");
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    Files.writeString(sources.resolve("team.yaml"), """
        apiVersion: weave.works/v1alpha1
        kind: ProfileCatalogSource
        metadata:
          name: team
        spec:
          repositories:
            - url: %s
        """.formatted(f.url()));
    Files.writeString(sources.resolve("broken.yaml"), "kind: [\n");
    scanner = GitRepositoryScanner.builder().cacheDirectory(tmp.resolve("scan-cache"))
        .allowLocalSources(true).build();
    server = CatalogServer.builder().sources(sources).port(0).scanner(scanner)
        .sourcePolicy(SourcePolicy.defaults().allowLocalSources(true))
        .rescanInterval(Duration.ofMinutes(10)).build().start();
    assertThat(server.awaitReady(Duration.ofSeconds(60))).isTrue();
    client = CatalogClient.builder().baseUrl(server.uri()).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
    scanner.close();
    f.close();
  }

  @Test
  void theClientFindsShowsAndListsUpdatesPerSpec() throws Exception {
    assertThat(client.search("")).extracting(e -> e.tag().orElseThrow())
        .contains("app/v1.0.0", "app/v1.1.0", "app/v2.0.0-rc.1", "app/v2.0.0", "db/v0.1.0")
        .doesNotContain("db/not-a-version");
    assertThat(client.search("ap")).allSatisfy(e -> assertThat(e.name()).contains("ap"));
    assertThat(client.search("ap")).allSatisfy(e -> assertThat(e.catalogSource()).contains("team"));
    assertThat(client.version("team", "app", "latest").tag()).contains("app/v2.0.0");
    assertThat(client.version("team", "app", "v1.1.0").description())
        .contains("app for tests");
    assertThat(client.availableUpdates("team", "app", "v1.0.0"))
        .extracting(e -> e.tag().orElseThrow()).containsExactly("app/v2.0.0", "app/v1.1.0");
    assertThat(client.availableUpdates("team", "app", "v2.0.0")).isEmpty();
    assertThatThrownBy(() -> client.version("team", "nope", "latest"))
        .isInstanceOf(CatalogNotFoundException.class);
    // The broken source file is reported, and does not take the server down.
    assertThat(server.status()).anySatisfy(s -> assertThat(s.toString()).contains("broken.yaml"));
  }

  @Test
  void installFromTheCatalogListShowsUpdatesAndUpgradeToLatest() throws Exception {
    CatalogEntry v1 = client.version("team", "app", "v1.0.0");
    f.profiles.install(f.repo).author(GitOpsFixture.BOT).name("app").fromCatalog(v1).call();

    ListResult listed = f.profiles.list(f.repo)
        .withUpdates(client.updateFinder())
        .call();

    assertThat(listed.problems()).isEmpty();
    InstalledProfile app = listed.installations().get(0);
    assertThat(app.installation().catalog().orElseThrow().catalog()).isEqualTo("team");
    assertThat(app.availableUpdates()).extracting(e -> e.tag().orElseThrow())
        .containsExactly("app/v2.0.0", "app/v1.1.0");

    UpgradeResult r = f.profiles.upgrade(f.repo).installation("app")
        .toLatest(client.updateFinder())
        .call();
    assertThat(r.to().catalog().orElseThrow().version()).isEqualTo("v2.0.0");
    assertThat(Files.readString(f.gitops.resolve("app/artifacts/web/m/deploy.yaml")))
        .isEqualTo("image: app:v2.0.0\n");
  }
}
