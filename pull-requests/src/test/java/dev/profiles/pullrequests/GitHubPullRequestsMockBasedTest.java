package dev.profiles.pullrequests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.update.PullRequest;
import dev.profiles.core.update.PullRequestException.Reason;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The GitHub provider against WireMock replaying GitHub's documented REST v3 answers. */
class GitHubPullRequestsMockBasedTest extends HostMockBasedContract {
  static final String PULLS = "/repos/acme/gitops/pulls";

  @Override
  PullRequestHost host() {
    return PullRequestHost.GITHUB;
  }

  @Override
  String repository() {
    return "acme/gitops";
  }

  @Override
  String errorBody(String message) {
    return "{\"message\":\"" + message + "\",\"documentation_url\":"
        + "\"https://docs.github.com/rest/pulls/pulls#create-a-pull-request\",\"status\":\"422\"}";
  }

  @Override
  String pathPattern(String prefix) {
    return prefix + "/repos/acme/gitops/pulls.*";
  }

  /** A pull request as GitHub returns it (fields trimmed to a realistic subset). */
  static String pull(int number, String state, String mergedAt, String head, String title) {
    return """
        {"url":"https://api.github.com/repos/acme/gitops/pulls/%1$d","id":1%1$d0001,
         "node_id":"PR_kwDOA%1$d","html_url":"https://github.com/acme/gitops/pull/%1$d",
         "diff_url":"https://github.com/acme/gitops/pull/%1$d.diff","number":%1$d,
         "state":"%2$s","locked":false,"title":"%5$s",
         "user":{"login":"profiles-bot","id":9001,"type":"Bot"},
         "body":"## Preview","created_at":"2026-11-30T10:00:00Z",
         "updated_at":"2026-11-30T11:00:00Z","closed_at":%3$s,"merged_at":%3$s,
         "merge_commit_sha":"e5bd3914e2e596debea16f433f57875b5b90bcd6","draft":false,
         "head":{"label":"acme:%4$s","ref":"%4$s","sha":"6dcb09b5b57875f334f61aebed695e2e4193db5e",
                 "user":{"login":"acme"},"repo":{"id":1296269,"full_name":"acme/gitops"}},
         "base":{"label":"acme:main","ref":"main","sha":"7638417db6d59f3c431d3e1f261cc637155684cd",
                 "user":{"login":"acme"},"repo":{"id":1296269,"full_name":"acme/gitops"}},
         "author_association":"MEMBER","auto_merge":null}
        """.formatted(number, state, mergedAt == null ? "null" : "\"" + mergedAt + "\"", head,
        title);
  }

