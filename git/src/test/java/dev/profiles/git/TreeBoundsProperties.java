package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.resolve.SizeLimitExceededException;
import dev.profiles.git.internal.FileTrees;
import dev.profiles.testing.git.ProfileRepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random fan-out, file counts, sizes and limits: resolution either succeeds, exactly when the
 * whole tree (every nested occurrence counted) is within every limit, or fails with {@link
 * SizeLimitExceededException}; never anything else, never an {@link Error}.
 */
class TreeBoundsProperties {
  @Property(tries = 40)
  void theTreeIsResolvedExactlyWhenItFitsTheLimits(
      @ForAll @IntRange(min = 1, max = 14) int width,
      @ForAll @IntRange(min = 0, max = 6) int files,
      @ForAll @IntRange(min = 0, max = 4096) int size,
      @ForAll @IntRange(min = 0, max = 3) int tightened,
      @ForAll @IntRange(min = 0, max = 3) int by) throws Exception {
    Path dir = Files.createTempDirectory("tree-bounds");
    long[] bytes = new long[1];
    long artifacts = width + (long) width * width + (long) width * width;
    long fileCount = 1 + width + (long) width * width * (files + 1);
    try (ProfileRepoFixture repo = TreeBoundsTest.fanOut(dir.resolve("r.git"), width, files,
            size, bytes)) {
      // Each limit sits right at the tree's total, give or take `by`: one of them (or none,
      // when tightened is 0) below it, the others above.
      int maxArtifacts = (int) Math.max(1, artifacts + (tightened == 1 ? -by : by));
      int maxFiles = (int) Math.max(1, fileCount + (tightened == 2 ? -by : by));
      long maxTreeSize = Math.max(1, bytes[0] + (tightened == 3 ? -by : by));
      boolean fits = artifacts <= maxArtifacts && fileCount <= maxFiles
          && bytes[0] <= maxTreeSize;
      Statistics.label("outcome").collect(fits ? "fits" : "exceeds");
      try (GitProfiles git = GitProfiles.builder().cacheDirectory(dir.resolve("cache"))
          .maxArtifacts(maxArtifacts).maxFiles(maxFiles).maxTreeSize(maxTreeSize).build()) {
        Throwable failure = null;
        ResolvedProfile top = null;
        try {
          top = git.resolve(ProfileSource.ofTag(repo.url(), "top/v1.0.0")).call();
        } catch (Throwable t) {
          failure = t;
        }

        if (fits) {
          assertThat(failure).isNull();
          assertThat(top.nested()).hasSize(width);
        } else {
          assertThat(failure).isInstanceOf(SizeLimitExceededException.class);
        }
      }
    } finally {
      FileTrees.delete(dir);
    }
  }
}
