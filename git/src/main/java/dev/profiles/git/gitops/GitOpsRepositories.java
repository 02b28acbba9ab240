package dev.profiles.git.gitops;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.GitOpsRepository;
import dev.profiles.core.internal.Loggers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Opens a GitOps repository (a git working tree on disk) for installs, with JGit.
 *
 * <p>Every {@link GitOpsRepository#commit} is all or nothing locally: the new commit is built in
 * the object database first, then the working tree, the index and the branch are updated, and
 * any failure on the way puts all three back exactly as they were (see {@link
 * JGitOpsRepository} for pushes and authors).
 *
 * <pre>{@code
 * try (JGitOpsRepository repo = GitOpsRepositories.open(Path.of("/srv/gitops"))) {
 *   profiles.install(repo).source(src).name("my-nginx").call();
 * }
 * }</pre>
 */
public final class GitOpsRepositories {
  static {
    // Before JGit asks SLF4J for its first logger: see Loggers.
    Loggers.init();
  }

  private GitOpsRepositories() {}

  /**
   * Opens the repository whose working tree is {@code workTree}: its {@code .git} is the
   * repository, or (a linked worktree of {@code git worktree add}, a submodule) a file naming
   * it, as git reads it.
   *
   * @throws ProfilesException when it is not a git working tree; when a directory above it is
   *     one, the message names that directory
   */
  public static JGitOpsRepository open(Path workTree) throws ProfilesException {
    Path dir = workTree.toAbsolutePath().normalize();
    if (!Files.exists(dir.resolve(".git"))) {
      String enclosing = "";
      for (Path d = dir.getParent(); d != null; d = d.getParent()) {
        if (Files.exists(d.resolve(".git"))) {
          enclosing = "; it is inside the working tree '" + d + "'";
          break;
        }
      }
      throw new ProfilesException("'" + dir + "' is not a git working tree (no .git)"
          + enclosing);
    }
    try {
      // Without a git directory, JGit takes workTree/.git and follows it when it is a file.
      Repository repo = new FileRepositoryBuilder().setWorkTree(dir.toFile())
          .setMustExist(true).build();
      return new JGitOpsRepository(repo);
    } catch (IOException e) {
      throw new ProfilesException("cannot open git repository '" + dir + "': " + e.getMessage(),
          e);
    }
  }
}
