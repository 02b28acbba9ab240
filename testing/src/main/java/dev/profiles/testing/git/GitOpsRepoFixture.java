package dev.profiles.testing.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A GitOps repository for tests: a non-bare git repository with branch {@code main} checked out
 * and one commit holding {@code README.md}, the state a cluster repository is in before the
 * first install. Open it with the store under test, e.g. {@code
 * GitOpsRepositories.open(gitops.directory())} of {@code profiles-git}; this module does not
 * depend on {@code profiles-git}, so that module's own tests can use the kit too.
 *
 * <pre>{@code
 * try (GitOpsRepoFixture gitops = GitOpsRepoFixture.create(tmp.resolve("gitops"))) {
 *   RepoState before = gitops.state();
 *   // ... an install that must fail ...
 *   assertThat(gitops.state()).isEqualTo(before);
 * }
 * }</pre>
 */
public final class GitOpsRepoFixture implements AutoCloseable {
  private final Git git;

  private GitOpsRepoFixture(Git git) {
    this.git = git;
  }

  /**
   * Creates the repository at {@code directory} (created if missing; must be empty) with one
   * commit on {@code main}, authored by {@code Fixture <fixture@example.com>}.
   *
   * @throws UncheckedIOException when the directory cannot be written
   */
  public static GitOpsRepoFixture create(Path directory) {
    try {
      Files.createDirectories(directory);
      Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call();
      Files.writeString(directory.resolve("README.md"), "cluster\n");
      git.add().addFilepattern("README.md").call();
      git.commit().setMessage("init").setAuthor("Fixture", "fixture@example.com")
          .setCommitter("Fixture", "fixture@example.com").setSign(false).call();
      return new GitOpsRepoFixture(git);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new UncheckedIOException(new IOException("cannot create a git repository at "
          + directory + ": " + e.getMessage(), e));
    }
  }

  /**
   * Configures the repository's git user ({@code user.name}, {@code user.email}), which
   * authors the commits of commands given no author: the SDK never invents one.
   */
  public GitOpsRepoFixture withUser(String name, String email) {
    try {
      var config = git.getRepository().getConfig();
      config.setString("user", null, "name", name);
      config.setString("user", null, "email", email);
      config.save();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The working tree (its {@code .git} directory is inside). */
  public Path directory() {
    return git.getRepository().getWorkTree().toPath();
  }

  /** Everything a user could see of the repository now, for before/after comparisons. */
  public RepoState state() {
    try {
      return RepoState.capture(directory());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the state of " + directory(), e);
    }
  }

  /** The JGit handle, for assertions on history. */
  public Git git() {
    return git;
  }

  @Override
  public void close() {
    git.close();
  }
}
