package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.git.catalog.GitRepositoryScanner;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.GitOpsRepoFixture;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog end to end: a real catalog server scanning a profile repository served over
 * smart HTTP on loopback with the git scanner, and the CLI searching, showing, installing,
 * listing updates and upgrading through it. Outputs are compared with golden files under
 * {@code src/test/resources/golden/}, after only loopback ports and the temporary directory
 * are normalised ({@code 127.0.0.1:<port>}, {@code <tmp>}).
 */
class CliCatalogTest {
  private static final String DEPLOY = "app/artifacts/web/m/deploy.yaml";

  @TempDir
  Path tmp;
  ProfileRepoFixture upstream;
  GitHttpServer git;
  GitRepositoryScanner scanner;
  CatalogServer catalog;
  GitOpsRepoFixture gitopsRepo;
  Path gitops;

  @BeforeEach
  void setUp() throws Exception {
    Path root = tmp.resolve("srv");
    upstream = ProfileRepoFixture.create(root.resolve("profiles.git"));
    for (String v : new String[] {"v0.1.0", "v0.1.1", "v0.2.0"}) {
      upstream.file("app/m/deploy.yaml", "image: app:" + v + "\n")
          .profile("app", ProfileYamls.profile("app").kustomize("web", "m").toYaml())
          .commit("app " + v).tag("app/" + v);
    }
    upstream.file("db/m/db.yaml", "db: 1\n")
        .profile("db", ProfileYamls.profile("db").kustomize("db", "m").toYaml())
        .commit("db").tag("db/v1.0.0");
    git = GitHttpServer.builder(root).start();
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    Files.writeString(sources.resolve("team.yaml"), """
        apiVersion: weave.works/v1alpha1
        kind: ProfileCatalogSource
        metadata:
          name: team
        spec:
          repositories:
            - url: %s
        """.formatted(git.url("profiles.git")));
    scanner = GitRepositoryScanner.builder().cacheDirectory(tmp.resolve("scan-cache"))
        .allowHttp(true).build();
    catalog = CatalogServer.builder().sources(sources).port(0).scanner(scanner)
        .sourcePolicy(SourcePolicy.defaults().allowHttp(true))
        .rescanInterval(Duration.ofMinutes(10)).build().start();
    assertThat(catalog.awaitReady(Duration.ofSeconds(60))).isTrue();
    gitops = tmp.resolve("gitops");
    gitopsRepo = GitOpsRepoFixture.create(gitops).withUser("Ops", "ops@example.com");
    assertThat(run("bootstrap", "--git-repository", "flux-system/flux-system",
        gitops.toString()).code()).isZero();
  }

  @AfterEach
  void tearDown() throws Exception {
    catalog.close();
    scanner.close();
    git.close();
    upstream.close();
    gitopsRepo.close();
  }

