package dev.profiles.testing;

import dev.profiles.core.resolve.MissingPathException;
import dev.profiles.core.resolve.ProfileDirectory;
import dev.profiles.core.resolve.ResolveException;
import dev.profiles.core.resolve.SizeLimitExceededException;
import dev.profiles.core.resolve.UnsafeContentException;
import dev.profiles.core.rules.ContainedPaths;
import dev.profiles.core.rules.ControlCharacters;
import dev.profiles.core.rules.TreeEntries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A profile directory on disk, checked once, when it is read, by the rules git resolution
 * applies to a tagged tree ({@link TreeEntries}): the tree is walked without following links;
 * every path is free of control characters and of {@code .git} in any spelling (except the
 * working copy's own {@code .git} at the top, which is never part of a profile, as it is never
 * part of a commit); every link is resolved inside the directory to a regular file and then
 * served as that file; anything else that is not a regular file or a directory (a FIFO, a
 * device, a socket) is refused; each file and the directory as a whole (links counted again)
 * must fit the size limits. Files are read when asked for, without following a link at the
 * last step and only if they are still inside the directory.
 */
final class DiskProfileDirectory implements ProfileDirectory {
  private static final int MAX_ENTRIES = 100_000;

  private final Path root;
  private final Path realRoot;
  private final long maxFileSize;
  /** Served path to the regular file on disk whose bytes it has. */
  private final NavigableMap<String, Path> files;

  private DiskProfileDirectory(Path root, Path realRoot, long maxFileSize,
      NavigableMap<String, Path> files) {
    this.root = root;
    this.realRoot = realRoot;
    this.maxFileSize = maxFileSize;
    this.files = files;
  }

