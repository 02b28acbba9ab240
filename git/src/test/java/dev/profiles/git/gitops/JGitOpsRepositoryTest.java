package dev.profiles.git.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.Change;
import dev.profiles.core.install.CommitResult;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.install.Signature;
import dev.profiles.testing.git.RepoState;
import dev.profiles.testing.junit.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JGitOpsRepositoryTest {
  @TempDir
  Path dir;
  private Git git;

  @BeforeEach
  void repoWithOneCommit() throws Exception {
    git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    RepoState.write(dir.resolve("clusters/prod/app.yaml"), "kind: ConfigMap\n");
    RepoState.write(dir.resolve("README.md"), "gitops\n");
    git.add().addFilepattern(".").call();
    git.commit().setMessage("init").setAuthor("t", "t@example.com")
        .setCommitter("t", "t@example.com").setSign(false).call();
  }

  private static Change change(String... pathsAndContents) {
    RenderedFiles.Builder files = RenderedFiles.builder();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return Change.builder().files(files.build()).message("Install x")
        .author(Signature.of("Bot", "bot@example.com")).build();
  }

  @Test
  void commitsEveryFileInOneCleanCommit() throws Exception {
    ObjectId before = git.getRepository().resolve("HEAD");
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      CommitResult c = repo.commit(change("x/a.yaml", "a: 1\n", "x/sub/b.yaml", "b: 2\n"));

      assertThat(c.branch()).isEqualTo("main");
      RevCommit head = git.log().setMaxCount(1).call().iterator().next();
      assertThat(head.name()).isEqualTo(c.commitId());
      assertThat(head.getParent(0).getId()).isEqualTo(before);
      assertThat(head.getFullMessage()).isEqualTo("Install x\n");
      assertThat(head.getAuthorIdent().getEmailAddress()).isEqualTo("bot@example.com");
      assertThat(Files.readString(dir.resolve("x/sub/b.yaml"))).isEqualTo("b: 2\n");
      assertThat(git.status().call().isClean()).isTrue();
      assertThat(repo.uncommittedChanges(".")).isEmpty();
      assertThat(Files.readString(dir.resolve("README.md"))).isEqualTo("gitops\n");
    }
  }

  @Test
  void replacesARemovedDirectory() throws Exception {
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      repo.commit(change("x/old.yaml", "old\n", "x/keep.yaml", "k\n"));
      repo.commit(Change.builder().from(change("x/new.yaml", "new\n")).addRemoval("x").build());

      assertThat(dir.resolve("x/old.yaml")).doesNotExist();
      assertThat(dir.resolve("x/keep.yaml")).doesNotExist();
      assertThat(dir.resolve("x/new.yaml")).hasContent("new");
      assertThat(git.status().call().isClean()).isTrue();
    }
  }

  @Test
  void aRemovalTakesTheDirectoriesItLeavesEmptyAsGitRmDoes() throws Exception {
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      repo.commit(change("clusters/dev/x/a.yaml", "a\n", "clusters/dev/x/s/b.yaml", "b\n",
          "clusters/prod/y/c.yaml", "c\n"));
      repo.commit(Change.builder().files(RenderedFiles.builder().build()).message("Remove x")
          .author(Signature.of("Bot", "bot@example.com")).addRemoval("clusters/dev/x").build());
      assertThat(dir.resolve("clusters/dev")).doesNotExist();
      assertThat(dir.resolve("clusters/prod/y/c.yaml")).hasContent("c");
      repo.commit(Change.builder().files(RenderedFiles.builder().build()).message("Remove y")
          .author(Signature.of("Bot", "bot@example.com")).addRemoval("clusters/prod/y").build());
      // clusters/prod still holds the first commit's app.yaml: it stays, and so does the root.
      assertThat(dir.resolve("clusters/prod/y")).doesNotExist();
      assertThat(dir.resolve("clusters/prod/app.yaml")).exists();
      assertThat(git.status().call().isClean()).isTrue();
    }
  }

  @Test
  void commitOnANewBranchLeavesTheCheckoutUntouched() throws Exception {
    RepoState before = RepoState.capture(dir);
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      CommitResult c = repo.commit(Change.builder().from(change("x/a.yaml", "a\n"))
          .branch("install-x").build());

      assertThat(c.branch()).isEqualTo("install-x");
      RepoState after = RepoState.capture(dir);
      assertThat(after.workTree()).isEqualTo(before.workTree());
      assertThat(after.index()).isEqualTo(before.index());
      assertThat(after.head()).isEqualTo("refs/heads/main");
      assertThat(after.refs()).containsEntry("refs/heads/install-x", c.commitId());
      assertThat(after.refs().get("refs/heads/main")).isEqualTo(before.refs().get("refs/heads/main"));
    }
  }

  @Test
  void pushesTheNewBranchToTheRemote(@TempDir Path remoteDir) throws Exception {
    try (Git remote = Git.init().setBare(true).setDirectory(remoteDir.toFile()).call()) {
      git.remoteAdd().setName("origin").setUri(new URIish(remoteDir.toUri().toString())).call();
      try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
        CommitResult c = repo.commit(Change.builder().from(change("x/a.yaml", "a\n"))
            .branch("install-x").push(true).build());

        assertThat(c.pushedTo()).contains("origin");
        assertThat(remote.getRepository().resolve("refs/heads/install-x").name())
            .isEqualTo(c.commitId());
      }
    }
  }

  @Test
  void initialCommitInAnEmptyRepository(@TempDir Path empty) throws Exception {
    try (Git fresh = Git.init().setDirectory(empty.toFile()).setInitialBranch("main").call();
        JGitOpsRepository repo = GitOpsRepositories.open(empty)) {
      CommitResult c = repo.commit(change("a.yaml", "a\n"));

      assertThat(fresh.getRepository().resolve("refs/heads/main").name()).isEqualTo(c.commitId());
      assertThat(fresh.status().call().isClean()).isTrue();
    }
  }

  @Test
  void refusesToOverwriteAnExistingFile() throws Exception {
    RepoState before = RepoState.capture(dir);
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      assertThatThrownBy(() -> repo.commit(change("README.md", "replaced\n")))
          .isInstanceOf(ProfilesException.class)
          .hasMessage("'README.md' already exists and would be overwritten; nothing was written");
    }
    assertThat(RepoState.capture(dir)).isEqualTo(before);
  }

  @Test
  void aStaleIndexLockRollsEverythingBack() throws Exception {
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      repo.commit(change("x/old.yaml", "old\n"));
    }
    Files.writeString(dir.resolve(".git/index.lock"), "held by another git process");
    RepoState before = RepoState.capture(dir);
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      assertThatThrownBy(() -> repo.commit(Change.builder().from(change("x/new.yaml", "n\n"))
          .addRemoval("x").build()))
          .isInstanceOf(ProfilesException.class).hasMessageStartingWith("commit failed, nothing"
              + " was changed");
    }
    assertThat(RepoState.capture(dir)).isEqualTo(before);
    assertThat(dir.resolve("x/old.yaml")).hasContent("old");
  }

  @Test
  void aLockedBranchRollsBackTheWorkTreeAndIndex() throws Exception {
    Files.writeString(dir.resolve(".git/refs/heads/main.lock"), "locked");
    RepoState before = RepoState.capture(dir);
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      assertThatThrownBy(() -> repo.commit(change("x/a.yaml", "a\n", "y/b.yaml", "b\n")))
          .isInstanceOf(ProfilesException.class).hasMessageContaining("cannot move main");
    }
    assertThat(RepoState.capture(dir)).isEqualTo(before);
  }

  @Test
  void aFileInTheWayOfADirectoryRollsBack() throws Exception {
    Files.writeString(dir.resolve("zz"), "an untracked file");
    RepoState before = RepoState.capture(dir);
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      // "a/one.yaml" is written first, then "zz/x.yaml" cannot get its directory.
      assertThatThrownBy(() -> repo.commit(change("a/one.yaml", "1\n", "zz/x.yaml", "x\n")))
          .isInstanceOf(ProfilesException.class).hasMessageContaining("zz is not a directory");
    }
    assertThat(RepoState.capture(dir)).isEqualTo(before);
  }

  @Test
  void aTrackedFileWhereADirectoryMustGoIsRefused() throws Exception {
    RepoState before = RepoState.capture(dir);
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      assertThatThrownBy(() -> repo.commit(change("a/one.yaml", "1\n", "README.md/x.yaml", "x\n")))
          .isInstanceOf(ProfilesException.class)
          .hasMessageStartingWith("commit failed, nothing was changed");
    }
    assertThat(RepoState.capture(dir)).isEqualTo(before);
  }

  @Test
  void reportsUncommittedChangesBelowAPath() throws Exception {
    RepoState.write(dir.resolve("clusters/prod/app.yaml"), "kind: Secret\n");
    RepoState.write(dir.resolve("clusters/prod/new.yaml"), "new\n");
    RepoState.write(dir.resolve("elsewhere.yaml"), "x\n");
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      assertThat(repo.uncommittedChanges("clusters"))
          .containsExactly("clusters/prod/app.yaml", "clusters/prod/new.yaml");
      assertThat(repo.uncommittedChanges("nothing-here")).isEmpty();
      assertThat(repo.readFile("README.md")).hasValueSatisfying(b -> assertThat(b).asString()
          .isEqualTo("gitops\n"));
      assertThat(repo.exists("clusters/prod")).isTrue();
      assertThatThrownBy(() -> repo.exists("../outside")).hasMessageContaining("must stay inside");
    }
  }

  @Test
  void refusesADirectoryThatIsNotAWorkingTree(@TempDir Path plain) throws Exception {
    assertThatThrownBy(() -> GitOpsRepositories.open(plain))
        .hasMessageEndingWith("is not a git working tree (no .git)");
    Path sub = Files.createDirectories(dir.resolve("clusters/prod/deeper"));
    assertThatThrownBy(() -> GitOpsRepositories.open(sub))
        .hasMessage("'" + sub + "' is not a git working tree (no .git); it is inside the working"
            + " tree '" + dir.toAbsolutePath().normalize() + "'");
  }

  /** A linked worktree ({@code git worktree add}) has a {@code .git} file, as a submodule. */
  @Test
  void installsIntoALinkedWorktreeAsGitWould(@TempDir Path elsewhere) throws Exception {
    Prerequisites.require(Prerequisites.onPath("git"), "git (worktree add; reading the result)");
    Path wt = elsewhere.resolve("wt");
    Process p = new ProcessBuilder("git", "-C", dir.toString(), "worktree", "add", "-q", "-b",
        "feature", wt.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(wt.resolve(".git")).isRegularFile();
    try (JGitOpsRepository repo = GitOpsRepositories.open(wt)) {
      CommitResult c = repo.commit(change("apps/a.yaml", "a: 1\n"));
      assertThat(c.branch()).isEqualTo("feature");
      assertThat(Files.readString(wt.resolve("apps/a.yaml"))).isEqualTo("a: 1\n");
      assertThat(repo.uncommittedChanges(".")).isEmpty();
    }
    // git itself sees the commit on the worktree's branch, a clean worktree, and a main
    // working tree that did not move.
    assertThat(git("-C", wt.toString(), "status", "--porcelain")).isEmpty();
    assertThat(git("-C", wt.toString(), "log", "-1", "--format=%s")).isEqualTo("Install x\n");
    assertThat(git("-C", dir.toString(), "log", "-1", "--format=%s")).isEqualTo("init\n");
    assertThat(dir.resolve("apps")).doesNotExist();
    assertThat(git("-C", dir.toString(), "fsck", "--strict")).doesNotContain("error");
  }

  @Test
  void aBrokenGitFileIsATypedError(@TempDir Path elsewhere) throws Exception {
    for (String content : List.of("garbage\n", "gitdir: " + elsewhere.resolve("none") + "\n",
        "gitdir: \n", "", "gitdir: " + "x".repeat(100_000) + "\n")) {
      Path wt = Files.createDirectories(elsewhere.resolve("wt" + content.length()));
      Files.writeString(wt.resolve(".git"), content);
      assertThatThrownBy(() -> GitOpsRepositories.open(wt).close())
          .as(content.length() > 40 ? content.substring(0, 40) : content)
          .isInstanceOf(ProfilesException.class).hasMessageContaining(wt.toString());
    }
  }

  private static String git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
