package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --create-pr} reads the remote's URL from the repository's git configuration. */
class PullRequestsRemoteUrlTest {
  @TempDir
  Path tmp;

  @Test
  void theNamedRemotesUrlIsReadAndOtherSectionsAreNot() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("work/.git")).getParent();
    Files.writeString(work.resolve(".git/config"), """
        [core]
        \turl = not-this
        [remote "upstream"]
        \turl = https://github.com/other/repo.git
        [remote "origin"]
        \tfetch = +refs/heads/*:refs/remotes/origin/*
        \tURL = "git@github.com:acme/gitops.git"
        [branch "main"]
        \tremote = origin
        """);
    assertThat(PullRequests.remoteUrl(work, "origin")).contains("git@github.com:acme/gitops.git");
    assertThat(PullRequests.remoteUrl(work, "upstream"))
        .contains("https://github.com/other/repo.git");
    assertThat(PullRequests.remoteUrl(work, "fork")).isEmpty();
  }

  @Test
  void aLinkedWorktreeReadsTheCommonConfiguration() throws Exception {
    Path common = Files.createDirectories(tmp.resolve("main/.git"));
    Files.writeString(common.resolve("config"), "[remote \"origin\"]\n  url = "
        + "https://gitlab.com/platform/gitops.git\n");
    Path linked = Files.createDirectories(common.resolve("worktrees/feature"));
    Files.writeString(linked.resolve("commondir"), "../..\n");
    Path work = Files.createDirectories(tmp.resolve("feature"));
    Files.writeString(work.resolve(".git"), "gitdir: " + linked + "\n");
    assertThat(PullRequests.remoteUrl(work, "origin"))
        .contains("https://gitlab.com/platform/gitops.git");
  }

  @Test
  void noRepositoryMeansNoRemote() throws Exception {
    assertThat(PullRequests.remoteUrl(tmp, "origin")).isEmpty();
  }

  @Test
  void theDescriptionListsTheFilesSortedAndBounded() {
    var files = new java.util.ArrayList<String>();
    for (int i = 0; i < 205; i++) {
      files.add(String.format("inst/f%03d.yaml", 204 - i));
    }
    var body = PullRequests.body("add", files);
    assertThat(body.get(0)).isEqualTo("Proposed by `profiles add --create-pr`.");
    assertThat(body).contains("- `inst/f000.yaml`", "- ... and 5 more")
        .doesNotContain("- `inst/f204.yaml`");
  }
}
