package dev.profiles.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.GitOpsRepoFixture;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import dev.profiles.testing.git.RepoState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code profiles add/upgrade --create-pr}: a real GitOps repository pushing to a real loopback
 * git server (smart HTTP with basic auth), and WireMock standing in for the host's API.
 */
class CliPullRequestMockBasedTest {
  static final String TOKEN = "ghp_Xq7cLr0TzN1wKu5VbA9sYe3D";

  @TempDir
  Path tmp;
  Path gitops;
  GitOpsRepoFixture gitopsRepo;
  ProfileRepoFixture upstream;
  GitHttpServer server;
  Git remote;
  WireMockServer api;

  @BeforeEach
  void setUp() throws Exception {
    upstream = ProfileRepoFixture.create(tmp.resolve("upstream.git"));
    upstream.file("app/m/deploy.yaml", "replicas: 1\nimage: app:1.0\n")
        .profile("app", ProfileYamls.profile("app").kustomize("web", "m").toYaml())
        .commit("v1").tag("app/v1.0.0");
    Path root = Files.createDirectories(tmp.resolve("srv"));
    remote = Git.init().setBare(true).setDirectory(root.resolve("gitops.git").toFile())
        .setInitialBranch("main").call();
    StoredConfig config = remote.getRepository().getConfig();
    config.setBoolean("http", null, "receivepack", true);
    config.save();
    server = GitHttpServer.builder(root).basicAuth("x-access-token", TOKEN).start();
    gitops = tmp.resolve("gitops");
    gitopsRepo = GitOpsRepoFixture.create(gitops).withUser("Ops", "ops@example.com");
    gitopsRepo.git().remoteAdd().setName("origin").setUri(new URIish(server.url("gitops.git")))
        .call();
    api = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    api.start();
  }

  @AfterEach
  void tearDown() {
    api.stop();
    server.close();
    remote.close();
    gitopsRepo.close();
    upstream.close();
  }

  private Cli.Run run(Map<String, String> env, String... args) {
    return Cli.run(tmp.resolve("cache"), env, List.of(TOKEN), args);
  }

  private Cli.Run add(Map<String, String> env, String... pr) {
    List<String> args = new ArrayList<>(List.of("add", "--name", "inst", "--profile-repo-url",
        upstream.url(), "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--git-dir",
        gitops.toString(), "--git-repository", "flux-system/flux-system", "--allow-http",
        "--no-progress"));
    args.addAll(List.of(pr));
    return run(env, args.toArray(String[]::new));
  }

