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

/** The GitLab provider against WireMock replaying GitLab's documented v4 merge-request API. */
class GitLabMergeRequestsMockBasedTest extends HostMockBasedContract {
  /** The project path {@code platform/team-a/gitops}, URL-encoded as GitLab documents. */
  static final String MRS = "/api/v4/projects/platform%2Fteam-a%2Fgitops/merge_requests";

  @Override
  PullRequestHost host() {
    return PullRequestHost.GITLAB;
  }

  @Override
  String repository() {
    return "platform/team-a/gitops";
  }

  @Override
  String errorBody(String message) {
    return "{\"message\":\"" + message + "\"}";
  }

  @Override
  String pathPattern(String prefix) {
    return prefix + "/api/v4/projects/platform%2Fteam-a%2Fgitops/merge_requests.*";
  }

  static String mr(int iid, String state, String source, String title) {
    return """
        {"id":9%1$d00,"iid":%1$d,"project_id":278964,"title":"%4$s","description":"## Preview",
         "state":"%2$s","created_at":"2026-11-30T10:00:00.000Z",
         "updated_at":"2026-11-30T11:00:00.000Z","merged_by":null,"merged_at":null,
         "closed_by":null,"closed_at":null,"target_branch":"main","source_branch":"%3$s",
         "user_notes_count":0,"upvotes":0,"downvotes":0,
         "author":{"id":1,"username":"profiles-bot","name":"Profiles Bot","state":"active"},
         "assignees":[],"reviewers":[],"source_project_id":278964,"target_project_id":278964,
         "labels":[],"draft":false,"work_in_progress":false,"merge_when_pipeline_succeeds":false,
         "merge_status":"can_be_merged","detailed_merge_status":"mergeable",
         "sha":"8888888888888888888888888888888888888888","squash":false,
         "references":{"short":"!%1$d","full":"platform/team-a/gitops!%1$d"},
         "web_url":"https://gitlab.example.com/platform/team-a/gitops/-/merge_requests/%1$d",
         "has_conflicts":false,"blocking_discussions_resolved":true}
        """.formatted(iid, state, source, title);
  }

  private void stubList(String body) {
    wm.stubFor(get(urlPathEqualTo(MRS)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withHeader("X-Total", "1")
        .withBody(body)));
  }

  @Test
  void findFiltersBySourceBranchInAnyStateWithThePrivateTokenHeader() throws Exception {
    stubList("[]");
    assertThat(provider().find("profiles/update/team-nginx")).isEmpty();
    wm.verify(getRequestedFor(urlPathEqualTo(MRS))
        .withQueryParam("source_branch", equalTo("profiles/update/team-nginx"))
        .withQueryParam("state", equalTo("all"))
        .withHeader("PRIVATE-TOKEN", equalTo(TOKEN)).withoutHeader("Authorization"));
  }

  @Test
  void findReadsEveryState() throws Exception {
    String head = "profiles/update/team-nginx";
    stubList("[" + mr(5, "opened", head, "Update nginx") + "]");
    assertThat(provider().find(head)).contains(new PullRequest("5",
        "https://gitlab.example.com/platform/team-a/gitops/-/merge_requests/5", head, "main",
        "Update nginx", PullRequest.State.OPEN));
    stubList("[" + mr(5, "locked", head, "t") + "]");
    assertThat(provider().find(head)).map(PullRequest::state).contains(PullRequest.State.OPEN);
    stubList("[" + mr(4, "closed", head, "t") + "]");
    assertThat(provider().find(head)).map(PullRequest::state).contains(PullRequest.State.CLOSED);
    stubList("[" + mr(3, "merged", head, "t") + "]");
    assertThat(provider().find(head)).map(PullRequest::state).contains(PullRequest.State.MERGED);
    stubList("[" + mr(3, "reopened-someday", head, "t") + "]");
    assertThat(failure(() -> provider().find(head)).reason()).isEqualTo(Reason.HOST_ERROR);
  }

  @Test
  void openPostsSourceTargetTitleAndDescription() throws Exception {
    wm.stubFor(post(urlPathEqualTo(MRS)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(mr(6, "opened", change().headBranch(), change().title()))));
    PullRequest pr = provider().open(change());
    assertThat(pr.id()).isEqualTo("6");
    assertThat(pr.url()).endsWith("/-/merge_requests/6");
    wm.verify(postRequestedFor(urlPathEqualTo(MRS))
        .withRequestBody(matchingJsonPath("$.source_branch", equalTo(change().headBranch())))
        .withRequestBody(matchingJsonPath("$.target_branch", equalTo("main")))
        .withRequestBody(matchingJsonPath("$.title", equalTo(change().title())))
        .withRequestBody(matchingJsonPath("$.description", equalTo(change().body()))));
  }

  @Test
  void updatePutsByIid() throws Exception {
    wm.stubFor(put(urlPathEqualTo(MRS + "/7")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(mr(7, "opened", change().headBranch(), change().title()))));
    assertThat(provider().update(existing(), change()).title()).isEqualTo(change().title());
    wm.verify(putRequestedFor(urlPathEqualTo(MRS + "/7"))
        .withRequestBody(matchingJsonPath("$.title", equalTo(change().title())))
        .withRequestBody(matchingJsonPath("$.description", equalTo(change().body()))));
  }

  @Test
  void anotherOpenRequestForTheBranchIsAConflict() throws Exception {
    wm.stubFor(post(urlPathEqualTo(MRS)).willReturn(aResponse().withStatus(409)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":[\"Another open merge request already exists for this source"
            + " branch: !5\"]}")));
    var e = failure(() -> provider().open(change()));
    assertThat(e.reason()).isEqualTo(Reason.REJECTED);
    assertThat(e.getMessage()).contains("Another open merge request already exists");
  }

  @Test
  void aRateLimitSaysWhenItResets() throws Exception {
    wm.stubFor(get(urlPathEqualTo(MRS)).willReturn(aResponse().withStatus(429)
        .withHeader("RateLimit-Limit", "600").withHeader("RateLimit-Remaining", "0")
        .withHeader("RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 60))
        .withHeader("Retry-After", "60").withBody("Retry later\n")));
    var e = failure(() -> provider().find("b"));
    assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(60));
    assertThat(e.getMessage()).contains("Retry later");
  }

  @Test
  void aTopLevelProjectAndASelfManagedPrefixWork() throws Exception {
    String path = "/gitlab/api/v4/projects/ops%2Fgitops/merge_requests";
    wm.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("[" + mr(1, "opened", "b",
            "t") + "]")));
    var p = PullRequestProviders.builder().host(PullRequestHost.GITLAB)
        .apiUrl(java.net.URI.create(apiUrl("/gitlab"))).repository("ops/gitops").token(TOKEN)
        .allowHttp(true).build();
    assertThat(p.find("b")).map(PullRequest::id).contains("1");
  }
}
