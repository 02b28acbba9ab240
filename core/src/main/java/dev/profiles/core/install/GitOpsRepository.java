package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;
import java.util.List;
import java.util.Optional;

/**
 * The user's GitOps repository, as installing needs it: read what is there, see what is not
 * committed, and apply one change as a single commit, all or nothing.
 *
 * <p>The {@code profiles-git} module implements it with JGit ({@code
 * GitOpsRepositories.open(dir)}). Paths are relative to the repository root and use '/'.
 *
 * <pre>{@code
 * GitOpsRepository repo = GitOpsRepositories.open(Path.of("/srv/gitops"));
 * repo.readFile(".pctl/config.yaml");
 * }</pre>
 */
public interface GitOpsRepository {
  /**
   * The commit trailer naming the installation directory a commit installed, upgraded or
   * refreshed ({@code Profiles-Installation: clusters/prod/my-nginx}).
   */
  String INSTALLATION_TRAILER = "Profiles-Installation";

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
   * exactly those paths and commits (on a new branch and pushed, when asked). Either all of it
   * happens or, on any failure, the working tree, index and refs are left exactly as before.
   */
  CommitResult commit(Change change) throws ProfilesException;

  /**
   * Applies {@code change} to the working tree only (removals, then files), all or nothing,
   * leaving the result uncommitted and unstaged for the user to review: used when an upgrade
   * has conflicts. Its baseline, if any, is recorded as {@link #commit} would.
   *
   * @return the commit message (with trailers) to use once the user has resolved and commits,
   *     so later refreshes find the baseline
   */
  String write(Change change) throws ProfilesException;

  /**
   * Every file at or below {@code path} in the working tree (tracked or not, ignored files and
   * {@code .git} excluded), as sorted repository-relative paths; empty when nothing is there.
   */
  List<String> listFiles(String path) throws ProfilesException;

  /**
   * The pristine render (before any merge with user edits) recorded as {@link
   * Change#baseline()} by the most recent commit on {@code HEAD} whose {@link
   * #INSTALLATION_TRAILER} names {@code installationDirectory}; empty when there is none.
   */
  Optional<RenderedFiles> baseline(String installationDirectory) throws ProfilesException;

  /**
   * Three-way merges file sets: for every path, the change from {@code base} to {@code theirs}
   * is applied onto {@code ours}. Conflicting text is written with standard conflict markers
   * ({@code <<<<<<< ours}, {@code =======}, {@code >>>>>>> theirs}).
   */
  MergedFiles merge(RenderedFiles base, RenderedFiles ours, RenderedFiles theirs)
      throws ProfilesException;
}
