package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;
import java.util.List;
import java.util.Optional;

/**
 * The user's GitOps repository as a store: read what is there, see what is not committed, and
 * apply one {@link Change} as a single commit. It knows nothing of profiles: which directory is
 * an installation and what its record says is {@link Installation}'s business; merging is
 * {@link Merger}'s.
 *
 * <p>Guarantees every implementation gives (and {@code profiles-git}'s {@code
 * JGitOpsRepository} and the in-memory {@code dev.profiles.core.memory.InMemoryGitOpsRepository}
 * keep):
 * <ul>
 *   <li><b>Local atomicity.</b> {@link #commit} and {@link #write} either apply the whole change
 *       or, when they throw, leave the working tree, the index and every ref exactly as before.
 *       Objects written to the object database on the way may remain, unreachable (git's
 *       garbage collection removes them); they change nothing a user sees.
 *   <li><b>No invented author.</b> A change without {@link Change#author()} is authored by the
 *       repository's configured user; when none is configured, {@link #commit} refuses with
 *       {@link InstallRefusedException} ({@link InstallRefusedException.Reason#MISSING_AUTHOR})
 *       and nothing changes; so does {@link #write}, whose baseline is a commit too.
 *   <li><b>Push.</b> Only a change on a new {@link Change#branch()} is pushed. The commit is made
 *       locally first, then the branch (and the ref keeping its baseline) is pushed. When the
 *       push fails or the remote rejects a ref, the local branch and baseline ref are deleted
 *       again, so the local repository is as before, and the failure is thrown. The remote is
 *       not rolled back: git updates each pushed ref separately, so a remote that accepted the
 *       baseline ref but rejected the branch keeps that ref (harmless: it names a commit
 *       reachable from nothing else). The user's checked-out branch is never pushed.
 *   <li><b>Typed metadata.</b> {@link Change#installation()} and {@link Change#baseline()} are
 *       stored so that {@link #baseline} returns the baseline of the most recent commit on
 *       {@code HEAD} for that installation; how (commit trailers in git) is the store's own.
 * </ul>
 * Paths are relative to the repository root and use '/'.
 *
 * <pre>{@code
 * GitOpsRepository repo = GitOpsRepositories.open(Path.of("/srv/gitops"));
 * repo.readFile(".pctl/config.yaml");
 * }</pre>
 */
public interface GitOpsRepository {
  /** The bytes of the file at {@code path} in the working tree, if it exists. */
  Optional<byte[]> readFile(String path) throws ProfilesException;

  /** Whether anything (file or directory) exists at {@code path} in the working tree. */
  boolean exists(String path) throws ProfilesException;

  /**
   * Paths at or below {@code path} whose working tree or index differs from {@code HEAD}
   * (modified, staged, deleted, or untracked and not ignored); empty when clean.
   */
  List<String> uncommittedChanges(String path) throws ProfilesException;

  /**
   * Applies {@code change} as one commit: removes its directories, writes its files, stages
   * exactly those paths and commits (on a new branch and pushed, when asked). All or nothing;
   * see the guarantees above.
   *
   * @throws InstallRefusedException when the change has no author and the repository has no
   *     configured user (nothing changed)
   * @throws ProfilesException for every other failure (nothing changed locally)
   */
  CommitResult commit(Change change) throws ProfilesException;

  /**
   * Applies {@code change} to the working tree only (removals, then files), all or nothing,
   * leaving the result uncommitted and unstaged for the user to review: used when an upgrade
   * has conflicts. Its baseline, if any, is recorded as {@link #commit} would.
   *
   * @return the commit message (with whatever the store needs to find the baseline later) to
   *     use once the user has resolved the conflicts and commits
   */
  String write(Change change) throws ProfilesException;

  /**
   * Every file at or below {@code path} in the working tree (tracked or not, ignored files and
   * {@code .git} excluded), as sorted repository-relative paths; empty when nothing is there.
   */
  List<String> listFiles(String path) throws ProfilesException;

  /**
   * The baseline ({@link Change#baseline()}, by installation-relative path) recorded by the
   * most recent commit on {@code HEAD} whose {@link Change#installation()} was {@code
   * installationDirectory}; empty when there is none.
   */
  Optional<RenderedFiles> baseline(String installationDirectory) throws ProfilesException;
}
