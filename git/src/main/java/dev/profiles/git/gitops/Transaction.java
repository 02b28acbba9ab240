package dev.profiles.git.gitops;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.Change;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.git.internal.FileTrees;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * One {@link Change} applied all or nothing. The commit is built in the object database
 * first (invisible until a ref points at it); then the working tree is changed with every step
 * recorded, the index is replaced under its lock, and the branch is moved only if it still
 * points where it did. Any failure undoes the recorded steps in reverse.
 */
final class Transaction {
  /** Where baseline commits are kept reachable. */
  static final String BASELINE_REFS = "refs/profiles/baselines/";

  /** The trailer naming a commit's baseline commit. */
  static final String BASELINE_TRAILER = "Profiles-Baseline";

  /**
   * The trailer naming the installation directory a commit installed, upgraded, refreshed or
   * removed ({@code Profiles-Installation: clusters/prod/my-nginx}): how this store keeps
   * {@link Change#installation()}.
   */
  static final String INSTALLATION_TRAILER = "Profiles-Installation";

  private final Repository repository;
  private final Path workTree;
  private final Change change;
  private final List<String> removals;
  private final ObjectId oldHead;
  private final Map<String, ObjectId> blobs = new LinkedHashMap<>();
  /**
   * The baseline's blobs by the path the same file has in the commit (the baseline's paths are
   * relative to the installation directory), with their content: the commit reuses equal ones.
   */
  private final Map<String, Blob> baselineBlobs = new LinkedHashMap<>();
  private ObjectId baseline;
  private final Undo branchUndo = new Undo();

  Transaction(Repository repository, Path workTree, Change change) throws IOException,
      ProfilesException {
    this.repository = repository;
    this.workTree = workTree;
    this.change = change;
    this.removals = JGitOpsRepository.normalized(change.removals());
    this.oldHead = repository.resolve(Constants.HEAD);
    checkPaths();
  }

  private boolean removed(String path) {
    for (String r : removals) {
      if (path.equals(r) || path.startsWith(r + "/")) {
        return true;
      }
    }
    return false;
  }

  private void checkPaths() throws ProfilesException {
    for (String path : change.files().paths()) {
      if (path.equals(Constants.DOT_GIT) || path.startsWith(Constants.DOT_GIT + "/")) {
        throw new ProfilesException("refusing to write inside .git: '" + path + "'");
      }
      if (!removed(path) && Files.exists(workTree.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
        throw new ProfilesException("'" + path + "' already exists and would be overwritten;"
            + " nothing was written");
      }
    }
  }

  /**
   * Writes the baseline's tree and commit (no parent, kept reachable by a ref under {@value
   * #BASELINE_REFS}) to the object database; nothing else changes.
   */
  void buildBaseline(PersonIdent author, PersonIdent committer) throws IOException {
    if (change.baseline().isEmpty()) {
      return;
    }
    DirCache tree = DirCache.newInCore();
    DirCacheBuilder builder = tree.builder();
    String dir = change.installation().map(dev.profiles.core.rules.ContainedPaths::normalize)
        .orElse(".");
    String prefix = dir.equals(".") ? "" : dir + "/";
    try (Inserters inserters = new Inserters()) {
      ObjectInserter inserter = inserters.loose();
      for (String path : change.baseline().get().paths()) {
        byte[] content = change.baseline().get().bytes(path).orElseThrow();
        ObjectId id = insertBlob(inserters, content);
        baselineBlobs.put(prefix + path, new Blob(content, id));
        DirCacheEntry e = new DirCacheEntry(path);
        e.setFileMode(FileMode.REGULAR_FILE);
        e.setObjectId(id);
        builder.add(e);
      }
      builder.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree.writeTree(inserter));
      commit.setAuthor(author);
      commit.setCommitter(committer);
      commit.setMessage("Profiles baseline: the pristine render of " + firstLine() + "\n");
      baseline = inserter.insert(commit);
      inserters.flush();
    }
  }

