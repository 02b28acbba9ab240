package dev.profiles.git.gitops;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.Progress;
import dev.profiles.core.install.Change;
import dev.profiles.core.install.CommitResult;
import dev.profiles.core.install.GitOpsRepository;
import dev.profiles.core.install.InstallRefusedException;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.install.Signature;
import dev.profiles.core.resolve.ResolveException;
import dev.profiles.core.rules.ContainedPaths;
import dev.profiles.git.GitCredentials;
import dev.profiles.git.internal.FileTrees;
import dev.profiles.git.internal.Operation;
import dev.profiles.git.internal.Transports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * A {@link GitOpsRepository} on a JGit working tree. Obtain one from {@link
 * GitOpsRepositories#open}; close it when done.
 *
 * <p>It keeps {@link GitOpsRepository}'s guarantees as follows. A commit is built in the object
 * database first (blobs, tree, commit: invisible until a ref points at it); then the working
 * tree is changed with every step recorded, the index is replaced under its lock, and the
 * branch is moved only if it still points where it did; any failure undoes the recorded steps
 * in reverse. A change's {@link Change#installation()} and {@link Change#baseline()} are kept
 * as commit trailers ({@code Profiles-Installation: <dir>}, {@code Profiles-Baseline: <id>});
 * the baseline is a parentless commit kept reachable under {@code refs/profiles/baselines/}.
 * Pushing (new branches only) sends the branch and its baseline ref; when the push fails or a
 * ref is rejected, the local branch and baseline ref are deleted again and the failure is
 * thrown; refs the remote already accepted stay there (git has no cross-ref rollback). An
 * author comes from the change, else from the repository's git configuration ({@code
 * user.name}, {@code user.email}, or git's environment variables); with neither, {@link
 * #commit} refuses ({@link InstallRefusedException.Reason#MISSING_AUTHOR}).
 *
 * <pre>{@code
 * try (JGitOpsRepository repo = GitOpsRepositories.open(dir).withRemote("origin")) {
 *   repo.uncommittedChanges("my-nginx"); // [] when clean
 * }
 * }</pre>
 */
public final class JGitOpsRepository implements GitOpsRepository, AutoCloseable {
  private final Repository repository;
  private final Path workTree;
  private String remote = Constants.DEFAULT_REMOTE_NAME;
  private Optional<GitCredentials> pushCredentials = Optional.empty();
  private Optional<String> baselineRef = Optional.empty();
  private Progress pushProgress = Progress.none();
  private Duration pushTimeout = Operation.DEFAULT_TIMEOUT;

  JGitOpsRepository(Repository repository) {
    this.repository = repository;
    this.workTree = repository.getWorkTree().toPath();
  }

  /** Pushes go to {@code remoteName} (default {@code origin}). */
  public JGitOpsRepository withRemote(String remoteName) {
    this.remote = remoteName;
    return this;
  }

  /**
   * Credentials for pushing: HTTPS user and password or token, or an SSH key with strict
   * {@code known_hosts} checking, as for resolving. Never logged or shown in messages.
   */
  public JGitOpsRepository withPushCredentials(GitCredentials credentials) {
    this.pushCredentials = Optional.of(credentials);
    return this;
  }

  /**
   * Progress of pushes (an install or upgrade on a branch with {@code push(true)}), reported
   * as for fetches; default none.
   */
  public JGitOpsRepository withPushProgress(Progress progress) {
    if (progress == null) {
      throw new ProfilesConfigurationException("pushProgress must not be null");
    }
    this.pushProgress = progress;
    return this;
  }