  private Cli.Run run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--catalog-url", catalog.uri().toString(), "--allow-http",
        "--no-progress"));
    return Cli.run(tmp.resolve("cache"), Map.of(), List.of(), all.toArray(String[]::new));
  }

  private Cli.Run ok(String... args) {
    Cli.Run r = run(args);
    assertThat(r.code()).as(r.err()).isZero();
    return r;
  }

  private String normalise(String s) {
    return s.replace(tmp.toString(), "<tmp>").replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:<port>");
  }

  /**
   * Compares with {@code golden/NAME}; {@code -Dprofiles.golden.update=true} rewrites the
   * files instead (then review the diff before committing it).
   */
  private void assertGolden(String name, String actual) throws IOException {
    if (Boolean.getBoolean("profiles.golden.update")) {
      Path file = Path.of("src/test/resources/golden", name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, normalise(actual));
      return;
    }
    try (InputStream in = CliCatalogTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file " + name).isNotNull();
      String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(normalise(actual)).as("golden " + name).isEqualTo(expected);
    }
  }

  @Test
  void getCatalogListsWhatTheServerScanned() throws Exception {
    assertGolden("get-catalog.txt", ok("get", "--catalog").out());
    assertGolden("get-catalog.json", ok("get", "--catalog", "-o", "json").out());
    assertGolden("get-catalog-db.txt", ok("get", "d", "--catalog").out());
    assertThat(ok("get", "nothing-like-it", "--catalog").out())
        .isEqualTo("CATALOG/PROFILE   VERSION   DESCRIPTION\n");
  }

  @Test
  void pctlsShortGetFlagsGiveTheSameOutput() throws Exception {
    assertThat(ok("get", "-c").out()).isEqualTo(ok("get", "--catalog").out());
    assertThat(ok("get", "d", "-c", "-o", "json").out())
        .isEqualTo(ok("get", "d", "--catalog", "-o", "json").out());
    assertThat(ok("get", "team/app", "-p", "v0.1.1").out())
        .isEqualTo(ok("get", "team/app", "--profile-version", "v0.1.1").out())
        .contains("v0.1.1");
  }

  @Test
  void getCatalogProfileShowsTheLatestOrTheVersionAsked() throws Exception {
    assertGolden("get-team-app.txt", ok("get", "team/app").out());
    assertGolden("get-team-app-v0.1.1.json",
        ok("get", "team/app", "--profile-version", "v0.1.1", "-o", "json").out());
    // CATALOG/PROFILE/VERSION, as add takes it, is the same question.
    assertThat(ok("get", "team/app/v0.1.1", "-o", "json").out())
        .isEqualTo(ok("get", "team/app", "-p", "v0.1.1", "-o", "json").out());
    Cli.Run missing = run("get", "team/nope");
    assertThat(missing.code()).isEqualTo(Main.ERROR);
    assertThat(missing.err().lines()).hasSize(1);
    assertThat(missing.err()).startsWith("error: ").contains("nope");
  }

  @Test
  void addFromTheCatalogThenUpdatesAreListedAndUpgradeLatestTakesTheNewest() throws Exception {
    Cli.Run add = ok("add", "team/app/v0.1.0", "--git-dir", gitops.toString());
    assertThat(add.out()).startsWith("installed app in app/ (commit ");
    assertThat(Files.readString(gitops.resolve(DEPLOY))).isEqualTo("image: app:v0.1.0\n");

    assertGolden("get-installed-updates.txt",
        ok("get", "--installed", "--git-dir", gitops.toString()).out());
    assertGolden("get-installed-updates.json",
        ok("get", "--installed", "-o", "json", "--git-dir", gitops.toString()).out());

    Cli.Run up = ok("upgrade", "app", "--latest", "--git-dir", gitops.toString());
    assertThat(up.out()).startsWith("upgraded app to app/v0.2.0 (commit ");
    assertThat(Files.readString(gitops.resolve(DEPLOY))).isEqualTo("image: app:v0.2.0\n");
    try (Git g = Git.open(gitops.toFile())) {
      assertThat(g.status().call().isClean()).isTrue();
    }
    assertGolden("get-installed-current.txt",
        ok("get", "--installed", "--git-dir", gitops.toString()).out());
    assertThat(ok("upgrade", "app", "--latest", "--git-dir", gitops.toString()).out())
        .isEqualTo("app is up to date\n");
  }

  @Test
  void pctlsDocumentedCatalogCommandLineWorksItsBranchAndPathIgnoredAsPctlDid()
      throws Exception {
    // pctl add's usage text, word for word but the catalog entry and ConfigMap names.
    Cli.Run add = ok("add", "--name", "pctl-profile", "--namespace", "default",
        "--profile-branch", "main", "--config-map", "configmap-name", "team/app/v0.1.0",
        "--git-dir", gitops.toString());
    assertThat(add.out()).startsWith("installed pctl-profile in pctl-profile/ (commit ");
    assertThat(add.err()).contains("warning: --profile-branch ignored: a catalog profile is"
        + " installed from the repository, tag and path the catalog gives");
    assertThat(Files.readString(gitops.resolve("pctl-profile/profile-installation.yaml")))
        .contains("catalog: team").contains("version: v0.1.0").doesNotContain("branch");
    Cli.Run both = ok("render", "team/app/v0.1.1", "--profile-branch", "dev",
        "--profile-path", ".", "--git-dir", gitops.toString());
    assertThat(both.err()).contains("warning: --profile-branch and --profile-path ignored");
    assertThat(both.out()).contains("image: app:v0.1.1\n");
    Cli.Run tag = run("add", "team/app", "--profile-tag", "app/v0.1.0", "--git-dir",
        gitops.toString());
    assertThat(tag.code()).isEqualTo(2);
    assertThat(tag.err()).contains("--profile-tag applies to --profile-repo-url only");
  }

  @Test
  void addWithoutAVersionInstallsTheLatest() throws Exception {
    ok("add", "team/app", "--name", "web", "--namespace", "apps", "--git-dir",
        gitops.toString());
    assertThat(Files.readString(gitops.resolve("web/artifacts/web/m/deploy.yaml")))
        .isEqualTo("image: app:v0.2.0\n");
    assertThat(Files.readString(gitops.resolve("web/profile-installation.yaml")))
        .contains("catalog: team").contains("version: v0.2.0");
  }

  @Test
  void renderFromTheCatalogWritesNothing() throws Exception {
    Map<String, String> before = Cli.tree(gitops);
    Cli.Run r = ok("render", "team/app/v0.1.1", "--git-dir", gitops.toString());
    assertThat(r.out()).contains("# Source: " + DEPLOY + "\nimage: app:v0.1.1\n");
    assertThat(Cli.tree(gitops)).isEqualTo(before);
  }

  @Test
  void aCatalogEntryOverPlainHttpNeedsAllowHttp() {
    Cli.Run r = Cli.run(tmp.resolve("cache"), Map.of(), List.of(), "add", "team/app/v0.1.0",
        "--git-dir", gitops.toString(), "--catalog-url", catalog.uri().toString(),
        "--no-progress");
    assertThat(r.code()).isEqualTo(Main.ERROR);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("error: ").contains("http");
    assertThat(gitops.resolve("app")).doesNotExist();
  }
}