  /**
   * The change's message with its typed metadata as trailers: {@value #INSTALLATION_TRAILER}
   * and {@value #BASELINE_TRAILER}, in the message's trailer block when it has one.
   */
  String message() {
    String m = change.message().endsWith("\n") ? change.message() : change.message() + "\n";
    StringBuilder trailers = new StringBuilder();
    change.installation().map(dev.profiles.core.rules.ContainedPaths::normalize)
        .ifPresent(dir -> trailers.append(INSTALLATION_TRAILER).append(": ").append(dir)
            .append('\n'));
    if (baseline != null) {
      trailers.append(BASELINE_TRAILER).append(": ").append(baseline.name()).append('\n');
    }
    if (trailers.length() == 0) {
      return m;
    }
    return m + (endsWithTrailerBlock(m) ? "" : "\n") + trailers;
  }

  /** Whether the message's last paragraph (not its first) is made of {@code Key: value} lines. */
  private static boolean endsWithTrailerBlock(String m) {
    String body = m.strip();
    int blank = body.lastIndexOf("\n\n");
    if (blank < 0) {
      return false;
    }
    for (String line : body.substring(blank + 2).split("\n")) {
      if (!line.matches("[A-Za-z0-9-]+: .*")) {
        return false;
      }
    }
    return true;
  }

  /** Creates the ref keeping the baseline reachable; undone by {@code undo}. */
  private void recordBaseline(Undo undo) throws IOException {
    if (baseline == null) {
      return;
    }
    String ref = BASELINE_REFS + baseline.name();
    org.eclipse.jgit.lib.Ref existing = repository.exactRef(ref);
    if (existing != null && baseline.equals(existing.getObjectId())) {
      return; // the same baseline (same content, author and second) is already recorded
    }
    removeCreatedDirectoriesOnUndo(ref, undo);
    RefUpdate create = repository.updateRef(ref);
    create.setExpectedOldObjectId(ObjectId.zeroId());
    create.setNewObjectId(baseline);
    RefUpdate.Result result = create.update();
    if (result != RefUpdate.Result.NEW) {
      throw new IOException("cannot create " + ref + " (" + result + ")");
    }
    undo.push(() -> {
      RefUpdate delete = repository.updateRef(ref);
      delete.setForceUpdate(true);
      delete.delete();
    });
  }

  /** The baseline ref this change created, if any. */
  java.util.Optional<String> baselineRef() {
    return java.util.Optional.ofNullable(baseline).map(b -> BASELINE_REFS + b.name());
  }

