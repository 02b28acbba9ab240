package dev.profiles.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Constraints against the semver precedence rules of {@link Version#comparePrecedence}. */
class VersionConstraintProperties {

  @Property
  void atLeastIsPrecedenceAtLeast(@ForAll("versions") Version bound,
      @ForAll("versions") Version v) {
    VersionConstraint c = VersionConstraint.parse(">=" + bound);
    assertThat(c.satisfiedBy(v, true)).isEqualTo(v.comparePrecedence(bound) >= 0);
    boolean preReleaseAllowed = !v.isPreRelease() || (bound.isPreRelease()
        && sameTuple(bound, v));
    assertThat(c.satisfiedBy(v)).isEqualTo(v.comparePrecedence(bound) >= 0 && preReleaseAllowed);
  }

  @Property
  void everyComparatorIsItsPrecedenceRelation(@ForAll("versions") Version bound,
      @ForAll("versions") Version v) {
    int c = v.comparePrecedence(bound);
    assertThat(VersionConstraint.parse(">" + bound).satisfiedBy(v, true)).isEqualTo(c > 0);
    assertThat(VersionConstraint.parse("<" + bound).satisfiedBy(v, true)).isEqualTo(c < 0);
    assertThat(VersionConstraint.parse("<=" + bound).satisfiedBy(v, true)).isEqualTo(c <= 0);
    assertThat(VersionConstraint.parse("=" + bound).satisfiedBy(v, true)).isEqualTo(c == 0);
    assertThat(VersionConstraint.parse("!=" + bound).satisfiedBy(v, true)).isEqualTo(c != 0);
  }

  @Property
  void caretKeepsTheLeftMostNonZeroNumber(@ForAll("versions") Version bound,
      @ForAll("versions") Version v) {
    boolean inside;
    if (bound.major() > 0) {
      inside = v.major() == bound.major();
    } else if (bound.minor() > 0) {
      inside = v.major() == 0 && v.minor() == bound.minor();
    } else {
      inside = v.major() == 0 && v.minor() == 0 && v.patch() == bound.patch();
    }
    assertThat(VersionConstraint.parse("^" + bound).satisfiedBy(v, true))
        .isEqualTo(inside && v.comparePrecedence(bound) >= 0);
  }

  @Property
  void tildeKeepsMajorAndMinor(@ForAll("versions") Version bound,
      @ForAll("versions") Version v) {
    boolean inside = v.major() == bound.major() && v.minor() == bound.minor();
    assertThat(VersionConstraint.parse("~" + bound).satisfiedBy(v, true))
        .isEqualTo(inside && v.comparePrecedence(bound) >= 0);
  }

  @Property
  void xRangesMatchTheirPrefix(@ForAll("versions") Version bound,
      @ForAll("versions") Version v) {
    String x = bound.major() + "." + bound.minor() + ".x";
    assertThat(VersionConstraint.parse(x).satisfiedBy(v, true)).isEqualTo(
        v.major() == bound.major() && v.minor() == bound.minor() && !belowX(v));
    assertThat(VersionConstraint.parse(bound.major() + ".*").satisfiedBy(v, true))
        .isEqualTo(v.major() == bound.major() && !(belowX(v) && v.minor() == 0));
  }

  /** {@code 1.2.0-rc.1} lies before the x-range {@code 1.2.x}, whose floor is {@code 1.2.0}. */
  private static boolean belowX(Version v) {
    return v.isPreRelease() && v.patch() == 0;
  }

  @Property
  void orIsUnionAndSpaceIsIntersection(@ForAll("constraints") String a,
      @ForAll("constraints") String b, @ForAll("versions") Version v, @ForAll boolean pre) {
    net.jqwik.api.Assume.that(!a.contains(" - ") && !b.contains(" - "));
    VersionConstraint ca = VersionConstraint.parse(a);
    VersionConstraint cb = VersionConstraint.parse(b);
    assertThat(VersionConstraint.parse(a + " || " + b).satisfiedBy(v, true))
        .isEqualTo(ca.satisfiedBy(v, true) || cb.satisfiedBy(v, true));
    assertThat(VersionConstraint.parse(a + " || " + b).satisfiedBy(v, pre))
        .isEqualTo(ca.satisfiedBy(v, pre) || cb.satisfiedBy(v, pre));
    assertThat(VersionConstraint.parse(a + " " + b).satisfiedBy(v, true))
        .isEqualTo(ca.satisfiedBy(v, true) && cb.satisfiedBy(v, true));
  }

  @Property
  void printingParsesBackToAnEqualConstraint(@ForAll("constraints") String a,
      @ForAll("constraints") String b, @ForAll("versions") Version v, @ForAll boolean pre) {
    VersionConstraint c = VersionConstraint.parse(a + " || " + b);
    VersionConstraint back = VersionConstraint.parse(c.toString());
    assertThat(back).isEqualTo(c);
    assertThat(back).hasToString(c.toString());
    assertThat(back.satisfiedBy(v, pre)).isEqualTo(c.satisfiedBy(v, pre));
  }

  @Property
  void anyTextEitherParsesOrFailsWithAPositionInside(@ForAll("noise") String text) {
    try {
      VersionConstraint.parse(text);
    } catch (InvalidConstraintException e) {
      assertThat(e.position()).isBetween(1, text.length() + 1);
    }
  }

  private static boolean sameTuple(Version a, Version b) {
    return a.major() == b.major() && a.minor() == b.minor() && a.patch() == b.patch();
  }

  @Provide
  Arbitrary<Version> versions() {
    Arbitrary<Long> num = Arbitraries.longs().between(0, 3);
    Arbitrary<String> pre = Arbitraries.of("", "", "", "-rc.1", "-rc.2", "-alpha", "-0",
        "-beta.11");
    return Combinators.combine(Arbitraries.of("", "v"), num, num, num, pre,
            Arbitraries.of("", "+b.1"))
        .as((v, a, b, c, p, m) -> Version.parse(v + a + "." + b + "." + c + p + m));
  }

  @Provide
  Arbitrary<String> constraints() {
    Arbitrary<String> op = Arbitraries.of("", "=", "!=", ">", ">=", "<", "<=", "~", "^");
    Arbitrary<String> partial = Combinators.combine(Arbitraries.integers().between(0, 3),
        Arbitraries.of("", ".x", ".1", ".0", ".2.x", ".1.3", ".0.1-rc.1", ".*"))
        .as((m, rest) -> m + rest);
    Arbitrary<String> simple = Combinators.combine(op, partial).as((o, p) -> o + p);
    Arbitrary<String> hyphen = Combinators.combine(partial, partial).as((a, b) -> a + " - " + b);
    return Arbitraries.oneOf(simple, simple.list().ofMinSize(1).ofMaxSize(3)
        .map(l -> String.join(" ", l)), hyphen, Arbitraries.just("*"));
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.strings().withChars("0123456789.vx*^~<>=!|-, ab").ofMaxLength(30);
  }
}
