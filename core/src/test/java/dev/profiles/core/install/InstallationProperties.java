package dev.profiles.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever directory or name is asked for, an installation stays inside the repository. */
class InstallationProperties {
  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.strings().withChars("ab./\\\\ -\u0000~:").ofMaxLength(20);
  }

  @Property(tries = 500)
  void atIsContainedOrRefusedTyped(@ForAll("paths") String dir) {
    try {
      Installation i = Installation.at(dir);
      assertThat(i.directory()).isNotEqualTo(".").doesNotStartWith("/")
          .doesNotContain("//").doesNotEndWith("/");
      assertThat(i.directory().split("/")).doesNotContain("..", ".", "");
      assertThat(i.recordPath()).isEqualTo(i.directory() + "/" + Installation.RECORD_FILE);
      assertThat(Installation.at(i.directory())).isEqualTo(i);
    } catch (InstallRefusedException e) {
      assertThat(e.reason()).isEqualTo(InstallRefusedException.Reason.INVALID_OPTIONS);
    }
  }

  @Property(tries = 500)
  void inPlacesTheNameUnderTheDirectory(@ForAll("paths") String out, @ForAll("paths") String name) {
    try {
      Installation i = Installation.in(out, name);
      assertThat(i.name()).isEqualTo(name);
      assertThat(i.directory()).endsWith(name);
      assertThat(i.directory().split("/")).doesNotContain("..", ".", "");
      assertThat(Installation.in(i.outputDirectory(), i.name())).isEqualTo(i);
    } catch (InstallRefusedException e) {
      assertThat(e.reason()).isEqualTo(InstallRefusedException.Reason.INVALID_OPTIONS);
    }
  }
}
