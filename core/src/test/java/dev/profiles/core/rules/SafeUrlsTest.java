package dev.profiles.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** git's user-info grammar: everything before the last '@' of the authority is a secret. */
class SafeUrlsTest {
  @Test
  void passwordsMayHoldAtSignsColonsAndOtherPunctuation() {
    assertThat(SafeUrls.redact("https://bob:p@ss@example.com/org/repo"))
        .isEqualTo("https://example.com/org/repo");
    assertThat(SafeUrls.redact("https://bob:a:b#c?d e%40f@example.com:8443/x"))
        .isEqualTo("https://example.com:8443/x");
    assertThat(SafeUrls.redact("ssh://git:p@ss:w0rd@example.com:22/x"))
        .isEqualTo("ssh://git@example.com:22/x");
    assertThat(SafeUrls.redact("HTTP://tok@en@example.com")).isEqualTo("HTTP://example.com");
  }

  @Test
  void scpLikeUrlsLoseEverythingButTheUserBeforeTheLastAt() {
    assertThat(SafeUrls.redact("git@example.com:org/repo.git"))
        .isEqualTo("git@example.com:org/repo.git");
    assertThat(SafeUrls.redact("git:pa@ss@example.com:org/repo.git"))
        .isEqualTo("git@example.com:org/repo.git");
    assertThat(SafeUrls.redact("u:s3cret@127.0.0.1:repo")).isEqualTo("u@127.0.0.1:repo");
  }

  @Test
  void pathsAndTextWithoutUserInfoAreUnchanged() {
    for (String s : new String[] {"/srv/me@work/profiles", "./a@b/c", "file:///tmp/x@y",
        "https://example.com/org/repo@v1", "not a url", "C:\\repos\\x"}) {
      assertThat(SafeUrls.redact(s)).isEqualTo(s);
      assertThat(SafeUrls.hasSecret(s)).isFalse();
    }
  }

  @Test
  void withoutUserInfoDropsUserNamesToo() {
    assertThat(SafeUrls.withoutUserInfo("ssh://git@example.com/x"))
        .isEqualTo("ssh://example.com/x");
    assertThat(SafeUrls.withoutUserInfo("git:p@ss@example.com:x")).isEqualTo("example.com:x");
    assertThat(SafeUrls.withoutUserInfo("/plain/path")).isEqualTo("/plain/path");
  }

  @Provide
  Arbitrary<String> secrets() {
    // Any printable character but '/', which ends the authority (write it as %2F).
    return Arbitraries.strings().withCharRange(' ', '.').withCharRange('0', '~')
        .withChars('é', '中', '\u00a0').ofMinLength(1).ofMaxLength(30);
  }

  @Property(tries = 500)
  void noCharacterOfThePasswordSurvives(@ForAll("secrets") String password) {
    for (String template : new String[] {"https://u:%s@example.com/org/repo",
        "http://u:%s@example.com", "ssh://u:%s@example.com:22/x", "u:%s@example.com:org/x"}) {
      String url = template.replace("%s", password);
      String redacted = SafeUrls.redact(url);
      String expected = template.replace("u:%s@", template.startsWith("http") ? "" : "u@");
      assertThat(redacted).isEqualTo(expected);
      assertThat(SafeUrls.redact(redacted)).isEqualTo(redacted);
      assertThat(SafeUrls.hasSecret(url)).isTrue();
    }
  }
}
