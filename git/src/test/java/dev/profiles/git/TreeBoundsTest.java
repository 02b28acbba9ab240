package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.resolve.SizeLimitExceededException;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounds on one resolved tree as a whole: artifacts, files and bytes, every nested occurrence
 * counted (each is rendered), failing before anything is rendered.
 */
class TreeBoundsTest {
  @TempDir Path tmp;

  /**
   * A repository whose profile {@code top} nests {@code mid} {@code width} times, and {@code
   * mid} nests {@code heavy} {@code width} times; heavy holds {@code files} files of {@code
   * size} bytes.
   */
  static ProfileRepoFixture fanOut(Path dir, int width, int files, int size) {
    return fanOut(dir, width, files, size, new long[1]);
  }

  /** As {@link #fanOut(Path, int, int, int)}; {@code bytes[0]} is set to the tree's size. */
  static ProfileRepoFixture fanOut(Path dir, int width, int files, int size, long[] bytes) {
    ProfileRepoFixture repo = ProfileRepoFixture.create(dir);
    String url = repo.url();
    ProfileYamls heavy = ProfileYamls.profile("heavy").kustomize("k", "k");
    for (int i = 0; i < files; i++) {
      repo.file("heavy/k/f" + i + ".yaml", new byte[size]);
    }
    ProfileYamls mid = ProfileYamls.profile("mid");
    ProfileYamls top = ProfileYamls.profile("top");
    for (int i = 0; i < width; i++) {
      mid.nestedTag("h" + i, url, "heavy/v1.0.0");
      top.nestedTag("m" + i, url, "mid/v1.0.0");
    }
    bytes[0] = yamlBytes(top) + width * (yamlBytes(mid) + width * (yamlBytes(heavy)
        + (long) files * size));
    repo.profile("heavy", heavy.toYaml()).profile("mid", mid.toYaml())
        .profile("top", top.toYaml()).commit("fan-out")
        .tag("heavy/v1.0.0").tag("mid/v1.0.0").tag("top/v1.0.0");
    return repo;
  }

  private static long yamlBytes(ProfileYamls yaml) {
    return yaml.toYaml().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  @Test
  void nestingTheSameHeavyProfileManyTimesCountsEveryOccurrence() throws Exception {
    // 10 x 10 = 100 occurrences of heavy, each 4 files of 64 KiB: 25 MiB in total, although
    // the repository holds 256 KiB and every profile directory is far below its own limit.
    try (ProfileRepoFixture repo = fanOut(tmp.resolve("r.git"), 10, 4, 64 << 10);
        GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("cache"))
            .maxTreeSize(8L << 20).build()) {
      assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "top/v1.0.0")).call())
          .isInstanceOf(SizeLimitExceededException.class)
          .hasMessageContaining("8.0 MiB").hasMessageContaining("every nested occurrence");
    }
  }

  @Test
  void artifactsAndFilesAreBoundedAcrossTheTree() throws Exception {
    try (ProfileRepoFixture repo = fanOut(tmp.resolve("r.git"), 10, 3, 10)) {
      try (GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("c1"))
          .maxArtifacts(50).build()) {
        // top 10 + mid 10 x 10 = 110 artifacts before heavy's own are counted.
        assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "top/v1.0.0"))
            .call()).isInstanceOf(SizeLimitExceededException.class)
            .hasMessageContaining("more than 50 artifacts");
      }
      try (GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("c2"))
          .maxFiles(300).build()) {
        // 100 heavy occurrences x 4 files (3 + profile.yaml) = 400 files.
        assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "top/v1.0.0"))
            .call()).isInstanceOf(SizeLimitExceededException.class)
            .hasMessageContaining("more than 300 files");
      }
      try (GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("c3"))
          .maxArtifacts(210).maxFiles(411).build()) {
        // Exactly at the limits: 10 + 100 + 100 artifacts, 1 + 10 + 400 files.
        ResolvedProfile top = git.resolve(ProfileSource.ofTag(repo.url(), "top/v1.0.0")).call();
        assertThat(top.nested()).hasSize(10);
      }
    }
  }

  @Test
  void theDefaultsStopAnExponentialFanOutEarly() throws Exception {
    // Six levels, each nesting the next 10 times: a million leaves if nothing stopped it.
    try (ProfileRepoFixture repo = ProfileRepoFixture.create(tmp.resolve("deep.git"))) {
      String url = repo.url();
      repo.profile("l0", ProfileYamls.profile("l0").kustomize("k", "k").toYaml())
          .file("l0/k/a.yaml", "a");
      for (int level = 1; level <= 6; level++) {
        ProfileYamls p = ProfileYamls.profile("l" + level);
        for (int i = 0; i < 10; i++) {
          p.nestedTag("n" + i, url, "l" + (level - 1) + "/v1.0.0");
        }
        repo.profile("l" + level, p.toYaml());
      }
      repo.commit("deep");
      for (int level = 0; level <= 6; level++) {
        repo.tag("l" + level + "/v1.0.0");
      }
      try (GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("cache")).build()) {
        assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(url, "l6/v1.0.0")).call())
            .isInstanceOf(SizeLimitExceededException.class)
            .hasMessageContaining("more than " + GitProfiles.DEFAULT_MAX_ARTIFACTS);
      }
    }
  }
}
