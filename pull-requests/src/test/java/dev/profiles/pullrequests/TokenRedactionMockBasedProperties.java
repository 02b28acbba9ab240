package dev.profiles.pullrequests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.update.PullRequestChange;
import dev.profiles.core.update.PullRequestException;
import dev.profiles.core.update.PullRequestProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * For arbitrary tokens, on every host, whatever the host echoes back: no exception message,
 * stack trace or provider {@code toString()} contains the token.
 */
class TokenRedactionMockBasedProperties {
  static WireMockServer wm;

  @BeforeContainer
  static void start() {
    wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
  }

  @AfterContainer
  static void stop() {
    wm.stop();
  }

  /** Tokens as hosts issue them: letters, digits, '_' and '-' (ghp_..., glpat-...). */
  @Provide
  Arbitrary<String> tokens() {
    return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
        .withCharRange('0', '9').withChars('_', '-').ofMinLength(8).ofMaxLength(120);
  }

  @Provide
  Arbitrary<String> echoes() {
    return Arbitraries.of("{\"message\":\"bad token %s\"}", "{\"message\":[\"%s\"]}",
        "{\"errors\":[{\"message\":\"token %s rejected\"}]}", "Unauthorized: %s",
        "<html>" + "x".repeat(190) + "%s</html>", "%s%s%s", "{\"error\":\"%s\"}");
  }

  @Property(tries = 100)
  void noTokenInAnyFailure(@ForAll("tokens") String token, @ForAll("echoes") String echo,
      @ForAll PullRequestHost host, @ForAll("statuses") int status) {
    wm.resetAll();
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(echo.replace("%s", token))));
    PullRequestProvider p = PullRequestProviders.builder().host(host)
        .apiUrl(URI.create("http://127.0.0.1:" + wm.port())).repository("acme/gitops")
        .token(token).allowHttp(true).build();
    Throwable e = catchThrowable(() -> p.open(new PullRequestChange("b", "main", "t", "")));
    assertThat(e).isInstanceOf(PullRequestException.class);
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(token);
    assertThat(e.toString()).doesNotContain(token);
    assertThat(p.toString()).doesNotContain(token);
  }

  @Provide
  Arbitrary<Integer> statuses() {
    return Arbitraries.of(200, 201, 400, 401, 403, 404, 409, 422, 429, 500, 502);
  }

  /** A token HTTP cannot carry is refused when building, without quoting it. */
  @Property(tries = 200)
  void aTokenWithForbiddenCharactersIsRefusedUnshown(@ForAll("tokens") String token,
      @ForAll("badChars") char bad) {
    String t = token.substring(0, 4) + bad + token.substring(4);
    Throwable e = catchThrowable(() -> PullRequestProviders.builder()
        .host(PullRequestHost.GITHUB).repository("acme/gitops").token(t)
        .apiUrl(URI.create("https://api.github.com")).build());
    assertThat(e).isInstanceOf(ProfilesConfigurationException.class);
    assertThat(e.getMessage()).doesNotContain(t).doesNotContain(token);
  }

  @Provide
  Arbitrary<Character> badChars() {
    return Arbitraries.of('\n', '\r', ' ', '\t', '\u0000', '\u007f', '\u00e9', '\u2028');
  }
}
