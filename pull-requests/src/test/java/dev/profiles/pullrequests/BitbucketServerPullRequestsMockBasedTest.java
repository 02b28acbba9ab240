package dev.profiles.pullrequests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.update.PullRequest;
import dev.profiles.core.update.PullRequestException.Reason;
import org.junit.jupiter.api.Test;

/** The Bitbucket Server/Data Center provider against WireMock replaying REST API 1.0. */
class BitbucketServerPullRequestsMockBasedTest extends HostMockBasedContract {
  static final String PRS = "/rest/api/1.0/projects/PLAT/repos/gitops/pull-requests";

  @Override
  PullRequestHost host() {
    return PullRequestHost.BITBUCKET_SERVER;
  }

  @Override
  String repository() {
    return "PLAT/gitops";
  }

  @Override
  String errorBody(String message) {
    return "{\"errors\":[{\"context\":null,\"message\":\"" + message + "\",\"exceptionName\":"
        + "\"com.atlassian.bitbucket.AuthorisationException\"}]}";
  }

  @Override
  String pathPattern(String prefix) {
    return prefix + "/rest/api/1.0/projects/PLAT/repos/gitops/pull-requests.*";
  }

  @Override
  String emptyList() {
    return "{\"size\":0,\"limit\":25,\"isLastPage\":true,\"values\":[],\"start\":0}";
  }

  static String ref(String branch) {
    return """
        {"id":"refs/heads/%1$s","displayId":"%1$s","latestCommit":
         "8d51122def5632836d1cb1026e879069e10a1e13","type":"BRANCH",
         "repository":{"slug":"gitops","id":84,"name":"gitops","scmId":"git","state":"AVAILABLE",
          "forkable":true,"project":{"key":"PLAT","id":84,"name":"Platform","type":"NORMAL"},
          "public":false}}
        """.formatted(branch);
  }

  static String pr(int id, int version, String state, String from, String title) {
    return """
        {"id":%1$d,"version":%2$d,"title":"%5$s","description":"## Preview","state":"%3$s",
         "open":%6$s,"closed":%7$s,"createdDate":1764496800000,"updatedDate":1764500400000,
         "fromRef":%4$s,"toRef":%8$s,"locked":false,
         "author":{"user":{"name":"profiles-bot","emailAddress":"bot@example.com","id":101,
          "displayName":"Profiles Bot","active":true,"slug":"profiles-bot","type":"NORMAL"},
          "role":"AUTHOR","approved":false,"status":"UNAPPROVED"},
         "reviewers":[{"user":{"name":"alice","emailAddress":"alice@example.com","id":102,
          "displayName":"Alice","active":true,"slug":"alice","type":"NORMAL"},
          "role":"REVIEWER","approved":false,"status":"UNAPPROVED"}],
         "participants":[],
         "links":{"self":[{"href":"https://bitbucket.example.com/projects/PLAT/repos/gitops/pull-requests/%1$d"}]}}
        """.formatted(id, version, state, ref(from), title, state.equals("OPEN"),
        !state.equals("OPEN"), ref("main"));
  }

  static String paged(String... values) {
    return "{\"size\":" + values.length + ",\"limit\":25,\"isLastPage\":true,\"values\":["
        + String.join(",", values) + "],\"start\":0}";
  }

