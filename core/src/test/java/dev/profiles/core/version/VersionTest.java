package dev.profiles.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionTest {
  @Test
  void sortsTheSemverSpecExampleInOrder() {
    List<String> expected = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
        "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0",
        "2.1.1");
    List<Version> shuffled = new ArrayList<>(expected.stream().map(Version::parse).toList());
    Collections.shuffle(shuffled, new java.util.Random(7));

    Collections.sort(shuffled);

    assertThat(shuffled).extracting(Version::toString).containsExactlyElementsOf(expected);
  }

  @Test
  void rejectsWhatIsNotSemver() {
    for (String bad : List.of("1.0", "1", "01.0.0", "1.0.0-", "1.0.0-01", "v", "vv1.0.0",
        "1.0.0+", "1.0.0-a..b", "latest", "1.0.0 ", "99999999999999999999.0.0",
        "1.0.0-" + "a".repeat(300))) {
      assertThat(Version.tryParse(bad)).as(bad).isEmpty();
    }
    assertThatThrownBy(() -> Version.parse("1.0"))
        .isInstanceOf(dev.profiles.core.ProfilesConfigurationException.class).hasMessage("'1.0' is not a semantic version");
  }

  @Test
  void keepsTheLeadingVAsWritten() {
    assertThat(Version.parse("v0.1.0").hasPrefix()).isTrue();
    assertThat(Version.parse("v0.1.0")).hasToString("v0.1.0");
    assertThat(Version.parse("v0.1.0").comparePrecedence(Version.parse("0.1.0"))).isZero();
  }

  @Test
  void parsesProfileTagsOneLevelDeep() {
    VersionTag t = VersionTag.parse("nginx/v0.1.0").orElseThrow();
    assertThat(t.profileName()).contains("nginx");
    assertThat(t.version()).isEqualTo(Version.parse("v0.1.0"));
    assertThat(t).hasToString("nginx/v0.1.0");
    assertThat(VersionTag.parse("0.2.0").orElseThrow().profileName()).isEmpty();
    assertThat(VersionTag.parse("a/b/v1.0.0")).isEmpty();
    assertThat(VersionTag.parse("nginx/latest")).isEmpty();
    assertThat(VersionTag.parse("/v1.0.0")).isEmpty();
    assertThat(VersionTag.parse("nginx/v1.0.0").orElseThrow().isFor("nginx")).isTrue();
    assertThat(VersionTag.parse("nginx/v1.0.0").orElseThrow().isFor("redis")).isFalse();
  }

  @Test
  void highestPicksTheGreatestVersion() {
    assertThat(Version.highest(List.of(Version.parse("1.2.0"), Version.parse("1.10.0"),
        Version.parse("1.10.0-rc.1")))).contains(Version.parse("1.10.0"));
    assertThat(Version.highest(List.of())).isEmpty();
  }
}
