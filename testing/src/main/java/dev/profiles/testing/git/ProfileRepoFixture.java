package dev.profiles.testing.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Builds profile repositories for tests and benchmarks: a bare git repository written straight
 * through JGit's object inserter (no working tree, no git CLI), with a fluent API that stages
 * files, commits, tags and branches.
 *
 * <p>The staged tree carries over from commit to commit, like a working tree: each {@link
 * #commit} records every file staged so far.
 *
 * <pre>{@code
 * try (ProfileRepoFixture repo = ProfileRepoFixture.create(dir.resolve("profiles.git"))) {
 *   repo.profile("nginx", ProfileYamls.profile("nginx").kustomize("app", "manifests").toYaml())
 *       .file("nginx/manifests/deploy.yaml", "kind: Deployment\n")
 *       .commit("nginx 0.1.0")
 *       .tag("nginx/v0.1.0");
 *   String url = repo.url(); // file:///.../profiles.git
 * }
 * }</pre>
 */
public final class ProfileRepoFixture implements AutoCloseable {
  private static final PersonIdent AUTHOR_BASE = new PersonIdent("Fixture", "fixture@example.com");

  private final Repository repository;
  private final ObjectInserter inserter;
  private final Map<String, Entry> staged = new TreeMap<>();
  private String branch = "main";
  private ObjectId head;
  private long clock = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();

  private record Entry(FileMode mode, ObjectId id) {}

  private ProfileRepoFixture(Repository repository) {
    this.repository = repository;
    this.inserter = repository.newObjectInserter();
  }

  /** Creates a new bare repository at {@code directory} (created if missing). */
  public static ProfileRepoFixture create(Path directory) {
    try {
      Files.createDirectories(directory);
      Repository repo = new FileRepositoryBuilder().setGitDir(directory.toFile()).setBare().build();
      repo.create(true);
      repo.getConfig().setBoolean("uploadpack", null, "allowTipSha1InWant", true);
      repo.getConfig().setBoolean("http", null, "receivepack", false);
      repo.getConfig().save();
      RefUpdate u = repo.updateRef(Constants.HEAD);
      u.link("refs/heads/main");
      return new ProfileRepoFixture(repo);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stages {@code <name>/profile.yaml}. */
  public ProfileRepoFixture profile(String name, String profileYaml) {
    return file(name + "/profile.yaml", profileYaml);
  }

  /** Stages {@code profile.yaml} at the repository root (a single-profile repository). */
  public ProfileRepoFixture rootProfile(String profileYaml) {
    return file("profile.yaml", profileYaml);
  }

  /** Stages a regular file with UTF-8 text. */
  public ProfileRepoFixture file(String path, String content) {
    return file(path, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Stages a regular file. */
  public ProfileRepoFixture file(String path, byte[] content) {
    return stage(path, FileMode.REGULAR_FILE, insert(Constants.OBJ_BLOB, content));
  }

  /** Stages an executable file. */
  public ProfileRepoFixture executable(String path, String content) {
    return stage(path, FileMode.EXECUTABLE_FILE,
        insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8)));
  }

  /** Stages a symbolic link at {@code path} pointing to {@code target}, as git stores one. */
  public ProfileRepoFixture symlink(String path, String target) {
    return stage(path, FileMode.SYMLINK,
        insert(Constants.OBJ_BLOB, target.getBytes(StandardCharsets.UTF_8)));
  }

  /** Stages a submodule (gitlink) at {@code path} pinned to {@code commit}. */
  public ProfileRepoFixture submodule(String path, String commit) {
    return stage(path, FileMode.GITLINK, ObjectId.fromString(commit));
  }

  /** Unstages {@code path}, or everything below it when it is a directory. */
  public ProfileRepoFixture remove(String path) {
    staged.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
    return this;
  }

  /** Commits everything staged on the current branch (initially {@code main}). */
  public ProfileRepoFixture commit(String message) {
    try {
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      for (Map.Entry<String, Entry> e : staged.entrySet()) {
        DirCacheEntry entry = new DirCacheEntry(e.getKey());
        entry.setFileMode(e.getValue().mode());
        entry.setObjectId(e.getValue().id());
        builder.add(entry);
      }
      builder.finish();
      ObjectId tree = index.writeTree(inserter);
      PersonIdent who = new PersonIdent(AUTHOR_BASE, Instant.ofEpochSecond(clock++), ZoneOffset.UTC);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      if (head != null) {
        commit.setParentId(head);
      }
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      updateRef("refs/heads/" + branch, id);
      head = id;
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates lightweight tag {@code name} at the last commit. */
  public ProfileRepoFixture tag(String name) {
    updateRef("refs/tags/" + name, requireHead());
    return this;
  }

  /** Creates annotated tag {@code name} at the last commit. */
  public ProfileRepoFixture annotatedTag(String name, String message) {
    TagBuilder tag = new TagBuilder();
    tag.setTag(name);
    tag.setObjectId(requireHead(), Constants.OBJ_COMMIT);
    tag.setTagger(new PersonIdent(AUTHOR_BASE, Instant.ofEpochSecond(clock++), ZoneOffset.UTC));
    tag.setMessage(message);
    try {
      ObjectId id = inserter.insert(tag);
      inserter.flush();
      updateRef("refs/tags/" + name, id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Creates branch {@code name} at the last commit and makes it current. */
  public ProfileRepoFixture branch(String name) {
    updateRef("refs/heads/" + name, requireHead());
    branch = name;
    return this;
  }

  /** Makes the existing branch {@code name} current; the staged files are kept. */
  public ProfileRepoFixture checkout(String name) {
    try {
      ObjectId id = repository.resolve("refs/heads/" + name);
      if (id == null) {
        throw new IllegalArgumentException("no branch " + name);
      }
      head = id;
      branch = name;
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Commits exactly {@code files} (path to content), written as raw tree objects without the
   * index's path checks, so that names git would refuse to check out ({@code .git} in any
   * spelling, control characters) can be served to the resolver. The staged files are not
   * used and stay as they are.
   */
  public ProfileRepoFixture commitRaw(String message, Map<String, byte[]> files) {
    try {
      Map<String, Object> root = new TreeMap<>();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        String[] parts = f.getKey().split("/");
        Map<String, Object> dir = root;
        for (int i = 0; i < parts.length - 1; i++) {
          @SuppressWarnings("unchecked")
          Map<String, Object> sub = (Map<String, Object>) dir.computeIfAbsent(parts[i],
              k -> new TreeMap<String, Object>());
          dir = sub;
        }
        dir.put(parts[parts.length - 1], f.getValue());
      }
      return commitTree(message, writeTree(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectId writeTree(Map<String, Object> dir) throws IOException {
    // git orders tree entries by name bytes, a directory's name compared as if it ended in '/'.
    java.util.List<Map.Entry<String, Object>> entries = new java.util.ArrayList<>(dir.entrySet());
    entries.sort((a, b) -> compareGitOrder(sortKey(a), sortKey(b)));
    org.eclipse.jgit.lib.TreeFormatter tree = new org.eclipse.jgit.lib.TreeFormatter();
    for (Map.Entry<String, Object> e : entries) {
      if (e.getValue() instanceof byte[] content) {
        tree.append(e.getKey(), FileMode.REGULAR_FILE, insert(Constants.OBJ_BLOB, content));
      } else {
        @SuppressWarnings("unchecked")
        Map<String, Object> sub = (Map<String, Object>) e.getValue();
        tree.append(e.getKey(), FileMode.TREE, writeTree(sub));
      }
    }
    return inserter.insert(tree);
  }

  private static byte[] sortKey(Map.Entry<String, Object> e) {
    return (e.getKey() + (e.getValue() instanceof byte[] ? "" : "/"))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static int compareGitOrder(byte[] a, byte[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int c = (a[i] & 0xff) - (b[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return a.length - b.length;
  }

  private ProfileRepoFixture commitTree(String message, ObjectId tree) throws IOException {
    PersonIdent who = new PersonIdent(AUTHOR_BASE, Instant.ofEpochSecond(clock++), ZoneOffset.UTC);
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    if (head != null) {
      commit.setParentId(head);
    }
    commit.setAuthor(who);
    commit.setCommitter(who);
    commit.setMessage(message);
    ObjectId id = inserter.insert(commit);
    inserter.flush();
    updateRef("refs/heads/" + branch, id);
    head = id;
    return this;
  }

  /** Stores a blob and returns its id (to tag it, for example). */
  public String blob(String content) {
    ObjectId id = insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
    try {
      inserter.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return id.name();
  }

  /** The id of the last commit's root tree. */
  public String lastTree() {
    try (org.eclipse.jgit.revwalk.RevWalk walk =
        new org.eclipse.jgit.revwalk.RevWalk(repository)) {
      return walk.parseCommit(requireHead()).getTree().name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates lightweight tag {@code name} at any object (a tree or a blob, for example). */
  public ProfileRepoFixture tagObject(String name, String objectId) {
    updateRef("refs/tags/" + name, ObjectId.fromString(objectId));
    return this;
  }

  /**
   * Creates annotated tag {@code name} pointing at the object of existing tag {@code target}
   * (which may itself be annotated: a tag of a tag).
   */
  public ProfileRepoFixture annotatedTagOfTag(String name, String target) {
    try {
      ObjectId id = repository.resolve("refs/tags/" + target);
      int type = repository.open(id).getType();
      TagBuilder tag = new TagBuilder();
      tag.setTag(name);
      tag.setObjectId(id, type);
      tag.setTagger(new PersonIdent(AUTHOR_BASE, Instant.ofEpochSecond(clock++), ZoneOffset.UTC));
      tag.setMessage("tag of " + target);
      ObjectId tagId = inserter.insert(tag);
      inserter.flush();
      updateRef("refs/tags/" + name, tagId);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The id of the last commit, 40 hex digits. */
  public String lastCommit() {
    return requireHead().name();
  }

  /** Packs the repository's objects, as a long-lived server repository would be. */
  public ProfileRepoFixture pack() {
    try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.wrap(repository)) {
      git.gc().setAggressive(false).call();
      return this;
    } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The repository directory (a bare repository). */
  public Path directory() {
    return repository.getDirectory().toPath();
  }

  /** The repository as a {@code file://} URL. */
  public String url() {
    return directory().toUri().toString();
  }

  /** The underlying JGit repository, for assertions. */
  public Repository repository() {
    return repository;
  }

  @Override
  public void close() {
    inserter.close();
    repository.close();
  }

  private ProfileRepoFixture stage(String path, FileMode mode, ObjectId id) {
    remove(path);
    staged.put(path, new Entry(mode, id));
    return this;
  }

  private ObjectId insert(int type, byte[] content) {
    try {
      return inserter.insert(type, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectId requireHead() {
    if (head == null) {
      throw new IllegalStateException("commit first");
    }
    return head;
  }

  private void updateRef(String name, ObjectId id) {
    try {
      RefUpdate u = repository.updateRef(name);
      u.setNewObjectId(id);
      u.setForceUpdate(true);
      RefUpdate.Result r = u.update();
      if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FORCED
          && r != RefUpdate.Result.NO_CHANGE && r != RefUpdate.Result.FAST_FORWARD) {
        throw new IllegalStateException("cannot update " + name + ": " + r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
