package dev.profiles.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.model.NestedProfileArtifact;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.version.VersionTag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code profile.source.version}: a nested profile's version range beside {@code tag}. */
class NestedVersionRangeTest {
  private final ProfileYaml yaml = ProfileYaml.strict();

  private static String profile(String sourceLines) {
    return """
        apiVersion: weave.works/v1alpha1
        kind: ProfileDefinition
        metadata:
          name: web
        spec:
          description: web
          artifacts:
            - name: base
              profile:
                source:
                  url: https://example.com/org/profiles
        """ + sourceLines.indent(10);
  }

  @Test
  void readsWritesAndResolvesARange() throws Exception {
    ProfileDefinition p = yaml.readProfile("p.yaml", profile("path: base\nversion: \">=1.2 <2\""));
    ProfileSource s = ((NestedProfileArtifact) p.artifact("base").orElseThrow()).source();
    assertThat(s.version()).contains(">=1.2 <2");
    assertThat(s.isVersionRange()).isTrue();
    assertThat(s.isTag()).isFalse();
    assertThat(s.effectiveBranch()).isEmpty();
    assertThat(yaml.readProfile("again.yaml", yaml.writeProfile(p))).isEqualTo(p);

    List<VersionTag> tags = List.of("base/v1.1.0", "base/v1.4.0", "base/v1.5.0-rc.1",
        "base/v2.0.0", "other/v1.9.0", "v1.8.0").stream()
        .map(t -> VersionTag.parse(t).orElseThrow()).toList();
    ProfileSource resolved = s.resolveRange(tags).orElseThrow();
    assertThat(resolved.tag()).contains("base/v1.4.0");
    assertThat(resolved.version()).isEmpty();
    assertThat(resolved.refName()).isEqualTo("refs/tags/base/v1.4.0");
    assertThat(ProfileSource.builder().url("u").version("^3").build().resolveRange(tags))
        .isEmpty();
    assertThat(ProfileSource.builder().url("u").version("^1").build().resolveRange(tags)
        .orElseThrow().tag()).contains("v1.8.0");
  }

  @Test
  void aSourceWithoutRangeIsWrittenAsBefore() throws Exception {
    ProfileDefinition p = yaml.readProfile("p.yaml", profile("tag: base/v1.2.0"));
    assertThat(yaml.writeProfile(p)).doesNotContain("version");
  }

  @Test
  void anInvalidRangeIsLocated() {
    assertThatThrownBy(() -> yaml.readProfile("p.yaml", profile("version: \">=1.2 <\"")))
        .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
          DocumentProblem problem = e.problems().get(0);
          assertThat(problem.line()).isEqualTo(12);
          assertThat(problem.path()).endsWith("source.version");
          assertThat(problem.message()).contains("'>=1.2 <'", "position 8");
        });
  }

  @Test
  void aRangeBesideATagOrBranchIsLocated() {
    for (String other : List.of("tag: base/v1.0.0", "branch: main")) {
      assertThatThrownBy(() -> yaml.readProfile("p.yaml", profile(other + "\nversion: ^1")))
          .isInstanceOf(InvalidDocumentException.class)
          .hasMessageContaining("source.version")
          .hasMessageContaining("set only one of tag, branch and version");
    }
  }

  @Test
  void anInstallationRecordHasNoRange() {
    String record = """
        apiVersion: weave.works/v1alpha1
        kind: ProfileInstallation
        metadata:
          name: x
        spec:
          source:
            url: https://example.com/org/profiles
            version: ^1
        """;
    assertThatThrownBy(() -> yaml.readInstallation("i.yaml",
        record.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("version");
  }
}
