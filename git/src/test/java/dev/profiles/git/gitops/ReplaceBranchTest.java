package dev.profiles.git.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.Change;
import dev.profiles.core.install.CommitResult;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.install.Signature;
import dev.profiles.testing.git.RepoState;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Change.replaceBranch}: the planner's own branches, replaced with a lease. */
class ReplaceBranchTest {
  @TempDir Path dir;
  @TempDir Path remoteDir;
  private Git git;
  private Git remote;

  @BeforeEach
  void setUp() throws Exception {
    git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    RepoState.write(dir.resolve("README.md"), "gitops\n");
    git.add().addFilepattern(".").call();
    git.commit().setMessage("init").setAuthor("t", "t@example.com")
        .setCommitter("t", "t@example.com").setSign(false).call();
    remote = Git.init().setBare(true).setDirectory(remoteDir.toFile()).call();
    git.remoteAdd().setName("origin").setUri(new URIish(remoteDir.toUri().toString())).call();
  }

  private static Change change(String content) {
    return Change.builder().files(RenderedFiles.builder().put("x/a.yaml", content).build())
        .message("Update x").author(Signature.of("Bot", "bot@example.com"))
        .branch("profiles/update/x").replaceBranch(true).push(true).build();
  }

  private String remoteHead() throws Exception {
    ObjectId id = remote.getRepository().resolve("refs/heads/profiles/update/x");
    return id == null ? null : id.name();
  }

  @Test
  void theSameChangeTwiceCommitsOnceAndAnotherReplacesTheBranch() throws Exception {
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      RepoState before = RepoState.capture(dir);
      CommitResult first = repo.commit(change("a: 1\n"));
      assertThat(first.unchanged()).isFalse();
      assertThat(remoteHead()).isEqualTo(first.commitId());

      CommitResult again = repo.commit(change("a: 1\n"));
      assertThat(again.unchanged()).isTrue();
      assertThat(again.commitId()).isEqualTo(first.commitId());

      CommitResult other = repo.commit(change("a: 2\n"));
      assertThat(other.unchanged()).isFalse();
      assertThat(other.commitId()).isNotEqualTo(first.commitId());
      assertThat(remoteHead()).isEqualTo(other.commitId());
      // The checked-out branch, its working tree and index stayed as they were.
      RepoState after = RepoState.capture(dir);
      assertThat(after.workTree()).isEqualTo(before.workTree());
      assertThat(after.index()).isEqualTo(before.index());
      assertThat(after.head()).isEqualTo("refs/heads/main");
      assertThat(after.refs().get("refs/heads/main"))
          .isEqualTo(before.refs().get("refs/heads/main"));
    }
  }

  @Test
  void aRemoteBranchMovedBySomeoneElseIsNotOverwrittenAndTheLocalBranchIsPutBack()
      throws Exception {
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      CommitResult first = repo.commit(change("a: 1\n"));
      // Someone else pushes to the update branch (here: the remote ref moved to main's commit).
      RefUpdate u = remote.getRepository().updateRef("refs/heads/profiles/update/x");
      u.setNewObjectId(git.getRepository().resolve("refs/heads/main"));
      u.setForceUpdate(true);
      u.update();
      String theirs = remoteHead();

      assertThatThrownBy(() -> repo.commit(change("a: 2\n")))
          .isInstanceOf(ProfilesException.class).hasMessageContaining("rejected");

      assertThat(remoteHead()).isEqualTo(theirs);
      assertThat(git.getRepository().resolve("refs/heads/profiles/update/x").name())
          .isEqualTo(first.commitId());
    }
  }

  @Test
  void theCheckedOutBranchIsNeverReplaced() throws Exception {
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      RepoState before = RepoState.capture(dir);
      assertThatThrownBy(() -> repo.commit(Change.builder().from(change("a: 1\n"))
          .branch("main").build())).isInstanceOf(ProfilesException.class);
      assertThat(RepoState.capture(dir)).isEqualTo(before);
    }
  }
}