  private String apiUrl() {
    return "http://127.0.0.1:" + api.port();
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

  /** The files of {@code branch} on the remote, or none when it was not pushed. */
  private List<String> remoteFiles(String branch) throws Exception {
    ObjectId id = remote.getRepository().resolve("refs/heads/" + branch);
    List<String> files = new ArrayList<>();
    if (id == null) {
      return files;
    }
    try (RevWalk walk = new RevWalk(remote.getRepository());
         TreeWalk tree = new TreeWalk(remote.getRepository())) {
      tree.addTree(walk.parseCommit(id).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        files.add(tree.getPathString());
      }
    }
    return files;
  }

  @Test
  void addCreatePrPushesTheBranchOpensTheRequestAndPrintsItsUrl() throws Exception {
    api.stubFor(get(urlPathEqualTo("/repos/acme/gitops/pulls")).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
    api.stubFor(post(urlPathEqualTo("/repos/acme/gitops/pulls")).willReturn(aResponse()
        .withStatus(201).withHeader("Content-Type", "application/json")
        .withBody(githubPull(43, "add-inst", "Install inst in inst/"))));
    String head = gitopsRepo.git().getRepository().resolve("HEAD").name();

    Cli.Run r = add(Map.of("GITHUB_TOKEN", TOKEN), "--create-pr", "--pr-branch", "add-inst",
        "--pr-provider", "github", "--pr-api-url", apiUrl(), "--pr-repo", "acme/gitops");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("opened pull request https://github.com/acme/gitops/pull/43");
    assertThat(remoteFiles("add-inst")).contains("README.md")
        .anyMatch(f -> f.startsWith("inst/"));
    // The user's checkout stays where it was: the change lives on the pushed branch.
    assertThat(gitopsRepo.git().getRepository().resolve("HEAD").name()).isEqualTo(head);
    api.verify(postRequestedFor(urlPathEqualTo("/repos/acme/gitops/pulls"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withRequestBody(matchingJsonPath("$.head", equalTo("add-inst")))
        .withRequestBody(matchingJsonPath("$.base", equalTo("main")))
        .withRequestBody(matchingJsonPath("$.title", equalTo("Install inst in inst/")))
        .withRequestBody(matchingJsonPath("$.body", com.github.tomakehurst.wiremock.client
            .WireMock.containing("profiles add --create-pr"))));
  }

  @Test
  void aGiteaHostWithAnOpenRequestOfTheBranchIsUpdatedWithTheGivenTitleAndMessage()
      throws Exception {
    String pulls = "/api/v1/repos/platform/gitops/pulls";
    String open = """
        {"number":8,"html_url":"https://git.example.com/platform/gitops/pulls/8","state":"open",
         "merged":false,"title":"%s","head":{"ref":"profiles-inst","label":"profiles-inst"},
         "base":{"ref":"production","label":"production"}}""";
    api.stubFor(get(urlPathEqualTo(pulls)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("[" + open.formatted("old title") + "]")));
    api.stubFor(patch(urlPathEqualTo(pulls + "/8")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody(open.formatted("Add inst"))));

    Cli.Run r = add(Map.of(), "--git-token", TOKEN, "--create-pr", "--pr-branch",
        "profiles-inst", "--pr-base", "production", "--pr-provider", "forgejo", "--pr-api-url",
        apiUrl(), "--pr-repo", "platform/gitops", "-m", "Add inst", "--pr-title", "Add inst");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("updated pull request"
        + " https://git.example.com/platform/gitops/pulls/8");
    assertThat(remoteFiles("profiles-inst")).anyMatch(f -> f.startsWith("inst/"));
    assertThat(remote.getRepository().parseCommit(remote.getRepository()
        .resolve("refs/heads/profiles-inst")).getShortMessage()).isEqualTo("Add inst");
    api.verify(patchRequestedFor(urlPathEqualTo(pulls + "/8"))
        .withHeader("Authorization", equalTo("token " + TOKEN))
        .withRequestBody(matchingJsonPath("$.title", equalTo("Add inst"))));
    api.verify(0, postRequestedFor(urlPathEqualTo(pulls)));
  }

  @Test
  void upgradeCreatePrProposesTheUpgradeOnAGeneratedBranch() throws Exception {
    Cli.Run installed = add(Map.of());
    assertThat(installed.code()).as(installed.err()).isZero();
    upstream.file("app/m/deploy.yaml", "replicas: 1\nimage: app:1.1\n").commit("v1.1")
        .tag("app/v1.1.0");
    api.stubFor(get(urlPathEqualTo("/repos/acme/gitops/pulls")).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
    api.stubFor(post(urlPathEqualTo("/repos/acme/gitops/pulls")).willReturn(aResponse()
        .withStatus(201).withHeader("Content-Type", "application/json")
        .withBody(githubPull(44, "x", "Upgrade inst to app/v1.1.0"))));

    Cli.Run r = run(Map.of("GITHUB_TOKEN", TOKEN), "upgrade", "inst", "v1.1.0", "--git-dir",
        gitops.toString(), "--allow-http", "--no-progress", "--create-pr", "--pr-provider",
        "github", "--pr-api-url", apiUrl(), "--pr-repo", "acme/gitops");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("opened pull request https://github.com/acme/gitops/pull/44");
    List<String> branches = new ArrayList<>();
    remote.getRepository().getRefDatabase().getRefsByPrefix("refs/heads/")
        .forEach(ref -> branches.add(ref.getName()));
    assertThat(branches).singleElement().asString()
        .matches("refs/heads/profiles-upgrade-inst-v1\\.1\\.0-[0-9a-f]{6}");
    String branch = branches.get(0).substring("refs/heads/".length());
    api.verify(postRequestedFor(urlPathEqualTo("/repos/acme/gitops/pulls"))
        .withRequestBody(matchingJsonPath("$.head", equalTo(branch)))
        .withRequestBody(matchingJsonPath("$.title", equalTo("Upgrade inst to app/v1.1.0"))));
  }

  @Test
  void aRefusedTokenExitsOneWithTheHostsAnswerOnOneLineAndNoToken() throws Exception {
    api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":"
            + "\"https://docs.github.com/rest\",\"status\":\"401\"}")));

    Cli.Run r = add(Map.of("GITHUB_TOKEN", TOKEN), "--create-pr", "--pr-branch", "add-inst",
        "--pr-provider", "github", "--pr-api-url", apiUrl(), "--pr-repo", "acme/gitops");

    assertThat(r.code()).isEqualTo(Main.ERROR);
    List<String> errors = r.err().lines().filter(l -> l.startsWith("error:")).toList();
    assertThat(errors).singleElement().asString()
        .contains("GitHub: finding the pull request of branch 'add-inst' on acme/gitops at"
            + " 127.0.0.1:" + api.port() + " failed: HTTP 401 (Bad credentials)")
        .contains("branch 'add-inst' is pushed to origin");
  }

  @Test
  void aSelfHostedRemoteWithoutItsKindIsAUsageErrorAndNothingIsWritten() throws Exception {
    RepoState before = RepoState.capture(gitops);
    Cli.Run r = add(Map.of("GITHUB_TOKEN", TOKEN), "--create-pr");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err()).contains("cannot tell the git host of remote 'origin'")
        .contains("--pr-provider");
    assertThat(RepoState.capture(gitops)).isEqualTo(before);
    assertThat(remoteFiles("main")).isEmpty();
    api.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void prOptionsNeedCreatePrAndExcludeDryRun() throws Exception {
    RepoState before = RepoState.capture(gitops);
    assertThat(add(Map.of(), "--pr-branch", "x").err()).contains("--pr-* options need"
        + " --create-pr");
    assertThat(add(Map.of(), "--create-pr", "--dry-run").code()).isEqualTo(Main.USAGE);
    Cli.Run badKind = add(Map.of(), "--create-pr", "--pr-provider", "sourcehut");
    assertThat(badKind.code()).isEqualTo(Main.USAGE);
    assertThat(badKind.err()).contains("unknown pull-request provider 'sourcehut'");
    Cli.Run noRepo = add(Map.of(), "--create-pr", "--pr-provider", "github", "--pr-api-url",
        apiUrl(), "--pr-repo", "acme");
    assertThat(noRepo.code()).isEqualTo(Main.USAGE);
    assertThat(noRepo.err()).contains("the repository 'acme' is not of the form OWNER/NAME");
    Cli.Run apiWithSecret = add(Map.of(), "--create-pr", "--pr-provider", "gitea",
        "--pr-api-url", "https://bot:" + TOKEN + "@git.example.com", "--pr-repo", "a/b");
    assertThat(apiWithSecret.code()).isEqualTo(Main.USAGE);
    assertThat(apiWithSecret.err()).contains("must have no user-info");
    assertThat(remoteFiles("main")).isEmpty();
    api.verify(0, anyRequestedFor(anyUrl()));
    assertThat(RepoState.capture(gitops)).isEqualTo(before);
  }
}
