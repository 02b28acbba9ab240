package dev.profiles.core.memory;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.Change;
import dev.profiles.core.install.CommitResult;
import dev.profiles.core.install.GitOpsRepository;
import dev.profiles.core.install.InstallRefusedException;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.install.Signature;
import dev.profiles.core.rules.ContainedPaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link GitOpsRepository} held in memory: a working tree, a checked-out branch with its
 * commits, other branches, and the typed metadata of every commit (installation, baseline).
 * It keeps the interface's guarantees: a change applies whole or not at all, a change with no
 * author is refused unless a user is {@link #withConfiguredUser configured}, paths never
 * escape the repository, and an existing file is never overwritten unless its directory is
 * removed by the same change.
 *
 * <p>Tests edit it like a user would ({@link #writeFile}, {@link #deleteFile}, {@link
 * #commitAll}) and compare {@link #snapshot()}s to prove that a refused command or a dry run
 * wrote nothing. {@link #failNextCommit} makes the next commit fail (after its checks), to
 * prove atomicity. Not thread-safe.
 *
 * <pre>{@code
 * InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create()
 *     .withConfiguredUser(Signature.of("Ops", "ops@example.com"));
 * Object before = repo.snapshot();
 * profiles.install(repo).source(src).name("web").dryRun(true).call();
 * assert repo.snapshot().equals(before);
 * }</pre>
 */
public final class InMemoryGitOpsRepository implements GitOpsRepository {
  /**
   * One commit: its id, message, author, committer, the installation it was about and the
   * baseline recorded with it, and the files of its tree.
   *
   * @param id a 40-hex-digit id, unique in this repository
   * @param message the message as given (no trailers)
   * @param author the author
   * @param committer the committer
   * @param installation the installation directory the change named, if any
   * @param baseline the baseline the change recorded, if any
   * @param tree every file of the commit, by path
   */
  public record Commit(String id, String message, Signature author, Signature committer,
      Optional<String> installation, Optional<RenderedFiles> baseline, RenderedFiles tree) {}

  /**
   * Everything a user could observe: working tree, checked-out branch, every branch's commits,
   * pushed branches. Equal snapshots mean nothing changed.
   *
   * @param workTree the working tree's files
   * @param branch the checked-out branch
   * @param branches every branch's commit ids, oldest first
   * @param pushed branches pushed, by name
   */
  public record Snapshot(RenderedFiles workTree, String branch, Map<String, List<String>> branches,
      List<String> pushed) {}

  private final TreeMap<String, byte[]> workTree = new TreeMap<>();
  private final Map<String, List<Commit>> branches = new LinkedHashMap<>();
  private final List<String> pushed = new ArrayList<>();
  private final Map<String, Commit> pendingWrites = new HashMap<>();
  private String branch = "main";
  private Optional<Signature> configuredUser = Optional.empty();
  private Optional<ProfilesException> nextFailure = Optional.empty();
  private int ids;

  private InMemoryGitOpsRepository() {
    branches.put(branch, new ArrayList<>());
  }

  /** An empty repository on branch {@code main}, with no commits and no configured user. */
  public static InMemoryGitOpsRepository create() {
    return new InMemoryGitOpsRepository();
  }

  /** Configures the user that authors changes that name no author (git's user.name/email). */
  public InMemoryGitOpsRepository withConfiguredUser(Signature user) {
    if (user == null) {
      throw new ProfilesConfigurationException("user must not be null");
    }
    this.configuredUser = Optional.of(user);
    return this;
  }

  /** Makes the next {@link #commit} or {@link #write} fail with {@code failure}, changing nothing. */
  public InMemoryGitOpsRepository failNextCommit(ProfilesException failure) {
    this.nextFailure = Optional.of(failure);
    return this;
  }

  /** Writes a file into the working tree, uncommitted, as a user's editor would. */
  public InMemoryGitOpsRepository writeFile(String path, String content) {
    workTree.put(cleanConfig(path), content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Deletes a file from the working tree, uncommitted. */
  public InMemoryGitOpsRepository deleteFile(String path) {
    workTree.remove(cleanConfig(path));
    return this;
  }

  /**
   * Commits the whole working tree, as {@code git commit -a} with untracked files added. A
   * message returned by {@link #write} carries the change's installation and baseline along.
   */
  public Commit commitAll(String message, Signature author) {
    Commit pending = pendingWrites.remove(message);
    Commit commit = new Commit(nextId(), pending == null ? message : pending.message(), author,
        author, pending == null ? Optional.empty() : pending.installation(),
        pending == null ? Optional.empty() : pending.baseline(), RenderedFiles.of(workTree));
    branches.get(branch).add(commit);
    return commit;
  }

  /** The commits of the checked-out branch, oldest first. */
  public List<Commit> commits() {
    return List.copyOf(branches.get(branch));
  }

  /** The commits of {@code name}, oldest first; empty when there is no such branch. */
  public List<Commit> commits(String name) {
    return List.copyOf(branches.getOrDefault(name, List.of()));
  }

  /** The branches pushed, in order. */
  public List<String> pushed() {
    return List.copyOf(pushed);
  }

  /** What a user could observe now; compare two for equality. */
  public Snapshot snapshot() {
    Map<String, List<String>> refs = new TreeMap<>();
    branches.forEach((b, cs) -> refs.put(b, cs.stream().map(Commit::id).toList()));
    return new Snapshot(RenderedFiles.of(workTree), branch, Map.copyOf(refs), List.copyOf(pushed));
  }

  @Override
  public Optional<byte[]> readFile(String path) throws ProfilesException {
    byte[] bytes = workTree.get(clean(path));
    return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
  }

  @Override
  public boolean exists(String path) throws ProfilesException {
    String p = clean(path);
    return p.equals(".") || workTree.containsKey(p) || !under(workTree, p).isEmpty();
  }

  @Override
  public List<String> uncommittedChanges(String path) throws ProfilesException {
    String p = clean(path);
    Map<String, byte[]> head = headTree();
    TreeSet<String> out = new TreeSet<>();
    for (String f : union(under(workTree, p), under(head, p))) {
      if (!Arrays.equals(workTree.get(f), head.get(f))) {
        out.add(f);
      }
    }
    return List.copyOf(out);
  }

  @Override
  public CommitResult commit(Change change) throws ProfilesException {
    Signature author = author(change);
    Signature committer = change.committer().orElse(author);
    TreeMap<String, byte[]> newWorkTree = applied(change, workTree);
    TreeMap<String, byte[]> tree = applied(change, headTree());
    failIfAsked();
    Commit commit = new Commit(nextId(), change.message(), author, committer,
        change.installation().map(ContainedPaths::normalize), change.baseline(),
        RenderedFiles.of(tree));
    if (change.branch().isPresent()) {
      String name = change.branch().get();
      if (name.isBlank() || name.contains("..") || name.startsWith("-")
          || name.equals(branch) || (branches.containsKey(name) && !change.replaceBranch())) {
        throw new ProfilesException("cannot create branch '" + name + "'; does it exist"
            + " already?");
      }
      List<Commit> base = branches.get(branch);
      List<Commit> existing = branches.get(name);
      if (existing != null && existing.size() == base.size() + 1
          && existing.subList(0, base.size()).equals(base)
          && existing.get(base.size()).tree().equals(commit.tree())) {
        if (change.push() && !pushed.contains(name)) {
          pushed.add(name);
        }
        return CommitResult.builder().commitId(existing.get(base.size()).id()).branch(name)
            .pushedTo(change.push() ? Optional.of("origin") : Optional.empty())
            .unchanged(true).build();
      }
      List<Commit> history = new ArrayList<>(base);
      history.add(commit);
      branches.put(name, history);
      if (change.push() && !pushed.contains(name)) {
        pushed.add(name);
      }
      return CommitResult.builder().commitId(commit.id()).branch(name)
          .pushedTo(change.push() ? Optional.of("origin") : Optional.empty()).build();
    }
    workTree.clear();
    workTree.putAll(newWorkTree);
    branches.get(branch).add(commit);
    return CommitResult.builder().commitId(commit.id()).branch(branch).build();
  }

  @Override
  public String write(Change change) throws ProfilesException {
    Signature author = author(change);
    TreeMap<String, byte[]> newWorkTree = applied(change, workTree);
    failIfAsked();
    String message = change.message() + "\n\nProfiles-Write: " + nextId() + "\n";
    pendingWrites.put(message, new Commit("", change.message(), author, author,
        change.installation().map(ContainedPaths::normalize), change.baseline(),
        RenderedFiles.builder().build()));
    workTree.clear();
    workTree.putAll(newWorkTree);
    return message;
  }

  @Override
  public List<String> listFiles(String path) throws ProfilesException {
    return List.copyOf(under(workTree, clean(path)));
  }

  @Override
  public Optional<RenderedFiles> baseline(String installationDirectory)
      throws ProfilesException {
    String dir = clean(installationDirectory);
    List<Commit> history = branches.get(branch);
    for (int i = history.size() - 1; i >= 0; i--) {
      Commit c = history.get(i);
      if (c.installation().equals(Optional.of(dir))) {
        return c.baseline();
      }
    }
    return Optional.empty();
  }

  private Signature author(Change change) throws InstallRefusedException {
    return change.author().or(() -> configuredUser).orElseThrow(() ->
        new InstallRefusedException(InstallRefusedException.Reason.MISSING_AUTHOR,
            "no author was given and the repository has no configured user: pass"
                + " .author(Signature.of(name, email)) or configure the repository's user"));
  }

  private void failIfAsked() throws ProfilesException {
    if (nextFailure.isPresent()) {
      ProfilesException e = nextFailure.get();
      nextFailure = Optional.empty();
      throw e;
    }
  }

  /** {@code base} with the change applied; refuses what a real store would refuse. */
  private TreeMap<String, byte[]> applied(Change change, Map<String, byte[]> base)
      throws ProfilesException {
    TreeMap<String, byte[]> out = new TreeMap<>(base);
    List<String> removals = new ArrayList<>();
    for (String r : change.removals()) {
      removals.add(clean(r));
    }
    for (String r : removals) {
      out.remove(r);
      under(out, r).forEach(out::remove);
    }
    for (String path : change.files().paths()) {
      String p = clean(path);
      if (p.equals(".git") || p.startsWith(".git/")) {
        throw new ProfilesException("refusing to write inside .git: '" + p + "'");
      }
      if (workTree.containsKey(p) && removals.stream()
          .noneMatch(r -> p.equals(r) || p.startsWith(r + "/"))) {
        throw new ProfilesException("'" + p + "' already exists and would be overwritten;"
            + " nothing was written");
      }
      for (int slash = p.indexOf('/'); slash > 0; slash = p.indexOf('/', slash + 1)) {
        if (out.containsKey(p.substring(0, slash))) {
          throw new ProfilesException("'" + p.substring(0, slash) + "' is a file, so '" + p
              + "' cannot be written; nothing was written");
        }
      }
      if (!under(out, p).isEmpty()) {
        throw new ProfilesException("'" + p + "' is a directory; nothing was written");
      }
      out.put(p, change.files().bytes(path).orElseThrow());
    }
    return out;
  }

  private Map<String, byte[]> headTree() {
    List<Commit> history = branches.get(branch);
    return history.isEmpty() ? Map.of() : history.get(history.size() - 1).tree().toMap();
  }

  private String nextId() {
    return String.format("%040x", ++ids);
  }

  private static TreeSet<String> under(Map<String, byte[]> files, String dir) {
    TreeSet<String> out = new TreeSet<>();
    for (String f : files.keySet()) {
      if (dir.equals(".") || f.equals(dir) || f.startsWith(dir + "/")) {
        out.add(f);
      }
    }
    return out;
  }

  private static TreeSet<String> union(TreeSet<String> a, TreeSet<String> b) {
    TreeSet<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  private static String clean(String path) throws ProfilesException {
    if (path == null) {
      throw new ProfilesException("a repository path must not be null");
    }
    Optional<String> problem = ContainedPaths.problemInRepository(path);
    if (problem.isPresent()) {
      throw new ProfilesException("path '" + path + "': " + problem.get());
    }
    return ContainedPaths.normalize(path);
  }

  private static String cleanConfig(String path) {
    try {
      String p = clean(path);
      if (p.equals(".")) {
        throw new ProfilesConfigurationException("a file cannot be the repository root");
      }
      return p;
    } catch (ProfilesException e) {
      throw new ProfilesConfigurationException(e.getMessage());
    }
  }
}
