package dev.profiles.git.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The persistent cache: one bare repository per remote repository under {@code repos/}, each
 * guarded by a lock file under {@code locks/}.
 *
 * <p>Why it survives crashes and concurrent use:
 * <ul>
 *   <li>a process holds the entry's {@link FileLock} (and, inside one JVM, a {@link
 *       ReentrantLock}, because file locks are per process) for the whole fetch-and-read, so
 *       two processes never write one entry at once;
 *   <li>an entry is created in a temporary directory and renamed into place, so a half-made
 *       entry is never seen;
 *   <li>JGit writes a fetched pack under a temporary name, renames it into place, and only then
 *       moves refs, so a fetch killed midway leaves at most unreferenced temporary files, which
 *       {@link #open} removes (with stale {@code *.lock} files that would block ref updates)
 *       before the next fetch;
 *   <li>whatever else goes wrong, {@link Lease#purge()} deletes the entry and the caller fetches
 *       afresh.
 * </ul>
 *
 * <p>Files of resolved profiles are read later, without the lock ({@link #readBlob}). That is
 * safe because an entry only ever gains objects: fetches add packs, nothing repacks or prunes.
 * The one exception, purging an entry found unreadable, makes such reads fail rather than
 * return wrong bytes. Repositories stay open (JGit notices packs and refs that other processes
 * add) until {@link #close()}; afterwards each read opens and closes its own.
 */
public final class RepoCache implements AutoCloseable {
  /**
   * The default cache directory for {@code purpose}: {@code $XDG_CACHE_HOME/profiles/<purpose>},
   * or {@code ~/.cache/profiles/<purpose>} without it.
   */
  public static Path defaultDirectory(String purpose) {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("profiles").resolve(purpose);
  }

  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path repos;
  private final Path locks;
  private final int protocolVersion;
  private final Map<Path, Repository> open = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * A cache under {@code root} whose repositories talk git wire protocol {@code
   * protocolVersion} (0 or 2) to remotes.
   */
  public RepoCache(Path root, int protocolVersion) throws IOException {
    this.repos = Files.createDirectories(root.resolve("repos"));
    this.locks = Files.createDirectories(root.resolve("locks"));
    this.protocolVersion = protocolVersion;
  }

  /**
   * An empty repository, kept as a cache entry of its own, whose config holds the transport
   * settings for operations that need no entry (ref advertisements).
   */
  public Repository settingsRepository() throws IOException {
    try (Lease lease = open("profiles-sdk:transport-settings")) {
      return lease.repository();
    }
  }

  /** Locks the entry for {@code url}, creating it if needed, and opens its repository. */
  public Lease open(String url) throws IOException {
    String name = RepoUrls.cacheName(url);
    Path lockFile = locks.resolve(name + ".lock").toAbsolutePath();
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, p -> new ReentrantLock());
    jvmLock.lock();
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock fileLock = channel.lock();
      Lease lease = new Lease(repos.resolve(name).toAbsolutePath(), jvmLock, channel, fileLock);
      lease.prepare();
      return lease;
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      jvmLock.unlock();
      throw e;
    }
  }

  /** The bytes of blob {@code id} in the entry at {@code gitDir}, without locking it. */
  byte[] readBlob(Path gitDir, ObjectId id) throws IOException {
    if (closed) {
      try (Repository repo = openRepository(gitDir)) {
        return repo.open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE - 8);
      }
    }
    return shared(gitDir).open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE - 8);
  }

  private Repository shared(Path gitDir) throws IOException {
    try {
      return open.computeIfAbsent(gitDir, dir -> {
        try {
          return openRepository(dir);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static Repository openRepository(Path gitDir) throws IOException {
    return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().setMustExist(true)
        .build();
  }

  @Override
  public void close() {
    closed = true;
    open.values().forEach(Repository::close);
    open.clear();
  }

  /** Exclusive use of one cache entry until {@link #close()}. */
  public final class Lease implements AutoCloseable {
    private final Path directory;
    private final ReentrantLock jvmLock;
    private final FileChannel channel;
    private final FileLock fileLock;
    private Repository repository;

    private Lease(Path directory, ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
      this.directory = directory;
      this.jvmLock = jvmLock;
      this.channel = channel;
      this.fileLock = fileLock;
    }

    /** The entry's bare repository; shared, so not to be closed by the caller. */
    public Repository repository() {
      return repository;
    }

    /** Deletes the entry and starts an empty one, for when it turned out unreadable. */
    public void purge() throws IOException {
      Repository stale = open.remove(directory);
      if (stale != null) {
        stale.close();
      }
      FileTrees.delete(directory);
      prepare();
    }

    private void prepare() throws IOException {
      removeLeftovers();
      if (!Files.isDirectory(directory.resolve("objects"))) {
        Repository stale = open.remove(directory);
        if (stale != null) {
          stale.close();
        }
        FileTrees.delete(directory);
        Path tmp = directory.resolveSibling(directory.getFileName() + ".tmp-" + UUID.randomUUID());
        try (Repository created = new FileRepositoryBuilder().setGitDir(tmp.toFile()).setBare()
            .build()) {
          created.create(true);
          StoredConfig config = created.getConfig();
          // A cache entry is written only by fetch: no reflog, no automatic gc behind our back.
          config.setBoolean("core", null, "logAllRefUpdates", false);
          config.setInt("gc", null, "auto", 0);
          config.setInt("protocol", null, "version", protocolVersion);
          config.save();
        }
        try {
          Files.move(tmp, directory, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, directory);
        }
      }
      repository = closed ? openRepository(directory) : shared(directory);
      StoredConfig config = repository.getConfig();
      if (config.getInt("protocol", null, "version", -1) != protocolVersion) {
        config.setInt("protocol", null, "version", protocolVersion);
        config.save();
      }
    }

    /** Removes what a process killed while holding this entry may have left behind. */
    private void removeLeftovers() throws IOException {
      Path parent = directory.getParent();
      try (DirectoryStream<Path> tmps =
          Files.newDirectoryStream(parent, directory.getFileName() + ".tmp-*")) {
        for (Path tmp : tmps) {
          FileTrees.delete(tmp);
        }
      }
      if (!Files.isDirectory(directory)) {
        return;
      }
      for (String lock : new String[] {"packed-refs.lock", "shallow.lock", "config.lock",
          "HEAD.lock", "FETCH_HEAD.lock"}) {
        Files.deleteIfExists(directory.resolve(lock));
      }
      Path refs = directory.resolve("refs");
      if (Files.isDirectory(refs)) {
        try (Stream<Path> all = Files.walk(refs)) {
          for (Path p : (Iterable<Path>) all.filter(p -> p.toString().endsWith(".lock"))::iterator) {
            Files.deleteIfExists(p);
          }
        }
      }
      Path packs = directory.resolve("objects/pack");
      if (Files.isDirectory(packs)) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(packs)) {
          for (Path f : files) {
            String n = f.getFileName().toString();
            boolean orphanPack = n.endsWith(".pack")
                && !Files.exists(packs.resolve(n.substring(0, n.length() - 5) + ".idx"));
            if (!n.startsWith("pack-") || n.endsWith(".keep") || orphanPack) {
              Files.deleteIfExists(f);
            }
          }
        }
      }
    }

    @Override
    public void close() throws IOException {
      try {
        if (closed && repository != null) {
          repository.close();
        }
        fileLock.release();
        channel.close();
      } finally {
        jvmLock.unlock();
      }
    }
  }
}