  private void stubList(String body) {
    wm.stubFor(get(urlPathEqualTo(PRS)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body)));
  }

  @Test
  void findAsksForOutgoingRequestsAtTheBranchInAnyStateWithABearerToken() throws Exception {
    stubList(emptyList());
    assertThat(provider().find("profiles/update/team-nginx")).isEmpty();
    wm.verify(getRequestedFor(urlPathEqualTo(PRS))
        .withQueryParam("at", equalTo("refs/heads/profiles/update/team-nginx"))
        .withQueryParam("direction", equalTo("OUTGOING"))
        .withQueryParam("state", equalTo("ALL"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }

  @Test
  void findReadsOpenDeclinedAndMerged() throws Exception {
    String head = "profiles/update/team-nginx";
    stubList(paged(pr(11, 0, "OPEN", head, "Update nginx")));
    assertThat(provider().find(head)).contains(new PullRequest("11",
        "https://bitbucket.example.com/projects/PLAT/repos/gitops/pull-requests/11", head,
        "main", "Update nginx", PullRequest.State.OPEN));
    stubList(paged(pr(10, 2, "DECLINED", head, "t")));
    assertThat(provider().find(head)).map(PullRequest::state).contains(PullRequest.State.CLOSED);
    stubList(paged(pr(9, 3, "MERGED", head, "t"), pr(8, 0, "DECLINED", head, "t")));
    assertThat(provider().find(head)).map(PullRequest::id).contains("9");
    stubList(paged(pr(7, 0, "OPEN", "profiles/update/team-nginx-2", "other")));
    assertThat(provider().find(head)).isEmpty();
  }

  @Test
  void openPostsFromRefAndToRefOfTheRepository() throws Exception {
    wm.stubFor(post(urlPathEqualTo(PRS)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(pr(12, 0, "OPEN", change().headBranch(), change().title()))));
    PullRequest opened = provider().open(change());
    assertThat(opened.id()).isEqualTo("12");
    assertThat(opened.headBranch()).isEqualTo(change().headBranch());
    wm.verify(postRequestedFor(urlPathEqualTo(PRS))
        .withRequestBody(matchingJsonPath("$.title", equalTo(change().title())))
        .withRequestBody(matchingJsonPath("$.description", equalTo(change().body())))
        .withRequestBody(matchingJsonPath("$.fromRef.id",
            equalTo("refs/heads/profiles/update/team-nginx")))
        .withRequestBody(matchingJsonPath("$.fromRef.repository.slug", equalTo("gitops")))
        .withRequestBody(matchingJsonPath("$.fromRef.repository.project.key", equalTo("PLAT")))
        .withRequestBody(matchingJsonPath("$.toRef.id", equalTo("refs/heads/main"))));
  }

  @Test
  void updateSendsTheCurrentVersionAndKeepsTheReviewers() throws Exception {
    wm.stubFor(get(urlPathEqualTo(PRS + "/7")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(pr(7, 4, "OPEN", change().headBranch(), "Update nginx to v0.1.1"))));
    wm.stubFor(put(urlPathEqualTo(PRS + "/7")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(pr(7, 5, "OPEN", change().headBranch(), change().title()))));
    assertThat(provider().update(existing(), change()).title()).isEqualTo(change().title());
    wm.verify(putRequestedFor(urlPathEqualTo(PRS + "/7"))
        .withRequestBody(matchingJsonPath("$.version", equalTo("4")))
        .withRequestBody(matchingJsonPath("$.title", equalTo(change().title())))
        .withRequestBody(matchingJsonPath("$.description", equalTo(change().body())))
        .withRequestBody(matchingJsonPath("$.reviewers[0].user.name", equalTo("alice"))));
  }

  @Test
  void aStaleVersionIsAConflict() throws Exception {
    wm.stubFor(get(urlPathEqualTo(PRS + "/7")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(pr(7, 4, "OPEN", change().headBranch(), "t"))));
    wm.stubFor(put(urlPathEqualTo(PRS + "/7")).willReturn(aResponse().withStatus(409)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errors\":[{\"context\":null,\"message\":\"You are attempting to modify a"
            + " pull request based on out-of-date information.\",\"exceptionName\":"
            + "\"com.atlassian.bitbucket.pull.PullRequestOutOfDateException\",\"currentVersion\":"
            + "5,\"expectedVersion\":4}]}")));
    var e = failure(() -> provider().update(existing(), change()));
    assertThat(e.reason()).isEqualTo(Reason.REJECTED);
    assertThat(e.getMessage()).contains("out-of-date information");
  }

  @Test
  void aRemoteUnderScmGivesProjectAndSlug() {
    var p = PullRequestProviders.builder().host(PullRequestHost.BITBUCKET_SERVER)
        .remote("https://bitbucket.example.com/scm/PLAT/gitops.git").token(TOKEN).build();
    assertThat(p.toString()).contains("PLAT/gitops").contains("bitbucket.example.com")
        .doesNotContain(TOKEN);
    var ssh = PullRequestProviders.builder().host(PullRequestHost.BITBUCKET_SERVER)
        .remote("ssh://git@bitbucket.example.com:7999/plat/gitops.git").token(TOKEN).build();
    assertThat(ssh.toString()).contains("plat/gitops").contains("bitbucket.example.com");
  }
}
