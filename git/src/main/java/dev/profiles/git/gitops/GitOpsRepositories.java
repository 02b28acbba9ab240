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
   * Opens the repository whose working tree is {@code workTree}.
   *
   * @throws ProfilesException when it is not a git working tree
   */
  public static JGitOpsRepository open(Path workTree) throws ProfilesException {
    Path dir = workTree.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir.resolve(".git"))) {
      throw new ProfilesException("'" + dir + "' is not a git working tree (no .git directory)");
    }
    try {
      Repository repo = new FileRepositoryBuilder().setWorkTree(dir.toFile())
          .setGitDir(dir.resolve(".git").toFile()).setMustExist(true).build();
      return new JGitOpsRepository(repo);
    } catch (IOException e) {
      throw new ProfilesException("cannot open git repository '" + dir + "': " + e.getMessage(),
          e);
    }
  }
}
