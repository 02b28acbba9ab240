package dev.profiles.pullrequests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import dev.profiles.pullrequests.internal.GiteaProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Gitea/Forgejo provider against WireMock replaying Gitea's documented API v1. */
class GiteaPullRequestsMockBasedTest extends HostMockBasedContract {
  static final String PULLS = "/api/v1/repos/platform/gitops/pulls";

  @Override
  PullRequestHost host() {
    return PullRequestHost.GITEA;
  }

  @Override
  String repository() {
    return "platform/gitops";
  }

  @Override
  String errorBody(String message) {
    return "{\"message\":\"" + message + "\",\"url\":\"https://gitea.example.com/api/swagger\"}";
  }

  @Override
  String pathPattern(String prefix) {
    return prefix + "/api/v1/repos/platform/gitops/pulls.*";
  }

  static String pull(int number, String state, boolean merged, String head, String title) {
    return """
        {"id":10%1$d,"url":"https://gitea.example.com/platform/gitops/pulls/%1$d","number":%1$d,
         "user":{"id":3,"login":"profiles-bot","full_name":"Profiles Bot"},"title":"%5$s",
         "body":"## Preview","labels":[],"milestone":null,"assignee":null,"assignees":null,
         "state":"%2$s","is_locked":false,"comments":0,
         "html_url":"https://gitea.example.com/platform/gitops/pulls/%1$d",
         "diff_url":"https://gitea.example.com/platform/gitops/pulls/%1$d.diff",
         "mergeable":true,"merged":%3$s,"merged_at":%6$s,"merge_commit_sha":null,
         "merged_by":null,"allow_maintainer_edit":false,
         "base":{"label":"main","ref":"main","sha":"1b0f3c9c7d2c6e5f8a9b0c1d2e3f4a5b6c7d8e9f",
                 "repo_id":12,"repo":{"id":12,"full_name":"platform/gitops"}},
         "head":{"label":"%4$s","ref":"%4$s","sha":"2c1e4d0a8b3c7d6e9f0a1b2c3d4e5f6a7b8c9d0e",
                 "repo_id":12,"repo":{"id":12,"full_name":"platform/gitops"}},
         "merge_base":"1b0f3c9c7d2c6e5f8a9b0c1d2e3f4a5b6c7d8e9f","due_date":null,
         "created_at":"2026-11-30T10:00:00Z","updated_at":"2026-11-30T11:00:00Z",
         "closed_at":null,"pin_order":0}
        """.formatted(number, state, merged, head, title,
        merged ? "\"2026-11-30T12:00:00Z\"" : "null");
  }

  private void stubPage(int page, String body) {
    wm.stubFor(get(urlPathEqualTo(PULLS)).withQueryParam("page", equalTo(String.valueOf(page)))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(body)));
  }

  private static String page(int from, int count, String state) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(pull(from - i, state, false, "feature-" + (from - i), "other"));
    }
    return "[" + String.join(",", items) + "]";
  }

  @Test
  void findReadsTheFirstPageWithTheTokenHeaderAndStopsOnAShortPage() throws Exception {
    stubPage(1, "[" + pull(3, "open", false, "other", "x") + "]");
    assertThat(provider().find("profiles/update/team-nginx")).isEmpty();
    wm.verify(1, getRequestedFor(urlPathEqualTo(PULLS)));
    wm.verify(getRequestedFor(urlPathEqualTo(PULLS)).withQueryParam("state", equalTo("all"))
        .withQueryParam("limit", equalTo(String.valueOf(GiteaProvider.PAGE_SIZE)))
        .withHeader("Authorization", equalTo("token " + TOKEN)));
  }

  @Test
  void findReadsOpenClosedAndMergedAndPrefersTheHighestNumber() throws Exception {
    String head = "profiles/update/team-nginx";
    stubPage(1, "[" + pull(8, "open", false, head, "Update nginx") + ","
        + pull(2, "closed", false, head, "Older") + "]");
    assertThat(provider().find(head)).contains(new PullRequest("8",
        "https://gitea.example.com/platform/gitops/pulls/8", head, "main", "Update nginx",
        PullRequest.State.OPEN));
    stubPage(1, "[" + pull(2, "closed", false, head, "t") + "]");
    assertThat(provider().find(head)).map(PullRequest::state).contains(PullRequest.State.CLOSED);
    stubPage(1, "[" + pull(2, "closed", true, head, "t") + "]");
    assertThat(provider().find(head)).map(PullRequest::state).contains(PullRequest.State.MERGED);
  }

  @Test
  void findFollowsFullPagesToTheMatch() throws Exception {
    String head = "profiles/update/team-nginx";
    stubPage(1, page(100, GiteaProvider.PAGE_SIZE, "open"));
    stubPage(2, page(70, GiteaProvider.PAGE_SIZE, "closed"));
    stubPage(3, "[" + pull(12, "closed", true, head, "Found") + "]");
    assertThat(provider().find(head)).map(PullRequest::id).contains("12");
    wm.verify(3, getRequestedFor(urlPathEqualTo(PULLS)));
  }

  @Test
  void findReadsAtMostTheBoundOfPages() throws Exception {
    wm.stubFor(get(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(page(5000, GiteaProvider.PAGE_SIZE, "open"))));
    assertThat(provider().find("never-there")).isEmpty();
    wm.verify(GiteaProvider.MAX_PAGES, getRequestedFor(urlPathEqualTo(PULLS)));
  }

  @Test
  void openPostsHeadBaseTitleAndBody() throws Exception {
    wm.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(pull(9, "open", false, change().headBranch(), change().title()))));
    assertThat(provider().open(change()).url())
        .isEqualTo("https://gitea.example.com/platform/gitops/pulls/9");
    wm.verify(postRequestedFor(urlPathEqualTo(PULLS))
        .withRequestBody(matchingJsonPath("$.head", equalTo(change().headBranch())))
        .withRequestBody(matchingJsonPath("$.base", equalTo("main")))
        .withRequestBody(matchingJsonPath("$.title", equalTo(change().title())))
        .withRequestBody(matchingJsonPath("$.body", equalTo(change().body()))));
  }

  @Test
  void updatePatchesByIndex() throws Exception {
    wm.stubFor(patch(urlPathEqualTo(PULLS + "/7")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(pull(7, "open", false, change().headBranch(), change().title()))));
    assertThat(provider().update(existing(), change()).id()).isEqualTo("7");
    wm.verify(patchRequestedFor(urlPathEqualTo(PULLS + "/7"))
        .withRequestBody(matchingJsonPath("$.title", equalTo(change().title())))
        .withRequestBody(matchingJsonPath("$.body", equalTo(change().body()))));
  }

  @Test
  void anExistingRequestForTheBranchIsAConflict() throws Exception {
    wm.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(409)
        .withHeader("Content-Type", "application/json")
        .withBody(errorBody("pull request already exists for these targets [id: 8, issue_id:"
            + " 15, head_repo_id: 12, base_repo_id: 12, head_branch:"
            + " profiles/update/team-nginx, base_branch: main]"))));
    var e = failure(() -> provider().open(change()));
    assertThat(e.reason()).isEqualTo(Reason.REJECTED);
    assertThat(e.getMessage()).contains("pull request already exists");
  }

  @Test
  void forgejoIsTheSameProvider() {
    assertThat(PullRequestHost.named("forgejo")).isEqualTo(PullRequestHost.GITEA);
    assertThat(PullRequestProviders.detect("https://codeberg.org/acme/gitops.git"))
        .contains(PullRequestHost.GITEA);
  }
}
