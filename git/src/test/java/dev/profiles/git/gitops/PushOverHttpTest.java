package dev.profiles.git.gitops;

import java.util.List;
import dev.profiles.core.Progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.Change;
import dev.profiles.core.install.CommitResult;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.install.Signature;
import dev.profiles.git.GitCredentials;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.RepoState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing on a new branch and pushing it to a smart-HTTP server with basic auth. */
class PushOverHttpTest {
  @TempDir
  Path tmp;
  private GitHttpServer server;
  private Git remote;
  private Git local;

  @BeforeEach
  void setUp() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("srv"));
    remote = Git.init().setBare(true).setDirectory(root.resolve("gitops.git").toFile())
        .setInitialBranch("main").call();
    StoredConfig config = remote.getRepository().getConfig();
    config.setBoolean("http", null, "receivepack", true);
    config.save();
    server = GitHttpServer.builder(root).basicAuth("bot", "s3cret-token").start();
    local = Git.init().setDirectory(tmp.resolve("work").toFile()).setInitialBranch("main").call();
    Files.writeString(tmp.resolve("work/README.md"), "x\n");
    local.add().addFilepattern(".").call();
    local.commit().setMessage("init").setAuthor("a", "a@example.com")
        .setCommitter("a", "a@example.com").setSign(false).call();
    local.remoteAdd().setName("origin").setUri(new URIish(server.url("gitops.git"))).call();
  }

  @AfterEach
  void tearDown() {
    server.close();
    remote.close();
    local.close();
  }

  private static Change change() {
    return Change.builder().files(RenderedFiles.builder().put("inst/a.yaml", "a: 1\n").build())
        .message("Install x").installation("inst").author(Signature.of("Bot", "bot@example.com"))
        .branch("install-x").push(true)
        .baseline(RenderedFiles.builder().put("inst/a.yaml", "a: 1\n").build()).build();
  }

  @Test
  void pushesTheBranchAndItsBaselineWithCredentials() throws Exception {
    try (JGitOpsRepository repo = GitOpsRepositories.open(tmp.resolve("work"))
        .withPushCredentials(GitCredentials.basic("bot", "s3cret-token"))) {
      CommitResult c = repo.commit(change());

      assertThat(c.pushedTo()).contains("origin");
      assertThat(remote.getRepository().resolve("refs/heads/install-x").name())
          .isEqualTo(c.commitId());
      assertThat(remote.getRepository().getRefDatabase()
          .getRefsByPrefix("refs/profiles/baselines/")).hasSize(1);
    }
  }

  @Test
  void aPushReportsItsProgress() throws Exception {
    List<String> tasks = new java.util.concurrent.CopyOnWriteArrayList<>();
    Progress progress = new Progress() {
      @Override
      public void start(String task, int totalWork) {
        tasks.add(task);
      }

      @Override
      public void update(int completed) {}

      @Override
      public void end() {}
    };
    try (JGitOpsRepository repo = GitOpsRepositories.open(tmp.resolve("work"))
        .withPushCredentials(GitCredentials.basic("bot", "s3cret-token"))
        .withPushProgress(progress).withPushTimeout(java.time.Duration.ofSeconds(30))) {
      repo.commit(change());
    }
    assertThat(tasks).isNotEmpty();
    assertThat(remote.getRepository().resolve("refs/heads/install-x")).isNotNull();
  }

  @Test
  void aWrongTokenFailsWithoutLeakingItAndChangesNothing() throws Exception {
    RepoState before = RepoState.capture(tmp.resolve("work"));
    try (JGitOpsRepository repo = GitOpsRepositories.open(tmp.resolve("work"))
        .withPushCredentials(GitCredentials.basic("bot", "wrong-token"))) {
      assertThatThrownBy(() -> repo.commit(change()))
          .isInstanceOf(ProfilesException.class)
          .hasMessageContaining("push of branch 'install-x' to 'origin' failed")
          .satisfies(e -> {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain("wrong-token");
          });
      // All or nothing: the branch that could not be pushed is not left behind.
      assertThat(local.getRepository().resolve("refs/heads/install-x")).isNull();
      assertThat(RepoState.capture(tmp.resolve("work"))).isEqualTo(before);
      assertThat(remote.getRepository().resolve("refs/heads/install-x")).isNull();
    }
  }
}
