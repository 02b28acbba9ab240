package dev.profiles.git.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

class RepoUrlsProperties {
  @Property(tries = 300)
  void cacheNamesNeverCarrySecretsAndAreSafeDirectoryNames(
      @ForAll @AlphaChars @StringLength(min = 6, max = 20) String secret) {
    String name = RepoUrls.cacheName("https://user:" + secret + "@example.com/org/" + secret);
    assertThat(name).matches("[A-Za-z0-9-]+").doesNotContain("user-" + secret);
    assertThat(RepoUrls.canonical("https://user:" + secret + "@example.com/r"))
        .isEqualTo("https://example.com/r");
  }
}
