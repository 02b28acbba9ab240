package dev.profiles.git.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.install.MergedFiles;
import dev.profiles.core.install.RenderedFiles;
import org.junit.jupiter.api.Test;

class FileSetMergerTest {
  private static RenderedFiles files(String... pathsAndContents) {
    RenderedFiles.Builder b = RenderedFiles.builder();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      b.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return b.build();
  }

  @Test
  void userEditInOneFileAndUpstreamChangeInAnotherMergeCleanly() {
    MergedFiles m = new FileSetMerger().merge(
        files("a", "replicas: 1\n", "b", "image: v1\n"),
        files("a", "replicas: 5\n", "b", "image: v1\n"),
        files("a", "replicas: 1\n", "b", "image: v2\n"));

    assertThat(m.conflicts()).isEmpty();
    assertThat(m.files()).isEqualTo(files("a", "replicas: 5\n", "b", "image: v2\n"));
  }

  @Test
  void editsOfDifferentLinesOfOneFileMerge() {
    MergedFiles m = new FileSetMerger().merge(
        files("v", "a: 1\nb: 2\nc: 3\n"),
        files("v", "a: 10\nb: 2\nc: 3\n"),
        files("v", "a: 1\nb: 2\nc: 30\n"));

    assertThat(m.conflicts()).isEmpty();
    assertThat(m.files().text("v")).contains("a: 10\nb: 2\nc: 30\n");
  }

  @Test
  void theSameLineChangedOnBothSidesConflictsWithMarkers() {
    MergedFiles m = new FileSetMerger().merge(
        files("v", "a: 1\n", "other", "x\n"),
        files("v", "a: 2\n", "other", "x\n"),
        files("v", "a: 3\n", "other", "y\n"));

    assertThat(m.conflicts()).containsExactly("v");
    assertThat(m.files().text("v")).contains(
        "<<<<<<< ours\na: 2\n=======\na: 3\n>>>>>>> theirs\n");
    assertThat(m.files().text("other")).contains("y\n");
  }

  @Test
  void deletionsAndAdditions() {
    MergedFiles m = new FileSetMerger().merge(
        files("user-deleted", "x\n", "upstream-removed", "y\n", "both-changed-deleted", "z\n"),
        files("upstream-removed", "y\n", "user-added", "mine\n", "both-changed-deleted", "z2\n"),
        files("user-deleted", "x\n", "upstream-added", "new\n"));

    assertThat(m.files().paths()).containsExactly("both-changed-deleted", "upstream-added",
        "user-added");
    assertThat(m.conflicts()).containsExactly("both-changed-deleted");
    assertThat(m.files().text("both-changed-deleted")).contains("z2\n");
  }

  @Test
  void identicalChangesAgree() {
    MergedFiles m = new FileSetMerger().merge(files("a", "1\n"), files("a", "2\n"), files("a", "2\n"));
    assertThat(m.conflicts()).isEmpty();
    assertThat(m.files()).isEqualTo(files("a", "2\n"));
  }
}
