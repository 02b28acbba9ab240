package dev.profiles.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The syntax as npm and Masterminds semver define it, case by case. */
class VersionConstraintTest {

  @ParameterizedTest(name = "{0} normalizes to {1}")
  @CsvSource(delimiter = '#', value = {
      ">=1.2 <2        # >=1.2.0 <2.0.0-0",
      ">=1.2,<2        # >=1.2.0 <2.0.0-0",
      "1.2.3           # =1.2.3",
      "v1.2.3          # =1.2.3",
      "=v1.2.3+build.5 # =1.2.3",
      "1.2             # >=1.2.0 <1.3.0-0",
      "1.2.x           # >=1.2.0 <1.3.0-0",
      "1.*             # >=1.0.0 <2.0.0-0",
      "1               # >=1.0.0 <2.0.0-0",
      "*               # >=0.0.0",
      "x               # >=0.0.0",
      ">1.2            # >=1.3.0",
      ">1              # >=2.0.0",
      "<1.2            # <1.2.0-0",
      "<=1.2           # <1.3.0-0",
      "<=1.2.3         # <=1.2.3",
      "!=1.2.3         # !=1.2.3",
      "!=1.2           # !=1.2",
      "~1.2.3          # >=1.2.3 <1.3.0-0",
      "~1.2            # >=1.2.0 <1.3.0-0",
      "~1              # >=1.0.0 <2.0.0-0",
      "~>1.2.3         # >=1.2.3 <1.3.0-0",
      "~0.2.3          # >=0.2.3 <0.3.0-0",
      "~1.2.3-beta.2   # >=1.2.3-beta.2 <1.3.0-0",
      "^1.2.3          # >=1.2.3 <2.0.0-0",
      "^0.2.3          # >=0.2.3 <0.3.0-0",
      "^0.0.3          # >=0.0.3 <0.0.4-0",
      "^1.2.x          # >=1.2.0 <2.0.0-0",
      "^0.0.x          # >=0.0.0 <0.1.0-0",
      "^0.0            # >=0.0.0 <0.1.0-0",
      "^0.x            # >=0.0.0 <1.0.0-0",
      "^1.2.3-beta.2   # >=1.2.3-beta.2 <2.0.0-0",
      "1.2.3 - 2.3.4   # >=1.2.3 <=2.3.4",
      "1.2 - 2.3.4     # >=1.2.0 <=2.3.4",
      "1.2.3 - 2.3     # >=1.2.3 <2.4.0-0",
      "1.2.3 - 2       # >=1.2.3 <3.0.0-0",
      "1.2 - 1.4.5     # >=1.2.0 <=1.4.5",
      ">= 1.2 < 2      # >=1.2.0 <2.0.0-0",
      "^1.2 || ~3.1    # >=1.2.0 <2.0.0-0 || >=3.1.0 <3.2.0-0",
      "1.2.3||2.0.0    # =1.2.3 || =2.0.0",
  })
  void normalizes(String text, String normalized) {
    VersionConstraint c = VersionConstraint.parse(text);
    assertThat(c).hasToString(normalized);
    assertThat(c.text()).isEqualTo(text);
    assertThat(VersionConstraint.parse(c.toString())).isEqualTo(c);
  }

  @ParameterizedTest(name = "{0} by {1}: {2}")
  @CsvSource(delimiter = '#', value = {
      ">=1.2 <2        # 1.2.0        # true",
      ">=1.2 <2        # v1.9.9       # true",
      ">=1.2 <2        # 2.0.0        # false",
      ">=1.2 <2        # 2.0.0-rc.1   # false",
      ">=1.2 <2        # 1.5.0-rc.1   # false",
      ">=1.2.0-rc.1    # 1.2.0-rc.2   # true",
      ">=1.2.0-rc.1    # 1.3.0-rc.1   # false",
      ">=1.2.0-rc.1    # 1.3.0        # true",
      "^0.2.3          # 0.2.9        # true",
      "^0.2.3          # 0.3.0        # false",
      "^0.0.3          # 0.0.3        # true",
      "^0.0.3          # 0.0.4        # false",
      "~1.2.3          # 1.2.9        # true",
      "~1.2.3          # 1.3.0        # false",
      "!=1.2           # 1.2.7        # false",
      "!=1.2           # 1.3.0        # true",
      "!=1.2.3         # 1.2.4        # true",
      "*               # 99.0.0       # true",
      "*               # 1.0.0-rc.1   # false",
      ">1              # 1.9.0        # false",
      ">1              # 2.0.0        # true",
      "1.2 - 1.4.5     # 1.4.5        # true",
      "1.2 - 1.4.5     # 1.4.6        # false",
      "^1.2 || ^3      # 3.0.0        # true",
      "^1.2 || ^3      # 2.5.0        # false",
  })
  void satisfies(String constraint, String version, boolean expected) {
    assertThat(VersionConstraint.parse(constraint).satisfiedBy(Version.parse(version)))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: pre-release {1} included when asked")
  @CsvSource(delimiter = '#', value = {
      ">=1.2 <2  # 1.5.0-rc.1 # true",
      "*         # 1.0.0-rc.1 # true",
      ">=1.2 <2  # 2.0.0-rc.1 # false",
  })
  void includesPreReleasesWhenAsked(String constraint, String version, boolean expected) {
    assertThat(VersionConstraint.parse(constraint).satisfiedBy(Version.parse(version), true))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "''{0}'' fails at {1}")
  @CsvSource(delimiter = '#', value = {
      "'>=1.2 <'      # 8",
      "'>=1.2 ||'     # 9",
      "'|| 1.2'       # 1",
      "'>=1.2 <2 =>3' # 10",
      "'1.x.3'        # 1",
      "'1.2.3.4'      # 1",
      "'01.2'         # 1",
      "'1.2-rc.1'     # 1",
      "'>=1.2 <2 ; 3' # 10",
      "'1.2 -1.4'     # 5",
      "'1.2 - 1.3 - 2' # 5",
      "'>1.2 - 2'     # 1",
      "'   '          # 1",
      "'abc'          # 1",
  })
  void refusesWithThePosition(String text, int position) {
    assertThatThrownBy(() -> VersionConstraint.parse(text))
        .isInstanceOfSatisfying(InvalidConstraintException.class, e -> {
          assertThat(e.position()).isEqualTo(position);
          assertThat(e.constraint()).isEqualTo(text);
          assertThat(e.getMessage()).contains("'" + text + "'", "position " + position);
        });
  }

  @org.junit.jupiter.api.Test
  void refusesNullAndOverlongText() {
    assertThatThrownBy(() -> VersionConstraint.parse(null))
        .isInstanceOf(InvalidConstraintException.class);
    assertThatThrownBy(() -> VersionConstraint.parse("1".repeat(600)))
        .isInstanceOf(InvalidConstraintException.class).hasMessageContaining("longer than");
    assertThat(VersionConstraint.tryParse(">=")).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void highestPicksTheNewestSatisfyingVersion() {
    var versions = java.util.List.of(Version.parse("1.2.0"), Version.parse("1.9.0"),
        Version.parse("2.0.0"), Version.parse("1.10.0-rc.1"));
    VersionConstraint c = VersionConstraint.parse(">=1.2 <2");
    assertThat(c.highest(versions, false)).contains(Version.parse("1.9.0"));
    assertThat(c.highest(versions, true)).contains(Version.parse("1.10.0-rc.1"));
    assertThat(VersionConstraint.parse(">=3").highest(versions, true)).isEmpty();
  }
}