  /** Walks and checks {@code root}; nothing is read yet but link targets and sizes. */
  static DiskProfileDirectory snapshot(Path root, long maxFileSize, long maxTotalSize)
      throws ResolveException {
    Path realRoot;
    try {
      realRoot = root.toRealPath();
    } catch (IOException e) {
      throw new MissingPathException("profile directory '" + root + "' cannot be read: "
          + e.getClass().getSimpleName(), e);
    }
    String where = root.toString();
    Map<String, Path> regular = new TreeMap<>();
    Map<String, Long> sizes = new TreeMap<>();
    Map<String, String> links = new TreeMap<>();
    // The real path is walked: the directory given may itself be a link (to a checkout).
    Walker walker = new Walker(realRoot, where, maxFileSize, regular, sizes, links);
    try {
      Files.walkFileTree(realRoot, EnumSet.noneOf(java.nio.file.FileVisitOption.class),
          Integer.MAX_VALUE, walker);
    } catch (IOException e) {
      if (walker.failure != null) {
        throw walker.failure;
      }
      throw new ResolveException("cannot read profile directory '" + where + "': "
          + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    NavigableMap<String, Path> served = new TreeMap<>(regular);
    Map<String, Long> servedSizes = new TreeMap<>(sizes);
    for (String link : links.keySet()) {
      String target = TreeEntries.followLink(link, links, regular.keySet(), where);
      served.put(link, regular.get(target));
      servedSizes.put(link, sizes.get(target));
    }
    long total = 0;
    for (long size : servedSizes.values()) {
      total += size;
      if (total > maxTotalSize) {
        throw new SizeLimitExceededException("profile directory '" + where + "' holds more than "
            + maxTotalSize + " bytes (links counted again)");
      }
    }
    return new DiskProfileDirectory(root, realRoot, maxFileSize, served);
  }

  /** Collects entries; stops at the first problem, kept in {@link #failure}. */
  private static final class Walker extends SimpleFileVisitor<Path> {
    private final Path root;
    private final String where;
    private final long maxFileSize;
    private final Map<String, Path> regular;
    private final Map<String, Long> sizes;
    private final Map<String, String> links;
    private int entries;
    ResolveException failure;

    Walker(Path root, String where, long maxFileSize, Map<String, Path> regular,
        Map<String, Long> sizes, Map<String, String> links) {
      this.root = root;
      this.where = where;
      this.maxFileSize = maxFileSize;
      this.regular = regular;
      this.sizes = sizes;
      this.links = links;
    }

    private IOException fail(ResolveException e) {
      failure = e;
      return new IOException(e.getMessage());
    }

    private String relative(Path p) {
      List<String> names = new ArrayList<>();
      root.relativize(p).forEach(n -> names.add(n.toString()));
      return String.join("/", names);
    }

    /** Whether {@code rel} is the working copy's own metadata, at the top: skipped. */
    private static boolean ownGitMetadata(String rel) {
      return rel.equals(".git");
    }

    private void check(String rel) throws IOException {
      if (++entries > MAX_ENTRIES) {
        throw fail(new SizeLimitExceededException("profile directory '" + where
            + "' has more than " + MAX_ENTRIES + " entries"));
      }
      Optional<String> problem = TreeEntries.problem(rel);
      if (problem.isPresent()) {
        throw fail(new UnsafeContentException(problem.get() + " (" + where + ")"));
      }
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
        throws IOException {
      if (dir.equals(root)) {
        return FileVisitResult.CONTINUE;
      }
      String rel = relative(dir);
      if (ownGitMetadata(rel)) {
        return FileVisitResult.SKIP_SUBTREE;
      }
      check(rel);
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
      String rel = relative(file);
      if (ownGitMetadata(rel)) {
        // A worktree's or submodule's .git file: the working copy's, not the profile's.
        return FileVisitResult.CONTINUE;
      }
      check(rel);
      if (attrs.isSymbolicLink()) {
        Path target = Files.readSymbolicLink(file);
        String t = target.toString();
        if (t.length() > TreeEntries.MAX_LINK_TARGET) {
          throw fail(new UnsafeContentException("'" + rel + "' is a symbolic link with an"
              + " oversized target (" + where + ")"));
        }
        links.put(rel, t.replace(file.getFileSystem().getSeparator(), "/"));
      } else if (attrs.isRegularFile()) {
        if (attrs.size() > maxFileSize) {
          throw fail(new SizeLimitExceededException("'" + rel + "' is " + attrs.size()
              + " bytes, more than the " + maxFileSize + " allowed per file (" + where + ")"));
        }
        regular.put(rel, file);
        sizes.put(rel, attrs.size());
      } else {
        throw fail(new UnsafeContentException("'" + rel + "' is neither a regular file, a"
            + " directory nor a symbolic link (a FIFO, socket or device?); a profile may not"
            + " contain it (" + where + ")"));
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
      throw fail(new ResolveException("cannot read '" + ControlCharacters.visible(
          relative(file)) + "' in profile directory '" + where + "': "
          + e.getClass().getSimpleName(), e));
    }
  }

  @Override
  public List<String> list(String path) throws ResolveException {
    String p = normalize(path);
    if (p.equals(".")) {
      return List.copyOf(files.keySet());
    }
    if (files.containsKey(p)) {
      return List.of(p);
    }
    List<String> out = new ArrayList<>(files.subMap(p + "/", true, p + "0", false).keySet());
    if (out.isEmpty()) {
      throw new MissingPathException("'" + path + "' not found in " + root);
    }
    return out;
  }

  @Override
  public byte[] read(String path) throws ResolveException {
    String p = normalize(path);
    Path file = files.get(p);
    if (file == null) {
      throw new MissingPathException("'" + path + "' " + (isDirectory(p)
          ? "is a directory, not a file," : "not found") + " in " + root);
    }
    try {
      // Checked again when read: the tree may have changed since it was walked.
      if (!file.toRealPath().startsWith(realRoot)) {
        throw new UnsafeContentException("'" + path + "' now resolves outside " + root);
      }
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileSize + 1));
        if (bytes.length > maxFileSize) {
          throw new SizeLimitExceededException("'" + path + "' is more than the " + maxFileSize
              + " bytes allowed per file (" + root + ")");
        }
        return bytes;
      }
    } catch (IOException e) {
      throw new ResolveException("cannot read '" + path + "' in " + root + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public boolean isDirectory(String path) throws ResolveException {
    String p = normalize(path);
    String next = files.ceilingKey(p + "/");
    return p.equals(".") || next != null && next.startsWith(p + "/");
  }

  private String normalize(String path) throws UnsafeContentException {
    Optional<String> problem = path.equals(".") ? Optional.empty()
        : ContainedPaths.problem(path).or(() -> ControlCharacters.problem(path));
    if (problem.isPresent()) {
      throw new UnsafeContentException("path " + ControlCharacters.visible(problem.get())
          + " (in " + root + ")");
    }
    return ContainedPaths.normalize(path);
  }

  @Override
  public String toString() {
    return "ProfileDirectory{" + root + ", " + files.size() + " files}";
  }
}
