package dev.profiles.git.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.install.Change;
import dev.profiles.core.install.InstallRefusedException;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.install.Signature;
import dev.profiles.testing.git.RepoState;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed metadata of a change as this store encodes it, and authors that must be real. */
class CommitMetadataTest {
  private static final Signature BOT = Signature.of("Bot", "bot@example.com");

  @TempDir
  Path dir;
  private Git git;

  @BeforeEach
  void repoWithOneCommit() throws Exception {
    git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    RepoState.write(dir.resolve("README.md"), "gitops\n");
    git.add().addFilepattern(".").call();
    git.commit().setMessage("init").setAuthor("t", "t@example.com")
        .setCommitter("t", "t@example.com").setSign(false).call();
  }

  private static Change change(String message, String installation) {
    return Change.builder().message(message).author(BOT).installation(installation)
        .files(RenderedFiles.builder().put(dev.profiles.core.rules.ContainedPaths
            .normalize(installation) + "/a.yaml", "a: 1\n").build())
        .baseline(RenderedFiles.builder().put("a.yaml", "a: 1\n").build()).build();
  }

  private RevCommit head() throws Exception {
    return git.log().setMaxCount(1).call().iterator().next();
  }

  @Test
  void installationAndBaselineBecomeTrailersAndTheBaselineIsFoundAgain() throws Exception {
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      repo.commit(change("Install web", "./apps//web/"));
      RevCommit head = head();
      assertThat(head.getFooterLines("Profiles-Installation")).containsExactly("apps/web");
      assertThat(head.getFooterLines("Profiles-Baseline")).hasSize(1);
      assertThat(head.getFullMessage()).startsWith("Install web\n\nProfiles-Installation:");
      assertThat(repo.baseline("apps/web").orElseThrow().text("a.yaml")).contains("a: 1\n");
      assertThat(repo.baseline("apps/other")).isEmpty();
    }
  }

  @Test
  void trailersJoinTheUsersTrailerBlock() throws Exception {
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      repo.commit(change("Install web\n\nSigned-off-by: Ops <ops@example.com>", "web"));
      RevCommit head = head();
      assertThat(head.getFooterLines("Signed-off-by")).hasSize(1);
      assertThat(head.getFooterLines("Profiles-Installation")).containsExactly("web");
      assertThat(repo.baseline("web")).isPresent();
    }
  }

  @Test
  void aChangeAboutNoInstallationHasNoTrailers() throws Exception {
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      repo.commit(Change.builder().message("Configure").author(BOT)
          .files(RenderedFiles.builder().put(".pctl/config.yaml", "defaultDir: x\n").build())
          .build());
      assertThat(head().getFullMessage()).isEqualTo("Configure\n");
    }
  }

  /** JGit's view of a machine with no git configuration and the environment {@code env}. */
  private SystemReader isolated(SystemReader previous, Map<String, String> env) {
    Path home = dir.resolve(".no-home");
    return new SystemReader.Delegate(previous) {
      @Override
      public FileBasedConfig openUserConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, home.resolve("gitconfig").toFile(), fs);
      }

      @Override
      public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, home.resolve("system").toFile(), fs);
      }

      @Override
      public FileBasedConfig openJGitConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, home.resolve("jgit").toFile(), fs);
      }

      @Override
      public String getenv(String variable) {
        return variable.startsWith("GIT_") || variable.equals("EMAIL") ? env.get(variable)
            : super.getenv(variable);
      }
    };
  }

  /** git's identity variables: the author and the committer apart, neither ever invented. */
  @Test
  void theAuthorAndTheCommitterComeFromGitsVariablesApart() throws Exception {
    SystemReader previous = SystemReader.getInstance();
    Change anonymous = Change.builder().message("Install web")
        .files(RenderedFiles.builder().put("web/a.yaml", "a\n").build()).build();
    try {
      // Only the author: git refuses ("Committer identity unknown"), so does the commit.
      SystemReader.setInstance(isolated(previous, Map.of("GIT_AUTHOR_NAME", "Ann",
          "GIT_AUTHOR_EMAIL", "ann@example.com")));
      RepoState before = RepoState.capture(dir);
      try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
        assertThatThrownBy(() -> repo.commit(anonymous))
            .isInstanceOfSatisfying(InstallRefusedException.class, e -> {
              assertThat(e.reason()).isEqualTo(InstallRefusedException.Reason.MISSING_AUTHOR);
              assertThat(e.getMessage()).contains("no committer was given")
                  .contains("GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL");
            });
      }
      assertThat(RepoState.capture(dir)).isEqualTo(before);
      // Both: each is what git would write.
      SystemReader.setInstance(isolated(previous, Map.of("GIT_AUTHOR_NAME", "Ann",
          "GIT_AUTHOR_EMAIL", "ann@example.com", "GIT_COMMITTER_NAME", "CI",
          "GIT_COMMITTER_EMAIL", "ci@example.com")));
      try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
        repo.commit(anonymous);
      }
      assertThat(head().getAuthorIdent().getName() + " " + head().getAuthorIdent()
          .getEmailAddress()).isEqualTo("Ann ann@example.com");
      assertThat(head().getCommitterIdent().getName() + " " + head().getCommitterIdent()
          .getEmailAddress()).isEqualTo("CI ci@example.com");
      // A configured user and GIT_AUTHOR_*: the author from the variables, the committer the
      // user — as git does.
      git.getRepository().getConfig().setString("user", null, "name", "Configured");
      git.getRepository().getConfig().setString("user", null, "email", "c@example.com");
      git.getRepository().getConfig().save();
      SystemReader.setInstance(isolated(previous, Map.of("GIT_AUTHOR_NAME", "Ann",
          "GIT_AUTHOR_EMAIL", "ann@example.com")));
      try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
        repo.commit(Change.builder().from(anonymous)
            .files(RenderedFiles.builder().put("web/b.yaml", "b\n").build()).build());
      }
      assertThat(head().getAuthorIdent().getName()).isEqualTo("Ann");
      assertThat(head().getCommitterIdent().getName()).isEqualTo("Configured");
    } finally {
      SystemReader.setInstance(previous);
    }
  }

  @Test
  void refusesToInventAnAuthorWhenNoUserIsConfigured() throws Exception {
    SystemReader previous = SystemReader.getInstance();
    SystemReader.setInstance(isolated(previous, Map.of()));
    try {
      RepoState before = RepoState.capture(dir);
      try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
        Change anonymous = Change.builder().message("Install web")
            .files(RenderedFiles.builder().put("web/a.yaml", "a\n").build()).build();
        assertThatThrownBy(() -> repo.commit(anonymous))
            .isInstanceOfSatisfying(InstallRefusedException.class, e -> {
              assertThat(e.reason()).isEqualTo(InstallRefusedException.Reason.MISSING_AUTHOR);
              assertThat(e.getMessage()).contains("user.name").contains(".author(");
            });
        assertThatThrownBy(() -> repo.write(anonymous))
            .isInstanceOf(InstallRefusedException.class);
        assertThat(RepoState.capture(dir)).isEqualTo(before);
      }
      git.getRepository().getConfig().setString("user", null, "name", "Configured");
      git.getRepository().getConfig().setString("user", null, "email", "c@example.com");
      git.getRepository().getConfig().save();
      try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
        repo.commit(Change.builder().message("Install web")
            .files(RenderedFiles.builder().put("web/a.yaml", "a\n").build()).build());
        assertThat(head().getAuthorIdent().getName()).isEqualTo("Configured");
      }
    } finally {
      SystemReader.setInstance(previous);
    }
  }
}
