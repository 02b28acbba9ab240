package dev.profiles.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Version ordering is a total order, consistent with equals, that matches semver precedence. */
class VersionProperties {

  @Property
  void parsingWhatIsPrintedGivesTheSameVersion(@ForAll("versions") Version v) {
    assertThat(Version.parse(v.toString())).isEqualTo(v);
  }

  @Property
  void orderIsAntisymmetricAndConsistentWithEquals(@ForAll("versions") Version a,
      @ForAll("versions") Version b) {
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
    assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
  }

  @Property
  void orderIsTransitive(@ForAll("versions") Version a, @ForAll("versions") Version b,
      @ForAll("versions") Version c) {
    List<Version> sorted = new ArrayList<>(List.of(a, b, c));
    Collections.sort(sorted);
    assertThat(sorted.get(0).compareTo(sorted.get(2))).isLessThanOrEqualTo(0);
    assertThat(sorted.get(0).compareTo(sorted.get(1))).isLessThanOrEqualTo(0);
    assertThat(sorted.get(1).compareTo(sorted.get(2))).isLessThanOrEqualTo(0);
  }

  @Property
  void orderRefinesPrecedence(@ForAll("versions") Version a, @ForAll("versions") Version b) {
    if (a.comparePrecedence(b) != 0) {
      assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(a.comparePrecedence(b)));
    }
  }

  @Property
  void precedenceMatchesAReferenceImplementation(@ForAll("versions") Version a,
      @ForAll("versions") Version b) {
    assertThat(Integer.signum(a.comparePrecedence(b))).isEqualTo(Integer.signum(reference(a, b)));
  }

  @Property
  void aReleaseOutranksEachOfItsPreReleases(@ForAll("versions") Version v) {
    Version release = Version.of(v.major(), v.minor(), v.patch());
    if (v.isPreRelease()) {
      assertThat(v.comparePrecedence(release)).isNegative();
    } else {
      assertThat(v.comparePrecedence(release)).isZero();
    }
  }

  @Property
  void buildMetadataAndPrefixDoNotChangePrecedence(@ForAll("versions") Version v) {
    Version other = Version.parse(v.withPrefix(!v.hasPrefix()).toString().split("\\+")[0]
        + "+build.7");
    assertThat(v.comparePrecedence(other)).isZero();
  }

  /** Semver 2.0.0 item 11, written independently from the production code. */
  private static int reference(Version a, Version b) {
    long[] x = {a.major(), a.minor(), a.patch()};
    long[] y = {b.major(), b.minor(), b.patch()};
    for (int i = 0; i < 3; i++) {
      if (x[i] != y[i]) {
        return x[i] < y[i] ? -1 : 1;
      }
    }
    List<String> p = a.preRelease();
    List<String> q = b.preRelease();
    if (p.isEmpty() && q.isEmpty()) {
      return 0;
    }
    if (p.isEmpty()) {
      return 1;
    }
    if (q.isEmpty()) {
      return -1;
    }
    for (int i = 0; i < Math.min(p.size(), q.size()); i++) {
      String s = p.get(i);
      String t = q.get(i);
      boolean sn = s.chars().allMatch(Character::isDigit);
      boolean tn = t.chars().allMatch(Character::isDigit);
      int c;
      if (sn && tn) {
        c = new java.math.BigInteger(s).compareTo(new java.math.BigInteger(t));
      } else if (sn || tn) {
        c = sn ? -1 : 1;
      } else {
        c = s.compareTo(t);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(p.size(), q.size());
  }

  @Provide
  Arbitrary<Version> versions() {
    Arbitrary<Long> num = Arbitraries.oneOf(Arbitraries.longs().between(0, 3),
        Arbitraries.longs().between(0, Long.MAX_VALUE));
    Arbitrary<String> id = Arbitraries.oneOf(
        Arbitraries.of("alpha", "beta", "rc", "0", "1", "2", "10", "11", "a-b", "0a", "x1"),
        Arbitraries.integers().between(0, 1000).map(String::valueOf));
    Arbitrary<String> pre = id.list().ofMaxSize(3).map(l -> l.isEmpty() ? "" : "-" + String.join(".", l));
    Arbitrary<String> build = Arbitraries.of("", "+001", "+build.5", "+sha.abc");
    return Combinators.combine(Arbitraries.of("", "v"), num, num, num, pre, build)
        .as((v, a, b, c, p, m) -> Version.parse(v + a + "." + b + "." + c + p + m));
  }
}
