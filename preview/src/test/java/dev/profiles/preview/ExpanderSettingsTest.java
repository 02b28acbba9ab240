package dev.profiles.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings are checked when built, with the configuration exception builders throw. */
class ExpanderSettingsTest {
  @Test
  void withersKeepEverythingElse() {
    ExpanderSettings s = ExpanderSettings.defaults().withPath("/opt/bin")
        .withGitOpsRepository("flux-system", "fleet").withTimeout(Duration.ofSeconds(5))
        .withLimits(1, 2, 3, 4);
    assertThat(s.path()).contains("/opt/bin");
    assertThat(s.gitOpsRepositories()).containsExactly("flux-system/fleet");
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.maxArchiveBytes()).isEqualTo(1);
    assertThat(s.maxDocuments()).isEqualTo(2);
    assertThat(s.maxOutputBytes()).isEqualTo(3);
    assertThat(s.maxInputBytes()).isEqualTo(4);
  }

  @Test
  void badSettingsAreConfigurationErrors() {
    ExpanderSettings d = ExpanderSettings.defaults();
    assertThatThrownBy(() -> d.withTimeout(Duration.ZERO))
        .isInstanceOf(ProfilesConfigurationException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> d.withTimeout(null))
        .isInstanceOf(ProfilesConfigurationException.class);
    assertThatThrownBy(() -> d.withLimits(0, 1, 1, 1))
        .isInstanceOf(ProfilesConfigurationException.class);
    assertThatThrownBy(() -> d.withGitOpsRepository("", "x"))
        .isInstanceOf(ProfilesConfigurationException.class);
    assertThatThrownBy(() -> d.withPath(null))
        .isInstanceOf(ProfilesConfigurationException.class);
  }
}