  /** The connect and read timeout of pushes; default 60 seconds. */
  public JGitOpsRepository withPushTimeout(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new ProfilesConfigurationException("pushTimeout must be positive: " + timeout);
    }
    this.pushTimeout = timeout;
    return this;
  }

  /** The working tree's root. */
  public Path workTree() {
    return workTree;
  }

  @Override
  public Optional<byte[]> readFile(String path) throws ProfilesException {
    Path file = resolve(path);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ProfilesException("cannot read '" + path + "': " + e.getMessage(), e);
    }
  }

  @Override
  public boolean exists(String path) throws ProfilesException {
    return Files.exists(resolve(path), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public List<String> uncommittedChanges(String path) throws ProfilesException {
    String normalized = checked(path);
    try (Git git = new Git(repository)) {
      var status = git.status();
      if (!normalized.equals(".")) {
        status.addPath(normalized);
      }
      Status s = status.call();
      TreeSet<String> out = new TreeSet<>();
      out.addAll(s.getAdded());
      out.addAll(s.getChanged());
      out.addAll(s.getRemoved());
      out.addAll(s.getMissing());
      out.addAll(s.getModified());
      out.addAll(s.getUntracked());
      out.addAll(s.getConflicting());
      return List.copyOf(out);
    } catch (GitAPIException | RuntimeException e) {
      throw new ProfilesException("cannot read the status of '" + path + "': " + e.getMessage(),
          e);
    }
  }

  @Override
  public CommitResult commit(Change change) throws ProfilesException {
    try {
      Transaction tx = new Transaction(repository, workTree, change);
      ObjectId commit = tx.buildCommit(author(change.author()),
          committer(change.committer().or(change::author)));
      baselineRef = tx.baselineRef();
      String branch;
      ObjectId lease = null;
      if (change.branch().isPresent()) {
        // A branch for review: the user's checkout, index and branch stay untouched.
        branch = change.branch().get();
        org.eclipse.jgit.lib.Ref existing = change.replaceBranch()
            ? repository.exactRef(Constants.R_HEADS + branch) : null;
        if (existing != null) {
          lease = remoteLease(branch, existing.getObjectId());
          if (holdsAlready(existing.getObjectId(), commit, tx.oldHead())) {
            // Exactly this change on today's HEAD: no new commit (idempotent re-runs).
            var same = CommitResult.builder().commitId(existing.getObjectId().name())
                .branch(branch).unchanged(true);
            if (change.push()) {
              push(branch, Optional.empty(), lease);
              same.pushedTo(remote);
            }
            return same.build();
          }
          tx.replaceBranch(branch, existing.getObjectId(), commit);
        } else {
          if (change.replaceBranch()) {
            lease = remoteLease(branch, null);
          }
          tx.createBranch(branch, commit);
        }
      } else {
        branch = tx.applyToCheckout(commit);
      }
      var result = CommitResult.builder().commitId(commit.name()).branch(branch);
      if (change.push()) {
        try {
          push(branch, tx.baselineRef(), change.replaceBranch() ? lease : null);
        } catch (ProfilesException | RuntimeException e) {
          // All or nothing: a branch that was not pushed is not left behind either.
          tx.undoBranch(e);
          throw e;
        }
        result.pushedTo(remote);
      }
      return result.build();
    } catch (IOException | RuntimeException e) {
      // JGit reports some failures (e.g. a file/directory name clash) as runtime exceptions.
      throw new ProfilesException("commit failed, nothing was changed: " + e.getMessage(), e);
    }
  }

  @Override
  public String write(Change change) throws ProfilesException {
    try {
      Transaction tx = new Transaction(repository, workTree, change);
      tx.applyToWorkTree(author(change.author()),
          committer(change.committer().or(change::author)));
      return tx.message();
    } catch (IOException | RuntimeException e) {
      throw new ProfilesException("writing failed, nothing was changed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> listFiles(String path) throws ProfilesException {
    String normalized = checked(path);
    List<String> out = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(repository)) {
      walk.addTree(new FileTreeIterator(repository));
      walk.setRecursive(true);
      if (!normalized.equals(".")) {
        walk.setFilter(PathFilter.create(normalized));
      }
      while (walk.next()) {
        WorkingTreeIterator entry = walk.getTree(0, WorkingTreeIterator.class);
        if (!entry.isEntryIgnored() && walk.getFileMode(0).getObjectType()
            == Constants.OBJ_BLOB) {
          out.add(walk.getPathString());
        }
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new ProfilesException("cannot list '" + path + "': " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<RenderedFiles> baseline(String installationDirectory)
      throws ProfilesException {
    String dir = checked(installationDirectory);
    try (RevWalk walk = new RevWalk(repository)) {
      ObjectId head = repository.resolve(Constants.HEAD);
      if (head == null) {
        return Optional.empty();
      }
      walk.markStart(walk.parseCommit(head));
      for (RevCommit commit : walk) {
        if (commit.getFooterLines(Transaction.INSTALLATION_TRAILER).contains(dir)) {
          List<String> baselines = commit.getFooterLines(Transaction.BASELINE_TRAILER);
          if (baselines.isEmpty() || !ObjectId.isId(baselines.get(0))
              || !repository.getObjectDatabase().has(ObjectId.fromString(baselines.get(0)))) {
            return Optional.empty();
          }
          RevCommit baseline = walk.parseCommit(ObjectId.fromString(baselines.get(0)));
          RenderedFiles.Builder files = RenderedFiles.builder();
          try (TreeWalk tw = new TreeWalk(repository)) {
            tw.addTree(baseline.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
              files.put(tw.getPathString(), repository.open(tw.getObjectId(0)).getBytes());
            }
          }
          return Optional.of(files.build());
        }
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      throw new ProfilesException("cannot read the history of '" + installationDirectory
          + "': " + e.getMessage(), e);
    }
  }

  /**
   * {@code signature}, else the author git would take ({@code GIT_AUTHOR_NAME} and {@code
   * GIT_AUTHOR_EMAIL}, else the configured user); never an identity JGit would invent from the
   * operating system's user and host name.
   */
  private PersonIdent author(Optional<Signature> signature) throws InstallRefusedException {
    if (signature.isPresent()) {
      return new PersonIdent(signature.get().name(), signature.get().email());
    }
    UserConfig user = repository.getConfig().get(UserConfig.KEY);
    if (user.isAuthorNameImplicit() || user.isAuthorEmailImplicit()) {
      throw missingIdentity("author", "GIT_AUTHOR");
    }
    return new PersonIdent(user.getAuthorName(), user.getAuthorEmail());
  }

  /**
   * {@code signature} (the change's committer, else its author), else the committer git would
   * take ({@code GIT_COMMITTER_NAME} and {@code GIT_COMMITTER_EMAIL}, else the configured
   * user). Apart from the author: with only {@code GIT_AUTHOR_*} set, git refuses to commit
   * rather than invent a committer, and so does this.
   */
  private PersonIdent committer(Optional<Signature> signature) throws InstallRefusedException {
    if (signature.isPresent()) {
      return new PersonIdent(signature.get().name(), signature.get().email());
    }
    UserConfig user = repository.getConfig().get(UserConfig.KEY);
    if (user.isCommitterNameImplicit() || user.isCommitterEmailImplicit()) {
      throw missingIdentity("committer", "GIT_COMMITTER");
    }
    return new PersonIdent(user.getCommitterName(), user.getCommitterEmail());
  }

  private InstallRefusedException missingIdentity(String role, String env) {
    return new InstallRefusedException(InstallRefusedException.Reason.MISSING_AUTHOR,
        "no " + role + " was given and the repository at '" + workTree + "' has no configured"
            + " user (git config user.name and user.email, or " + env + "_NAME and " + env
            + "_EMAIL): pass ." + role + "(Signature.of(name, email)) or configure git; commits"
            + " are never authored by an invented identity");
  }

  /** Whether branch tip {@code tip} is {@code built}'s tree on parent {@code head}. */
  private boolean holdsAlready(ObjectId tip, ObjectId built, ObjectId head) throws IOException {
    try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(
        repository)) {
      org.eclipse.jgit.revwalk.RevCommit t = walk.parseCommit(tip);
      org.eclipse.jgit.revwalk.RevCommit b = walk.parseCommit(built);
      return head != null && t.getParentCount() == 1 && t.getParent(0).equals(head)
          && t.getTree().equals(b.getTree());
    }
  }

  /**
   * What the remote branch is expected to hold for a force-with-lease push: the remote-tracking
   * ref when this clone has one (a fresh clone sees the planner's earlier pushes there), else
   * the local branch (pushed by this repository before), else nothing (the branch must not
   * exist on the remote: zero id).
   */
  private ObjectId remoteLease(String branch, ObjectId local) throws IOException {
    org.eclipse.jgit.lib.Ref tracking = repository.exactRef(Constants.R_REMOTES + remote + "/"
        + branch);
    if (tracking != null && tracking.getObjectId() != null) {
      return tracking.getObjectId();
    }
    return local == null ? ObjectId.zeroId() : local;
  }

  private void push(String branch, Optional<String> baselineRef) throws ProfilesException {
    push(branch, baselineRef, null);
  }

  /**
   * Pushes the branch (and its baseline ref); with a {@code lease}, the branch is forced, but
   * only over that remote value (force-with-lease), and the remote-tracking ref is updated after.
   */
  private void push(String branch, Optional<String> baselineRef, ObjectId lease)
      throws ProfilesException {
    List<RefSpec> specs = new ArrayList<>();
    specs.add(new RefSpec((lease != null ? "+" : "") + "refs/heads/" + branch + ":refs/heads/"
        + branch));
    // The baseline travels with the branch so a refresh works from any clone.
    baselineRef.ifPresent(r -> specs.add(new RefSpec(r + ":" + r)));
    String url = repository.getConfig().getString("remote", remote, "url");
    if (url == null) {
      throw new ProfilesException("no remote '" + remote + "' is configured, so branch '"
          + branch + "' cannot be pushed; nothing was changed");
    }
    Path sshHome = null;
    try {
      sshHome = Files.createTempDirectory("profiles-push-ssh");
      try (Transports transports = new Transports(pushCredentials.orElse(GitCredentials.none()),
          Map.of(), sshHome, Optional.empty(), repository)) {
        for (RemoteRefUpdate u : transports.push(repository, url, specs,
            lease == null ? Map.of() : Map.of("refs/heads/" + branch, lease),
            new Operation(pushProgress, pushTimeout))) {
          if (u.getStatus() != RemoteRefUpdate.Status.OK
              && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
            throw new ProfilesException("push of " + u.getRemoteName() + " to '" + remote
                + "' was rejected: " + u.getStatus() + "; nothing was changed");
          }
        }
        if (lease != null) {
          // The next lease expects what was pushed now.
          ObjectId pushed = repository.resolve(Constants.R_HEADS + branch);
          org.eclipse.jgit.lib.RefUpdate tracking = repository.updateRef(Constants.R_REMOTES
              + remote + "/" + branch);
          tracking.setNewObjectId(pushed);
          tracking.setForceUpdate(true);
          tracking.update();
        }
      }
    } catch (ResolveException e) {
      throw new ProfilesException("push of branch '" + branch + "' to '" + remote + "' failed,"
          + " nothing was changed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ProfilesException("push failed: " + e.getMessage(), e);
    } finally {
      FileTrees.deleteQuietly(sshHome);
    }
  }


  private Path resolve(String path) throws ProfilesException {
    return workTree.resolve(checked(path));
  }

  /** {@code path} normalized, or refused when it would leave the working tree. */
  private static String checked(String path) throws ProfilesException {
    if (path == null) {
      throw new ProfilesException("a repository path must not be null");
    }
    Optional<String> problem = ContainedPaths.problem(path);
    if (problem.isPresent()) {
      throw new ProfilesException("path '" + path + "': " + problem.get());
    }
    return ContainedPaths.normalize(path);
  }

  @Override
  public void close() {
    repository.close();
  }

  /** Paths that the change removes, as a list for the transaction. */
  static List<String> normalized(List<String> paths) {
    List<String> out = new ArrayList<>();
    paths.forEach(p -> out.add(ContainedPaths.normalize(p)));
    return out;
  }
}