  private void stubList(String body) {
    wm.stubFor(get(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body)));
  }

  @Test
  void findAsksForTheBranchOfTheOwnerInAnyStateWithGitHubsHeaders() throws Exception {
    stubList("[]");
    assertThat(provider().find("profiles/update/team-nginx")).isEmpty();
    wm.verify(getRequestedFor(urlPathEqualTo(PULLS))
        .withQueryParam("head", equalTo("acme:profiles/update/team-nginx"))
        .withQueryParam("state", equalTo("all"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("Accept", equalTo("application/vnd.github+json"))
        .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
  }

  @Test
  void findReadsOpenClosedAndMergedRequests() throws Exception {
    String head = "profiles/update/team-nginx";
    stubList("[" + pull(42, "open", null, head, "Update nginx") + "]");
    assertThat(provider().find(head)).contains(new PullRequest("42",
        "https://github.com/acme/gitops/pull/42", head, "main", "Update nginx",
        PullRequest.State.OPEN));

    stubList("[" + pull(41, "closed", null, head, "Old") + "]");
    assertThat(provider().find(head)).map(PullRequest::state).contains(PullRequest.State.CLOSED);

    stubList("[" + pull(40, "closed", "2026-11-30T12:00:00Z", head, "Merged") + "]");
    assertThat(provider().find(head)).map(PullRequest::state).contains(PullRequest.State.MERGED);
  }

  @Test
  void findTakesTheNewestAndIgnoresAnotherHeadOfTheSameName() throws Exception {
    String head = "profiles/update/team-nginx";
    stubList("[" + pull(50, "open", null, "other", "Fork") + ","
        + pull(49, "closed", null, head, "Newest of ours") + ","
        + pull(12, "closed", "2026-01-01T00:00:00Z", head, "Older") + "]");
    Optional<PullRequest> found = provider().find(head);
    assertThat(found).map(PullRequest::id).contains("49");
  }

  @Test
  void openPostsHeadBaseTitleAndBody() throws Exception {
    wm.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(201)
        .withHeader("Location", "https://api.github.com/repos/acme/gitops/pulls/43")
        .withHeader("Content-Type", "application/json")
        .withBody(pull(43, "open", null, change().headBranch(), change().title()))));
    PullRequest pr = provider().open(change());
    assertThat(pr.id()).isEqualTo("43");
    assertThat(pr.url()).isEqualTo("https://github.com/acme/gitops/pull/43");
    assertThat(pr.state()).isEqualTo(PullRequest.State.OPEN);
    wm.verify(postRequestedFor(urlPathEqualTo(PULLS))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(matchingJsonPath("$.head", equalTo("profiles/update/team-nginx")))
        .withRequestBody(matchingJsonPath("$.base", equalTo("main")))
        .withRequestBody(matchingJsonPath("$.title", equalTo("Update nginx to v0.2.0")))
        .withRequestBody(matchingJsonPath("$.body", equalTo(change().body()))));
  }

  @Test
  void updatePatchesTitleAndBodyOnly() throws Exception {
    wm.stubFor(patch(urlPathEqualTo(PULLS + "/7")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(pull(7, "open", null, change().headBranch(), change().title()))));
    PullRequest pr = provider().update(existing(), change());
    assertThat(pr.title()).isEqualTo("Update nginx to v0.2.0");
    wm.verify(patchRequestedFor(urlPathEqualTo(PULLS + "/7")).withRequestBody(equalToJson(
        "{\"title\":\"Update nginx to v0.2.0\",\"body\":" + quoted(change().body()) + "}")));
  }

  @Test
  void anExhaustedRateLimitIs403WithResetHeaders() throws Exception {
    wm.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(403)
        .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "0")
        .withHeader("x-ratelimit-used", "5000")
        .withHeader("x-ratelimit-reset", String.valueOf(NOW.getEpochSecond() + 1800))
        .withHeader("Content-Type", "application/json")
        .withBody(errorBody("API rate limit exceeded for user ID 9001."))));
    var e = failure(() -> provider().open(change()));
    assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofMinutes(30));
    assertThat(e.getMessage()).contains("API rate limit exceeded").contains("retry after 1800 s");
  }

  @Test
  void aDuplicateIsRejectedWithGitHubsValidationErrors() throws Exception {
    wm.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"PullRequest\","
            + "\"code\":\"custom\",\"message\":\"A pull request already exists for"
            + " acme:profiles/update/team-nginx.\"}],\"documentation_url\":"
            + "\"https://docs.github.com/rest/pulls/pulls#create-a-pull-request\","
            + "\"status\":\"422\"}")));
    var e = failure(() -> provider().open(change()));
    assertThat(e.reason()).isEqualTo(Reason.REJECTED);
    assertThat(e.getMessage()).contains("Validation Failed").contains("already exists");
  }

  @Test
  void gitHubEnterpriseLivesUnderApiV3() throws Exception {
    wm.stubFor(get(urlPathEqualTo("/api/v3" + PULLS)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("[" + pull(3, "open", null, "b", "t") + "]")));
    assertThat(provider("/api/v3", TOKEN).find("b")).map(PullRequest::id).contains("3");
  }

  @Test
  void withoutATokenNoAuthorizationIsSent() throws Exception {
    stubList("[]");
    provider("", "").find("b");
    wm.verify(getRequestedFor(urlPathEqualTo(PULLS)).withoutHeader("Authorization"));
  }

  static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
