package dev.profiles.git.internal;

import dev.profiles.core.resolve.MissingPathException;
import dev.profiles.core.resolve.ProfileDirectory;
import dev.profiles.core.resolve.ResolveException;
import dev.profiles.core.resolve.UnsafeContentException;
import dev.profiles.core.rules.ContainedPaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The files of a profile directory at one commit: which blob each path is was settled, and
 * checked (containment, links, sizes), when the profile was resolved; the bytes are read from
 * the object database only when asked for.
 */
final class SnapshotDirectory implements ProfileDirectory {
  private final NavigableMap<String, ObjectId> files;
  private final String description;
  private final RepoCache blobs;
  private final Path gitDir;

  SnapshotDirectory(NavigableMap<String, ObjectId> files, String description, RepoCache blobs,
      Path gitDir) {
    this.files = new TreeMap<>(files);
    this.description = description;
    this.blobs = blobs;
    this.gitDir = gitDir;
  }

  @Override
  public List<String> list(String path) throws MissingPathException, UnsafeContentException {
    String p = normalize(path);
    if (p.equals(".")) {
      return List.copyOf(files.keySet());
    }
    if (files.containsKey(p)) {
      return List.of(p);
    }
    List<String> out = new ArrayList<>(files.subMap(p + "/", true, p + "0", false).keySet());
    if (out.isEmpty()) {
      throw new MissingPathException(path + " not found in " + description);
    }
    return out;
  }

  @Override
  public byte[] read(String path) throws ResolveException {
    String p = normalize(path);
    ObjectId id = files.get(p);
    if (id == null) {
      throw new MissingPathException((isDirectory(p) ? path + " is a directory, not a file, in "
          : path + " not found in ") + description);
    }
    try {
      return blobs.readBlob(gitDir, id);
    } catch (IOException | LargeObjectException e) {
      throw new ResolveException("cannot read " + path + " of " + description
          + " from the git cache (was the cache entry removed?): " + e.getMessage(), e);
    }
  }

  @Override
  public boolean isDirectory(String path) throws UnsafeContentException {
    String p = normalize(path);
    return p.equals(".") || files.ceilingKey(p + "/") != null
        && files.ceilingKey(p + "/").startsWith(p + "/");
  }

  private String normalize(String path) throws UnsafeContentException {
    Optional<String> problem = path.equals(".") ? Optional.empty() : ContainedPaths.problem(path);
    if (problem.isPresent()) {
      throw new UnsafeContentException("path " + problem.get() + " (in " + description + ")");
    }
    return ContainedPaths.normalize(path);
  }

  @Override
  public String toString() {
    return "ProfileDirectory{" + description + ", " + files.size() + " files}";
  }
}