  /** Writes blobs, tree and commit to the object database; nothing else changes. */
  ObjectId buildCommit(PersonIdent author, PersonIdent committer) throws IOException {
    buildBaseline(author, committer);
    RenderedFiles files = change.files();
    DirCache tree = DirCache.newInCore();
    DirCacheBuilder builder = tree.builder();
    try (Inserters inserters = new Inserters()) {
      ObjectInserter inserter = inserters.loose();
      if (oldHead != null) {
        try (RevWalk walk = new RevWalk(repository);
            TreeWalk tw = new TreeWalk(repository)) {
          RevCommit head = walk.parseCommit(oldHead);
          tw.addTree(head.getTree());
          tw.setRecursive(true);
          while (tw.next()) {
            String path = tw.getPathString();
            if (!removed(path) && !files.contains(path)) {
              DirCacheEntry e = new DirCacheEntry(path);
              e.setFileMode(tw.getFileMode(0));
              e.setObjectId(tw.getObjectId(0));
              builder.add(e);
            }
          }
        }
      }
      for (String path : files.paths()) {
        byte[] content = files.bytes(path).orElseThrow();
        // A file as the baseline has it (every file of a first install) is already in the
        // object database under a known id: comparing bytes is far cheaper than hashing them.
        Blob same = baselineBlobs.get(path);
        ObjectId blob = same != null && Arrays.equals(same.content(), content)
            ? same.id()
            : insertBlob(inserters, content);
        blobs.put(path, blob);
        DirCacheEntry e = new DirCacheEntry(path);
        e.setFileMode(FileMode.REGULAR_FILE);
        e.setObjectId(blob);
        builder.add(e);
      }
      builder.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree.writeTree(inserter));
      if (oldHead != null) {
        commit.setParentId(oldHead);
      }
      commit.setAuthor(author);
      commit.setCommitter(committer);
      commit.setMessage(message());
      ObjectId id = inserter.insert(commit);
      inserters.flush();
      return id;
    }
  }

  /** Points a new branch at {@code commit}; the checkout is not touched. */
  void createBranch(String branch, ObjectId commit) throws IOException, ProfilesException {
    String ref = Constants.R_HEADS + branch;
    if (!Repository.isValidRefName(ref)) {
      throw new ProfilesException("'" + branch + "' is not a valid branch name");
    }
    Undo undo = branchUndo;
    try {
      recordBaseline(undo);
      removeCreatedDirectoriesOnUndo(ref, undo);
      undo.push(() -> deleteRef(ref, commit));
      RefUpdate update = repository.updateRef(ref);
      update.setExpectedOldObjectId(ObjectId.zeroId());
      update.setNewObjectId(commit);
      update.setRefLogMessage("profiles: " + firstLine(), false);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.NEW) {
        throw new ProfilesException("cannot create branch '" + branch + "' (" + result
            + "); does it exist already?");
      }
    } catch (IOException | ProfilesException | RuntimeException e) {
      undo.run(e);
      throw e;
    }
  }

  /**
   * Moves existing branch {@code branch} from {@code old} to {@code commit}, only if it still
   * points at {@code old}; undone (put back at {@code old}) like {@link #createBranch}.
   */
  void replaceBranch(String branch, ObjectId old, ObjectId commit)
      throws IOException, ProfilesException {
    String ref = Constants.R_HEADS + branch;
    if (ref.equals(repository.getFullBranch())) {
      throw new ProfilesException("'" + branch + "' is the checked-out branch; it is never"
          + " replaced");
    }
    Undo undo = branchUndo;
    try {
      recordBaseline(undo);
      undo.push(() -> {
        org.eclipse.jgit.lib.Ref now = repository.exactRef(ref);
        if (now != null && commit.equals(now.getObjectId())) {
          RefUpdate back = repository.updateRef(ref);
          back.setExpectedOldObjectId(commit);
          back.setNewObjectId(old);
          back.setForceUpdate(true);
          back.update();
        }
      });
      RefUpdate update = repository.updateRef(ref);
      update.setExpectedOldObjectId(old);
      update.setNewObjectId(commit);
      update.setForceUpdate(true);
      update.setRefLogMessage("profiles: " + firstLine(), false);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.FAST_FORWARD) {
        throw new ProfilesException("cannot move branch '" + branch + "' (" + result
            + "); did it move meanwhile?");
      }
    } catch (IOException | ProfilesException | RuntimeException e) {
      undo.run(e);
      throw e;
    }
  }

  /** The commit {@code HEAD} pointed at when this transaction began; null when unborn. */
  ObjectId oldHead() {
    return oldHead;
  }

  /**
   * Removes the branch (and baseline ref) {@link #createBranch} made, when what was to follow
   * (the push) failed: the repository is then as it was before the change.
   */
  void undoBranch(Exception cause) {
    branchUndo.run(cause);
  }

  /**
   * Creating a ref creates its missing parent directories (and its reflog's); undoing the ref
   * removes them again, once the ref is gone (undo steps run in reverse).
   */
  private void removeCreatedDirectoriesOnUndo(String ref, Undo undo) {
    Path gitDir = repository.getDirectory().toPath();
    List<Path> missing = new ArrayList<>();
    for (Path file : List.of(gitDir.resolve(ref), gitDir.resolve(Constants.LOGS).resolve(ref))) {
      for (Path d = file.getParent(); d != null && d.startsWith(gitDir) && !d.equals(gitDir)
          && !Files.exists(d, LinkOption.NOFOLLOW_LINKS); d = d.getParent()) {
        missing.add(d);
      }
    }
    undo.push(() -> {
      for (Path d : missing) {
        try {
          Files.deleteIfExists(d);
        } catch (DirectoryNotEmptyException e) {
          // Something else was created there meanwhile: it stays, and so does the directory.
        }
      }
    });
  }

  private void deleteRef(String ref, ObjectId commit) throws IOException {
    org.eclipse.jgit.lib.Ref now = repository.exactRef(ref);
    if (now != null && commit.equals(now.getObjectId())) {
      RefUpdate delete = repository.updateRef(ref);
      delete.setForceUpdate(true);
      delete.delete();
    }
  }

  /** Makes {@code commit} the checked-out branch's new head, with working tree and index. */
  String applyToCheckout(ObjectId commit) throws IOException, ProfilesException {
    String fullBranch = repository.getFullBranch();
    if (fullBranch == null || !fullBranch.startsWith(Constants.R_HEADS)) {
      throw new ProfilesException("HEAD is detached; check out a branch or commit on a new"
          + " branch");
    }
    Path gitDir = repository.getDirectory().toPath();
    Path txDir = gitDir.resolve("profiles-tx-" + UUID.randomUUID());
    Undo undo = new Undo();
    try {
      Files.createDirectory(txDir);
      Path indexFile = gitDir.resolve("index");
      Path indexBackup = txDir.resolve("index");
      boolean hadIndex = Files.exists(indexFile);
      if (hadIndex) {
        Files.copy(indexFile, indexBackup);
      }
      changeWorkTree(txDir, undo);
      writeIndex();
      undo.push(() -> {
        if (hadIndex) {
          Files.copy(indexBackup, indexFile, StandardCopyOption.REPLACE_EXISTING);
        } else {
          Files.deleteIfExists(indexFile);
        }
      });
      recordBaseline(undo);
      // A ref update can fail after the ref moved (its reflog cannot be appended, say): then
      // the branch is put back where it was, as the rest is.
      undo.push(() -> restoreRef(fullBranch, commit));
      RefUpdate update = repository.updateRef(Constants.HEAD);
      update.setExpectedOldObjectId(oldHead == null ? ObjectId.zeroId() : oldHead);
      update.setNewObjectId(commit);
      update.setRefLogMessage("commit: " + firstLine(), false);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
        throw new IOException("cannot move " + Repository.shortenRefName(fullBranch)
            + " to the new commit (" + result + ")");
      }
      undo.clear();
      pruneEmptyParents();
      return Repository.shortenRefName(fullBranch);
    } catch (IOException | RuntimeException e) {
      undo.run(e);
      throw e;
    } finally {
      FileTrees.deleteQuietly(txDir);
    }
  }

  /**
   * After a committed change: the directories its removals left empty go, up to the working
   * tree's root, as git removes a file's emptied directories ({@code git rm}); git does not
   * track directories, so an empty {@code clusters/dev/} would only linger in the working tree.
   * Best effort, after the commit: a directory that cannot be removed stays, nothing fails.
   */
  private void pruneEmptyParents() {
    for (String r : removals) {
      Path dir = workTree.resolve(r).getParent();
      while (dir != null && dir.startsWith(workTree) && !dir.equals(workTree)) {
        try {
          Files.delete(dir); // only an empty directory can be deleted
        } catch (IOException e) {
          break;
        }
        dir = dir.getParent();
      }
    }
  }

  /**
   * Changes the working tree only, all or nothing; the index and branches are not touched (a
   * baseline, if any, is recorded under its own ref).
   */
  void applyToWorkTree(PersonIdent author, PersonIdent committer) throws IOException {
    Path txDir = repository.getDirectory().toPath().resolve("profiles-tx-" + UUID.randomUUID());
    Undo undo = new Undo();
    try {
      buildBaseline(author, committer);
      Files.createDirectory(txDir);
      changeWorkTree(txDir, undo);
      recordBaseline(undo);
    } catch (IOException | RuntimeException e) {
      undo.run(e);
      throw e;
    } finally {
      FileTrees.deleteQuietly(txDir);
    }
  }

  private void changeWorkTree(Path txDir, Undo undo) throws IOException {
    int n = 0;
    for (String r : removals) {
      Path target = workTree.resolve(r);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        Path backup = txDir.resolve("removed-" + n++);
        Files.move(target, backup, StandardCopyOption.ATOMIC_MOVE);
        undo.push(() -> Files.move(backup, target, StandardCopyOption.ATOMIC_MOVE));
      }
    }
    for (String path : change.files().paths()) {
      Path file = workTree.resolve(path);
      createDirectories(file.getParent(), undo);
      Path tmp = file.resolveSibling("." + file.getFileName() + ".profiles-tmp");
      try {
        // A write can fail half way (disk full, file too large): the partial file goes too.
        Files.write(tmp, change.files().bytes(path).orElseThrow(),
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      undo.push(() -> Files.deleteIfExists(file));
    }
  }

  /** Puts {@code ref} back at the old head if it points at {@code commit}. */
  private void restoreRef(String ref, ObjectId commit) throws IOException {
    org.eclipse.jgit.lib.Ref now = repository.exactRef(ref);
    if (now == null || !commit.equals(now.getObjectId())) {
      return;
    }
    RefUpdate back = repository.updateRef(ref);
    back.setForceUpdate(true);
    back.disableRefLog();
    if (oldHead == null) {
      back.delete();
    } else {
      back.setNewObjectId(oldHead);
      back.update();
    }
  }

  private void createDirectories(Path dir, Undo undo) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path d = dir; d != null && !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS);
        d = d.getParent()) {
      if (Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(workTree.relativize(d) + " is not a directory");
      }
      missing.push(d);
    }
    while (!missing.isEmpty()) {
      Path d = missing.pop();
      Files.createDirectory(d);
      undo.push(() -> Files.deleteIfExists(d));
    }
  }

  private void writeIndex() throws IOException {
    DirCache index = repository.lockDirCache();
    try {
      DirCacheBuilder builder = index.builder();
      for (int i = 0; i < index.getEntryCount(); i++) {
        String path = index.getEntry(i).getPathString();
        if (!removed(path) && !blobs.containsKey(path)) {
          builder.keep(i, 1);
        }
      }
      for (Map.Entry<String, ObjectId> blob : blobs.entrySet()) {
        Path file = workTree.resolve(blob.getKey());
        DirCacheEntry e = new DirCacheEntry(blob.getKey());
        e.setFileMode(FileMode.REGULAR_FILE);
        e.setObjectId(blob.getValue());
        // Stat data lets `git status` see the file as clean without re-hashing it.
        e.setLength(Files.size(file));
        e.setLastModified(Files.getLastModifiedTime(file).toInstant());
        builder.add(e);
      }
      builder.finish();
      index.write();
      if (!index.commit()) {
        throw new IOException("cannot write the index");
      }
    } finally {
      index.unlock();
    }
  }

  /**
   * Inserts blob {@code content}: at git's level for loose objects ({@code
   * core.looseCompression}, else {@code core.compression}, else 1, as git does; JGit knows only
   * {@code core.compression} and defaults to zlib's 6), or stored (level 0) when the content
   * does not compress (a packaged chart, an archive, an image): deflating it shrinks nothing and
   * was, with a few packaged charts, most of an install's commit time.
   */
  private ObjectId insertBlob(Inserters inserters, byte[] content) throws IOException {
    return (Incompressible.test(content) ? inserters.stored() : inserters.loose())
        .insert(Constants.OBJ_BLOB, content);
  }

  /** The inserters of one build step, created when first needed; flushed and closed together. */
  private final class Inserters implements AutoCloseable {
    private ObjectInserter loose;
    private ObjectInserter stored;

    ObjectInserter loose() {
      if (loose == null) {
        loose = newInserter(looseLevel());
      }
      return loose;
    }

    ObjectInserter stored() {
      if (stored == null) {
        stored = newInserter(0);
      }
      return stored;
    }

    void flush() throws IOException {
      for (ObjectInserter i : new ObjectInserter[] {loose, stored}) {
        if (i != null) {
          i.flush();
        }
      }
    }

    @Override
    public void close() {
      for (ObjectInserter i : new ObjectInserter[] {loose, stored}) {
        if (i != null) {
          i.close();
        }
      }
    }
  }

  /** git's level for loose objects here; -2 when JGit's own reading applies. */
  private int looseLevel() {
    Config config = repository.getConfig();
    String loose = config.getString(ConfigConstants.CONFIG_CORE_SECTION, null, LOOSE_COMPRESSION);
    if (loose == null) {
      return config.getString(ConfigConstants.CONFIG_CORE_SECTION, null,
          ConfigConstants.CONFIG_KEY_COMPRESSION) == null ? 1 : JGITS_OWN;
    }
    try {
      int level = config.getInt(ConfigConstants.CONFIG_CORE_SECTION, LOOSE_COMPRESSION, 1);
      return level < -1 || level > 9 ? JGITS_OWN : level;
    } catch (IllegalArgumentException notANumber) {
      return JGITS_OWN;
    }
  }

  private static final int JGITS_OWN = -2;

  /**
   * An inserter writing loose objects at zlib {@code level} (or JGit's own reading of the
   * configuration for {@link #JGITS_OWN}). The level is set in the repository's configuration in
   * memory only (never saved) while the inserter is created, which reads it once; the
   * repository's own value is put back at once.
   */
  private ObjectInserter newInserter(int level) {
    if (level == JGITS_OWN) {
      return repository.newObjectInserter();
    }
    Config config = repository.getConfig();
    // Only the repository's own level is replaced: user and system levels are only read.
    String own = null;
    for (String name : config.getNames(ConfigConstants.CONFIG_CORE_SECTION, false)) {
      if (name.equalsIgnoreCase(ConfigConstants.CONFIG_KEY_COMPRESSION)) {
        own = config.getString(ConfigConstants.CONFIG_CORE_SECTION, null,
            ConfigConstants.CONFIG_KEY_COMPRESSION);
      }
    }
    config.setInt(ConfigConstants.CONFIG_CORE_SECTION, null,
        ConfigConstants.CONFIG_KEY_COMPRESSION, level);
    try {
      return repository.newObjectInserter();
    } finally {
      if (own == null) {
        config.unset(ConfigConstants.CONFIG_CORE_SECTION, null,
            ConfigConstants.CONFIG_KEY_COMPRESSION);
      } else {
        config.setString(ConfigConstants.CONFIG_CORE_SECTION, null,
            ConfigConstants.CONFIG_KEY_COMPRESSION, own);
      }
    }
  }

  private static final String LOOSE_COMPRESSION = "looseCompression";

  /** A blob written to the object database, with its content. */
  private record Blob(byte[] content, ObjectId id) {}

  private String firstLine() {
    String m = change.message();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }


  /** Steps to undo, most recent first. */
  private static final class Undo {
    interface Step {
      void run() throws IOException;
    }

    private final Deque<Step> steps = new ArrayDeque<>();

    void push(Step step) {
      steps.push(step);
    }

    void clear() {
      steps.clear();
    }

    void run(Exception cause) {
      while (!steps.isEmpty()) {
        try {
          steps.pop().run();
        } catch (IOException | RuntimeException e) {
          cause.addSuppressed(e);
        }
      }
    }
  }
}
