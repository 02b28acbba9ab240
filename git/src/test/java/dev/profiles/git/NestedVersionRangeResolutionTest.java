package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.MissingRefException;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A nested profile's {@code source.version} resolves to the newest tag satisfying it. */
class NestedVersionRangeResolutionTest {
  @TempDir Path tmp;
  private GitProfiles git;
  private ProfileRepoFixture repo;

  @BeforeEach
  void setUp() {
    git = GitProfiles.builder().cacheDirectory(tmp.resolve("cache")).build();
    repo = ProfileRepoFixture.create(tmp.resolve("repos/profiles.git"));
  }

  @AfterEach
  void tearDown() {
    repo.close();
    git.close();
  }

  private String top(String range) {
    return """
        apiVersion: weave.works/v1alpha1
        kind: ProfileDefinition
        metadata:
          name: top
        spec:
          description: top
          artifacts:
            - name: base
              profile:
                source:
                  url: %s
                  path: base
                  version: "%s"
        """.formatted(repo.url(), range);
  }

  private void base(String marker) {
    repo.profile("base", ProfileYamls.profile("base").kustomize("k", "k").toYaml())
        .file("base/k/a.yaml", marker);
  }

  @Test
  void theNewestSatisfyingTagIsResolvedAndRecordedAsATag() throws Exception {
    base("v1.1");
    repo.commit("1.1").tag("base/v1.1.0");
    base("v1.4");
    repo.commit("1.4").tag("base/v1.4.0");
    String v14 = repo.lastCommit();
    base("v1.5-rc");
    repo.commit("1.5 rc").tag("base/v1.5.0-rc.1");
    base("v2");
    repo.commit("2").tag("base/v2.0.0");
    repo.profile("top", top(">=1.2 <2")).commit("top").tag("top/v1.0.0");

    ResolvedProfile p = git.resolve(ProfileSource.ofTag(repo.url(), "top/v1.0.0")).call();

    ResolvedProfile nested = p.nested("base").orElseThrow();
    assertThat(nested.source().tag()).contains("base/v1.4.0");
    assertThat(nested.source().version()).isEmpty();
    assertThat(nested.commit()).isEqualTo(v14);
  }

  @Test
  void noSatisfyingTagIsAMissingRefNamingTheRange() {
    base("v1.1");
    repo.commit("1.1").tag("base/v1.1.0");
    repo.profile("top", top("^3.0")).commit("top").tag("top/v1.0.0");

    assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "top/v1.0.0")).call())
        .isInstanceOf(MissingRefException.class)
        .hasMessageContaining("base/<semver>")
        .hasMessageContaining("'^3.0'")
        .hasMessageContaining("nested profile 'base'");
  }
}
