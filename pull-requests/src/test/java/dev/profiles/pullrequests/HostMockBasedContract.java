package dev.profiles.pullrequests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.profiles.core.update.PullRequest;
import dev.profiles.core.update.PullRequestChange;
import dev.profiles.core.update.PullRequestException;
import dev.profiles.core.update.PullRequestException.Reason;
import dev.profiles.core.update.PullRequestProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every provider must do against its host's API stand-in (WireMock): map each error
 * status to its reason and retry time, quote the host's answer without the token, refuse
 * oversized and malformed answers, not follow redirects, and fail as unreachable when the host
 * does not answer. Each host's test class supplies its documented error body and paths.
 */
abstract class HostMockBasedContract {
  static final String TOKEN = "tok_9f8e7d6c5b4a39281706";
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  WireMockServer wm;

  @BeforeEach
  void startHost() {
    wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
  }

  @AfterEach
  void stopHost() {
    wm.stop();
  }

  abstract PullRequestHost host();

  /** The repository the tests use, in the host's form. */
  abstract String repository();

  /** The host's documented JSON error body carrying {@code message}. */
  abstract String errorBody(String message);

  /** A regular expression of every API path of {@link #repository()} under {@code prefix}. */
  abstract String pathPattern(String prefix);

  /** The API URL under which the host's documented paths live, on the stand-in. */
  String apiUrl(String prefix) {
    return "http://127.0.0.1:" + wm.port() + prefix;
  }

  PullRequestProvider provider(String prefix, String token) {
    return PullRequestProviders.builder().host(host()).apiUrl(URI.create(apiUrl(prefix)))
        .repository(repository()).token(token).allowHttp(true).clock(CLOCK)
        .timeout(Duration.ofSeconds(5)).build();
  }

  PullRequestProvider provider() {
    return provider("", TOKEN);
  }

  static PullRequestChange change() {
    return new PullRequestChange("profiles/update/team-nginx", "main",
        "Update nginx to v0.2.0", "## Preview\n\n- `team-nginx/helm-release.yaml` changed\n");
  }

  PullRequest existing() {
    return new PullRequest("7", "https://example.invalid/7", "profiles/update/team-nginx",
        "main", "Update nginx to v0.1.1", PullRequest.State.OPEN);
  }

  void stubAll(ResponseDefinitionBuilder answer) {
    wm.resetAll();
    wm.stubFor(any(anyUrl()).willReturn(answer));
  }

  PullRequestException failure(ThrowingCall call) {
    PullRequestException e = catchThrowableOfType(PullRequestException.class, call::run);
    assertThat(e).as("a PullRequestException").isNotNull();
    assertNoToken(e);
    assertThat(e.getMessage()).doesNotContain("\n").startsWith(host().label() + ": ");
    return e;
  }

  static void assertNoToken(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString() + e).doesNotContain(TOKEN);
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  record Case(int status, String header, String headerValue, Reason reason,
      Optional<Duration> retry) {}

  @Test
  void eachErrorStatusHasItsReasonAndQuotesTheHostsAnswer() {
    List<Case> cases = List.of(
        new Case(401, null, null, Reason.UNAUTHORIZED, Optional.empty()),
        new Case(403, null, null, Reason.FORBIDDEN, Optional.empty()),
        new Case(404, null, null, Reason.NOT_FOUND, Optional.empty()),
        new Case(409, null, null, Reason.REJECTED, Optional.empty()),
        new Case(422, null, null, Reason.REJECTED, Optional.empty()),
        new Case(400, null, null, Reason.REJECTED, Optional.empty()),
        new Case(429, "Retry-After", "120", Reason.RATE_LIMITED,
            Optional.of(Duration.ofSeconds(120))),
        new Case(429, null, null, Reason.RATE_LIMITED, Optional.empty()),
        new Case(403, "Retry-After", "30", Reason.RATE_LIMITED,
            Optional.of(Duration.ofSeconds(30))),
        new Case(429, "Retry-After", "Tue, 01 Dec 2026 12:05:00 GMT", Reason.RATE_LIMITED,
            Optional.of(Duration.ofMinutes(5))),
        new Case(429, "RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 90),
            Reason.RATE_LIMITED, Optional.of(Duration.ofSeconds(90))),
        new Case(500, null, null, Reason.HOST_ERROR, Optional.empty()),
        new Case(503, null, null, Reason.HOST_ERROR, Optional.empty()));
    for (Case c : cases) {
      ResponseDefinitionBuilder answer = aResponse().withStatus(c.status())
          .withHeader("Content-Type", "application/json")
          .withBody(errorBody("the host says no " + c.status()));
      if (c.header() != null) {
        answer = answer.withHeader(c.header(), c.headerValue());
      }
      stubAll(answer);
      for (ThrowingCall call : List.<ThrowingCall>of(
          () -> provider().find("profiles/update/team-nginx"),
          () -> provider().open(change()),
          () -> provider().update(existing(), change()))) {
        PullRequestException e = failure(call);
        assertThat(e.reason()).as(c.toString()).isEqualTo(c.reason());
        assertThat(e.status()).isEqualTo(c.status());
        assertThat(e.retryAfter()).as(c.toString()).isEqualTo(c.retry());
        assertThat(e.getMessage()).contains("HTTP " + c.status())
            .contains("the host says no " + c.status()).contains("127.0.0.1:" + wm.port())
            .contains(repository());
      }
    }
  }

