package dev.profiles.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.rules.KubernetesNames;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A tag is a version exactly when it is {@code <semver>} or {@code <label>/<semver>}: checked
 * against an independent definition for arbitrary strings, and for many near misses.
 */
class VersionTagProperties {
  @Property(tries = 2000)
  void aTagIsAVersionExactlyWhenItHasTheStrictShape(@ForAll("tags") String tag) {
    Optional<VersionTag> parsed = VersionTag.parse(tag);

    assertThat(parsed.isPresent()).as(tag).isEqualTo(reference(tag));
    assertThat(VersionTag.isVersionTag(tag)).isEqualTo(parsed.isPresent());
    parsed.ifPresent(t -> {
      assertThat(t).hasToString(tag);
      assertThat(t.profileName().map(KubernetesNames::isLabel)).isNotEqualTo(Optional.of(false));
    });
  }

  @Property
  void everyLabelAndVersionMakeATagThatParsesBack(@ForAll("labels") String name,
      @ForAll("versions") String version) {
    VersionTag tag = VersionTag.of(name, Version.parse(version));

    assertThat(VersionTag.parse(tag.toString())).contains(tag);
    assertThat(tag.profileName()).contains(name);
    assertThat(VersionTag.parse(version)).contains(VersionTag.bare(Version.parse(version)));
  }

  @Property
  void ofRefusesWhatParseWouldNotAccept(@ForAll("badNames") String name) {
    assertThatThrownBy(() -> VersionTag.of(name, Version.of(1, 0, 0)))
        .isInstanceOf(ProfilesConfigurationException.class);
    assertThat(VersionTag.parse(name + "/v1.0.0")).isEmpty();
  }

  @Example
  void theShapesNamedInTheIssueAreNotVersions() {
    for (String tag : new String[] {"../v1.0.0", "./v1.0.0", "a/b/v1.0.0", "/v1.0.0",
        "nginx//v1", "nginx//v1.0.0", "Nginx/v1.0.0", "ng\ninx/v1.0.0", "nginx/v1.0.0/",
        "-nginx/v1.0.0", "nginx-/v1.0.0", "ngi_nx/v1.0.0", "nginx/\tv1.0.0", "nginx/v1.0.0\n",
        "x".repeat(64) + "/v1.0.0", "nginx/", "/", ""}) {
      assertThat(VersionTag.parse(tag)).as(tag).isEmpty();
    }
    assertThat(VersionTag.parse((String) null)).isEmpty();
    assertThat(VersionTag.parse("x".repeat(63) + "/v1.0.0")).isPresent();
  }

  /** The rule, written independently of the production code. */
  private static boolean reference(String tag) {
    String[] parts = tag.split("/", -1);
    if (parts.length == 1) {
      return Version.tryParse(tag).isPresent();
    }
    return parts.length == 2 && parts[0].matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")
        && Version.tryParse(parts[1]).isPresent();
  }

  @Provide
  Arbitrary<String> labels() {
    Arbitrary<String> middle = Arbitraries.strings().withChars("abcxyz019-").ofMaxLength(61);
    Arbitrary<Character> edge = Arbitraries.chars().with("abz09".toCharArray());
    return Combinators.combine(edge, middle, edge, Arbitraries.of(true, false))
        .as((a, m, b, single) -> single ? String.valueOf(a) : a + m + b);
  }

  @Provide
  Arbitrary<String> versions() {
    return Arbitraries.of("v1.0.0", "1.0.0", "v0.1.0-rc.1", "2.3.4+build.5", "v10.20.30-a.b");
  }

  @Provide
  Arbitrary<String> badNames() {
    return Arbitraries.oneOf(
        Arbitraries.of("", ".", "..", "a/b", "/", "Nginx", "-a", "a-", "a_b", "a.b", "a b",
            "x".repeat(64)),
        Arbitraries.strings().withCharRange('\0', '\u00ff').ofMinLength(1).ofMaxLength(8)
            .filter(s -> !KubernetesNames.isLabel(s)));
  }

  /** Near misses: version-like pieces and separators glued together in any order. */
  @Provide
  Arbitrary<String> tags() {
    Arbitrary<String> piece = Arbitraries.oneOf(
        Arbitraries.of("nginx", "a", "Nginx", "..", ".", "", "-", "x-", "v1.0.0", "1.0.0",
            "v1", "1.0", "v0.1.0-rc.1", "+b", "\n", "\t", "\u0085", "_", "~", "x".repeat(63),
            "x".repeat(64)),
        Arbitraries.strings().withChars("abv019.-/+").ofMaxLength(12));
    Arbitrary<String> sep = Arbitraries.of("/", "/", "//", "", "\\");
    return Combinators.combine(piece, sep, piece, Arbitraries.of(true, false))
        .as((a, s, b, twoParts) -> twoParts ? a + s + b : a);
  }
}
