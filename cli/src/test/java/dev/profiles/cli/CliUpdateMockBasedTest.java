package dev.profiles.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.git.catalog.GitRepositoryScanner;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.UpdatePolicy;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.core.yaml.ProfileYaml;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.GitOpsRepoFixture;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code profiles update}: a real GitOps repository with three catalog installations under
 * different policies, a running catalog server scanning a loopback git server, a second
 * loopback git server (basic auth) as the GitOps remote, and WireMock standing in for GitHub's
 * API.
 */
class CliUpdateMockBasedTest {
  static final String TOKEN = "ghp_Up7cLr0TzN1wKu5VbA9sYe3Q";

  @TempDir Path tmp;
  ProfileRepoFixture upstream;
  GitHttpServer profilesServer;
  GitHttpServer gitopsServer;
  GitRepositoryScanner scanner;
  CatalogServer catalog;
  GitOpsRepoFixture gitopsRepo;
  Path gitops;
  Git remote;
  WireMockServer api;

  @BeforeEach
  void setUp() throws Exception {
    Path profilesRoot = tmp.resolve("profiles-srv");
    upstream = ProfileRepoFixture.create(profilesRoot.resolve("profiles.git"));
    for (String v : new String[] {"v0.1.0", "v0.1.1", "v0.2.0"}) {
      upstream.file("app/m/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
          + "  name: app\n  namespace: apps\nspec:\n  replicas: 1\n  template:\n    spec:\n"
          + "      containers:\n        - name: app\n          image: app:" + v + "\n")
          .profile("app", ProfileYamls.profile("app").kustomize("web", "m").toYaml())
          .commit("app " + v).tag("app/" + v);
    }
    profilesServer = GitHttpServer.builder(profilesRoot).start();
    Path sources = Files.createDirectories(tmp.resolve("sources"));
    Files.writeString(sources.resolve("team.yaml"), """
        apiVersion: weave.works/v1alpha1
        kind: ProfileCatalogSource
        metadata:
          name: team
        spec:
          repositories:
            - url: %s
        """.formatted(profilesServer.url("profiles.git")));
    scanner = GitRepositoryScanner.builder().cacheDirectory(tmp.resolve("scan-cache"))
        .allowHttp(true).build();
    catalog = CatalogServer.builder().sources(sources).port(0).scanner(scanner)
        .sourcePolicy(SourcePolicy.defaults().allowHttp(true))
        .rescanInterval(Duration.ofMinutes(10)).build().start();
    assertThat(catalog.awaitReady(Duration.ofSeconds(60))).isTrue();

    Path gitopsRoot = Files.createDirectories(tmp.resolve("gitops-srv"));
    remote = Git.init().setBare(true).setDirectory(gitopsRoot.resolve("gitops.git").toFile())
        .setInitialBranch("main").call();
    StoredConfig config = remote.getRepository().getConfig();
    config.setBoolean("http", null, "receivepack", true);
    config.save();
    gitopsServer = GitHttpServer.builder(gitopsRoot).basicAuth("x-access-token", TOKEN).start();
    gitops = tmp.resolve("gitops");
    gitopsRepo = GitOpsRepoFixture.create(gitops).withUser("Ops", "ops@example.com");
    gitopsRepo.git().remoteAdd().setName("origin")
        .setUri(new URIish(gitopsServer.url("gitops.git"))).call();
    ok(Map.of(), "bootstrap", "--git-repository", "flux-system/flux-system", gitops.toString());
    for (String name : List.of("a", "b", "c")) {
      ok(Map.of(), "add", "team/app/v0.1.0", "--name", name, "--namespace", "apps",
          "--git-dir", gitops.toString());
    }
    policy("b", UpdatePolicy.builder().range("^0.1").build());
    policy("c", UpdatePolicy.builder().pinned(true).build());
    api = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    api.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    api.stop();
    catalog.close();
    scanner.close();
    gitopsServer.close();
    profilesServer.close();
    remote.close();
    upstream.close();
    gitopsRepo.close();
  }