  @Test
  void aHostThatEchoesTheTokenHasItRedacted() {
    stubAll(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
        .withBody(errorBody("token " + TOKEN + " is not valid; also " + TOKEN)));
    PullRequestException e = failure(() -> provider().open(change()));
    assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
    assertThat(e.getMessage()).contains("token *** is not valid");
    assertThat(provider().toString()).doesNotContain(TOKEN).contains(repository());
  }

  @Test
  void aNonJsonErrorPageIsQuotedTruncatedOnOneLine() {
    String page = "<html>\n<body>Bad gateway " + "x".repeat(1000) + "</body></html>";
    stubAll(aResponse().withStatus(502).withBody(page));
    PullRequestException e = failure(() -> provider().find("b"));
    assertThat(e.reason()).isEqualTo(Reason.HOST_ERROR);
    assertThat(e.getMessage()).contains("<html> <body>Bad gateway").contains("...")
        .hasSizeLessThan(600);
  }

  @Test
  void aSuccessThatIsNotJsonOrNotAsDocumentedIsAHostError() {
    stubAll(aResponse().withStatus(200).withBody("<html>login</html>"));
    assertThat(failure(() -> provider().find("b")).reason()).isEqualTo(Reason.HOST_ERROR);
    stubAll(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"unexpected\": true}"));
    PullRequestException e = failure(() -> provider().open(change()));
    assertThat(e.reason()).isEqualTo(Reason.HOST_ERROR);
    assertThat(e.getMessage()).contains("not as documented");
  }

  @Test
  void anOversizedAnswerIsRefused() {
    stubAll(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("[" + "0,".repeat(dev.profiles.pullrequests.internal.HostApi.MAX_BODY / 2)
            + "0]"));
    PullRequestException e = failure(() -> provider().find("b"));
    assertThat(e.reason()).isEqualTo(Reason.HOST_ERROR);
    assertThat(e.getMessage()).contains("larger than");
  }

  @Test
  void aRedirectIsNotFollowedSoTheTokenStaysHome() {
    stubAll(aResponse().withStatus(301).withHeader("Location",
        apiUrl("/elsewhere") + "/moved"));
    PullRequestException e = failure(() -> provider().find("b"));
    assertThat(e.reason()).isEqualTo(Reason.HOST_ERROR);
    assertThat(e.getMessage()).contains("redirect, not followed");
    wm.verify(0, anyRequestedFor(urlPathMatching("/elsewhere.*")));
  }

  @Test
  void aHostThatIsDownOrSilentIsUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PullRequestProvider down = PullRequestProviders.builder().host(host())
        .apiUrl(URI.create("http://127.0.0.1:" + port)).repository(repository()).token(TOKEN)
        .allowHttp(true).build();
    PullRequestException e = failure(() -> down.open(change()));
    assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
    assertThat(e.status()).isZero();

    stubAll(aResponse().withStatus(200).withBody("[]").withFixedDelay(3000));
    PullRequestProvider impatient = PullRequestProviders.builder().host(host())
        .apiUrl(URI.create(apiUrl(""))).repository(repository()).token(TOKEN).allowHttp(true)
        .timeout(Duration.ofMillis(200)).build();
    PullRequestException slow = failure(() -> impatient.find("b"));
    assertThat(slow.reason()).isEqualTo(Reason.UNREACHABLE);
    assertThat(slow.getMessage()).contains("no answer within");

    // Headers at once, then a body dribbled slower than the timeout.
    stubAll(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("[" + " ".repeat(2000) + "]").withChunkedDribbleDelay(20, 3000));
    PullRequestException dribbled = failure(() -> impatient.find("b"));
    assertThat(dribbled.reason()).isEqualTo(Reason.UNREACHABLE);
    assertThat(dribbled.getMessage()).contains("the answer did not arrive within");
  }

  @Test
  void aSelfHostedApiUnderAPathPrefixIsCalledThere() throws Exception {
    stubAll(aResponse().withStatus(404).withBody(errorBody("not here")));
    wm.stubFor(any(urlPathMatching(pathPattern("/git/tools"))).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(emptyList())));
    assertThat(provider("/git/tools", TOKEN).find("profiles/update/team-nginx")).isEmpty();
    wm.verify(anyRequestedFor(urlPathMatching(pathPattern("/git/tools"))));
  }

  @Test
  void plainHttpIsRefusedUnlessAllowed() {
    assertThatThrownBy(() -> PullRequestProviders.builder().host(host())
        .apiUrl(URI.create(apiUrl(""))).repository(repository()).token(TOKEN).build())
        .isInstanceOf(dev.profiles.core.ProfilesConfigurationException.class)
        .hasMessageContaining("plain http").hasMessageNotContaining(TOKEN);
  }

  /** The body of a list answer with no requests. */
  String emptyList() {
    return "[]";
  }
}