  /** Writes {@code policy} into installation {@code name}'s record as core writes it, commits. */
  private void policy(String name, UpdatePolicy policy) throws Exception {
    Path record;
    try (var files = Files.walk(gitops)) {
      record = files.filter(p -> p.endsWith("profile-installation.yaml")
          && p.getParent().getFileName().toString().equals(name)).findFirst().orElseThrow();
    }
    ProfileInstallation r = ProfileYaml.strict().readInstallation(record);
    Files.writeString(record, ProfileYaml.strict().writeInstallation(
        ProfileInstallation.builder().from(r).updatePolicy(policy).build()));
    gitopsRepo.git().add().addFilepattern(".").call();
    gitopsRepo.git().commit().setMessage("policy of " + name).call();
  }

  private Cli.Run run(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--catalog-url", catalog.uri().toString(), "--allow-http",
        "--no-progress"));
    return Cli.run(tmp.resolve("cache"), env, List.of(TOKEN), all.toArray(String[]::new));
  }

  private Cli.Run ok(Map<String, String> env, String... args) {
    Cli.Run r = run(env, args);
    assertThat(r.code()).as(r.err()).isZero();
    return r;
  }

  private Cli.Run update(String... more) {
    List<String> args = new ArrayList<>(List.of("update", "--git-dir", gitops.toString()));
    args.addAll(List.of(more));
    return run(Map.of("GITHUB_TOKEN", TOKEN), args.toArray(String[]::new));
  }

  private String[] createPr() {
    return new String[] {"--create-pr", "--pr-provider", "github", "--pr-api-url",
        "http://127.0.0.1:" + api.port(), "--pr-repo", "acme/gitops"};
  }

  private static String githubPull(int number, String head, String title) {
    return """
        {"url":"https://api.github.com/repos/acme/gitops/pulls/%1$d","id":77%1$d,"number":%1$d,
         "html_url":"https://github.com/acme/gitops/pull/%1$d","state":"open","title":"%3$s",
         "body":"","merged_at":null,"draft":false,"user":{"login":"profiles-bot"},
         "head":{"label":"acme:%2$s","ref":"%2$s","sha":"0000000000000000000000000000000000000001"},
         "base":{"label":"acme:main","ref":"main","sha":"0000000000000000000000000000000000000002"}}
        """.formatted(number, head, title);
  }

  private List<String> refs(Git git) throws Exception {
    List<String> out = new ArrayList<>();
    for (Ref r : git.getRepository().getRefDatabase().getRefs()) {
      out.add(r.getName() + " " + r.getObjectId().name());
    }
    return out.stream().sorted().toList();
  }

  @Test
  void aDryRunListsExactlyTheAllowedUpdatesAndWritesNothing() throws Exception {
    Map<String, String> before = Cli.tree(gitops);

    Cli.Run r = update("--dry-run");

    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().map(l -> l.trim().replaceAll("\\s+", " ")).toList();
    assertThat(lines.get(0)).isEqualTo("NAMESPACE NAME FROM TO REASON");
    assertThat(lines).contains("apps a v0.1.0 v0.2.0 allowed", "apps b v0.1.0 v0.1.1 allowed")
        .anyMatch(l -> l.startsWith("apps c v0.1.0 - pinned:")).hasSize(4);
    assertThat(r.err()).contains("2 of 3 installations would be updated");
    assertThat(Cli.tree(gitops)).isEqualTo(before);
    assertThat(api.getAllServeEvents()).isEmpty();

    Cli.Run json = update("--dry-run", "-o", "json");
    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.out()).contains("\"name\": \"a\"", "\"to\": \"v0.2.0\"",
        "\"to\": \"v0.1.1\"", "\"skipped\": \"PINNED\"", "\"outcomes\": []");
    assertThat(Cli.tree(gitops)).isEqualTo(before);
  }

  @Test
  void withoutCreatePrTheUpdatesAreCommittedOnLocalBranchesOnly() throws Exception {
    String head = gitopsRepo.git().getRepository().resolve("HEAD").name();
    List<String> remoteBefore = refs(remote);

    Cli.Run r = update();

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("profiles/update/apps-a: committed",
        "profiles/update/apps-b: committed").doesNotContain("apps-c");
    var local = gitopsRepo.git().getRepository();
    assertThat(local.resolve("HEAD").name()).isEqualTo(head);
    assertThat(local.getFullBranch()).isEqualTo("refs/heads/main");
    assertThat(local.resolve("refs/heads/profiles/update/apps-a")).isNotNull();
    assertThat(local.resolve("refs/heads/profiles/update/apps-c")).isNull();
    assertThat(refs(remote)).isEqualTo(remoteBefore);
    assertThat(api.getAllServeEvents()).isEmpty();

    Cli.Run again = update();
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains("profiles/update/apps-a: unchanged");
  }

  @Test
  void createPrOpensOneRequestPerInstallationWithThePreviewAndAReRunChangesNothing()
      throws Exception {
    api.stubFor(get(urlPathEqualTo("/repos/acme/gitops/pulls")).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
    int n = 50;
    for (String b : List.of("a", "b")) {
      String branch = "profiles/update/apps-" + b;
      api.stubFor(post(urlPathEqualTo("/repos/acme/gitops/pulls"))
          .withRequestBody(matchingJsonPath("$.head", equalTo(branch)))
          .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
              .withBody(githubPull(++n, branch, "x"))));
    }

    Cli.Run r = update(createPr());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains(
        "profiles/update/apps-a: opened pull request https://github.com/acme/gitops/pull/51",
        "profiles/update/apps-b: opened pull request https://github.com/acme/gitops/pull/52");
    api.verify(2, postRequestedFor(urlPathEqualTo("/repos/acme/gitops/pulls")));
    api.verify(postRequestedFor(urlPathEqualTo("/repos/acme/gitops/pulls"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withRequestBody(matchingJsonPath("$.head", equalTo("profiles/update/apps-a")))
        .withRequestBody(matchingJsonPath("$.title", equalTo("Update apps/a to v0.2.0")))
        .withRequestBody(matchingJsonPath("$.body", containing("<details>")))
        .withRequestBody(matchingJsonPath("$.body", containing("Deployment")))
        .withRequestBody(matchingJsonPath("$.body", containing("app:v0.2.0"))));
    api.verify(postRequestedFor(urlPathEqualTo("/repos/acme/gitops/pulls"))
        .withRequestBody(matchingJsonPath("$.head", equalTo("profiles/update/apps-b")))
        .withRequestBody(matchingJsonPath("$.title", equalTo("Update apps/b to v0.1.1")))
        .withRequestBody(matchingJsonPath("$.body", containing("<details>"))));
    assertThat(refs(remote)).anyMatch(l -> l.startsWith("refs/heads/profiles/update/apps-a "))
        .anyMatch(l -> l.startsWith("refs/heads/profiles/update/apps-b "))
        .noneMatch(l -> l.contains("apps-c"));

    // The host now has both requests open: a re-run finds them and changes nothing.
    List<String> pushed = refs(remote);
    api.resetAll();
    n = 50;
    for (String b : List.of("a", "b")) {
      String branch = "profiles/update/apps-" + b;
      String title = b.equals("a") ? "Update apps/a to v0.2.0" : "Update apps/b to v0.1.1";
      api.stubFor(get(urlMatching("/repos/acme/gitops/pulls\\?.*head=acme%3A"
          + branch.replace("/", "%2F") + ".*")).willReturn(aResponse().withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody("[" + githubPull(++n, branch, title) + "]")));
    }

    Cli.Run again = update(createPr());

    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains(
        "profiles/update/apps-a: unchanged: pull request https://github.com/acme/gitops/pull/51");
    api.verify(0, postRequestedFor(urlMatching(".*")));
    api.verify(0, patchRequestedFor(urlMatching(".*")));
    assertThat(refs(remote)).isEqualTo(pushed);
  }

  @Test
  void usageErrorsExitTwoAndWriteNothing() throws Exception {
    Map<String, String> before = Cli.tree(gitops);
    assertThat(update("--dry-run", "--create-pr").code()).isEqualTo(Main.USAGE);
    assertThat(update("--pr-branch", "x", "--create-pr").code()).isEqualTo(Main.USAGE);
    assertThat(update("--group", "cluster").code()).isEqualTo(Main.USAGE);
    assertThat(update("--pr-repo", "acme/gitops").code()).isEqualTo(Main.USAGE);
    // Catalog installations without a catalog to ask: a clear error, nothing written.
    Cli.Run noCatalog = Cli.run(tmp.resolve("cache"), Map.of(), List.of(TOKEN), "update",
        "--dry-run", "--git-dir", gitops.toString(), "--no-progress");
    assertThat(noCatalog.code()).isEqualTo(Main.ERROR);
    assertThat(noCatalog.err()).contains("catalog 'team'", "--catalog-url");
    assertThat(Cli.tree(gitops)).isEqualTo(before);
  }

  @Test
  void aConflictingUpdateIsStillProposedAndExitsThreeListingItsFiles() throws Exception {
    Path deploy;
    try (var files = Files.walk(gitops.resolve("a"))) {
      deploy = files.filter(p -> p.endsWith("deploy.yaml")).findFirst().orElseThrow();
    }
    Files.writeString(deploy, Files.readString(deploy).replace("image: app:v0.1.0",
        "image: mirror.local/app:v0.1.0-patched"));
    gitopsRepo.git().add().addFilepattern(".").call();
    gitopsRepo.git().commit().setMessage("patch the image").call();
    String file = gitops.relativize(deploy).toString().replace('\\', '/');

    Cli.Run dry = update("--dry-run");

    assertThat(dry.code()).as(dry.err()).isEqualTo(Main.CONFLICTS);
    assertThat(dry.out().lines().map(l -> l.trim().replaceAll("\\s+", " ")))
        .contains("apps a v0.1.0 v0.2.0 allowed, conflicts in 1 file(s)",
            "apps b v0.1.0 v0.1.1 allowed");
    assertThat(dry.err()).contains("the update of a to v0.2.0 has merge conflicts in:",
        "  " + file);

    Cli.Run local = update();
    assertThat(local.code()).as(local.err()).isEqualTo(Main.CONFLICTS);
    assertThat(local.out()).contains("profiles/update/apps-a: committed");
    assertThat(gitopsRepo.git().getRepository().getFullBranch()).isEqualTo("refs/heads/main");
    assertThat(Files.readString(deploy)).contains("mirror.local/app:v0.1.0-patched")
        .doesNotContain("<<<<<<<");
  }

  @Test
  void policySetsAndClearsTheRecordedPolicyThatUpdateFollows() throws Exception {
    Cli.Run set = ok(Map.of(), "policy", "a", "--range", "^0.1", "--minimum-age", "1m",
        "--git-dir", gitops.toString());
    assertThat(set.out()).contains("set the update policy of a (commit ");
    assertThat(update("--dry-run").out().lines().map(l -> l.trim().replaceAll("\\s+", " ")))
        .contains("apps a v0.1.0 v0.1.1 allowed");
    Cli.Run same = ok(Map.of(), "policy", "a", "--range", "^0.1", "--minimum-age", "1m",
        "--git-dir", gitops.toString());
    assertThat(same.out()).contains("a: the policy is already so");

    Map<String, String> before = Cli.tree(gitops);
    Cli.Run bad = run(Map.of(), "policy", "a", "--range", ">=banana", "--git-dir",
        gitops.toString());
    assertThat(bad.code()).isEqualTo(Main.ERROR);
    assertThat(bad.err()).contains("range");
    Cli.Run badAge = run(Map.of(), "policy", "a", "--minimum-age", "soon", "--git-dir",
        gitops.toString());
    assertThat(badAge.code()).isEqualTo(Main.ERROR);
    assertThat(badAge.err()).contains("minimumAge");
    assertThat(run(Map.of(), "policy", "a", "--git-dir", gitops.toString()).code())
        .isEqualTo(Main.USAGE);
    assertThat(run(Map.of(), "policy", "a", "--clear", "--pinned", "--git-dir",
        gitops.toString()).code()).isEqualTo(Main.USAGE);
    assertThat(Cli.tree(gitops)).isEqualTo(before);

    Cli.Run cleared = ok(Map.of(), "policy", "a", "--clear", "--git-dir", gitops.toString());
    assertThat(cleared.out()).contains("cleared the update policy of a");
    assertThat(update("--dry-run").out().lines().map(l -> l.trim().replaceAll("\\s+", " ")))
        .contains("apps a v0.1.0 v0.2.0 allowed");
  }
}
