package dev.profiles.git.internal;

import dev.profiles.core.resolve.MissingPathException;
import dev.profiles.core.resolve.ProfileDirectory;
import dev.profiles.core.resolve.UnsafeContentException;
import dev.profiles.core.rules.ContainedPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files of a profile directory at one commit, read from the object database when the
 * profile was resolved and checked then (containment, links, sizes), so that reading them later
 * needs no repository, no lock and no clean-up.
 */
final class SnapshotDirectory implements ProfileDirectory {
  private final NavigableMap<String, byte[]> files;
  private final String description;

  SnapshotDirectory(NavigableMap<String, byte[]> files, String description) {
    this.files = new TreeMap<>(files);
    this.description = description;
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
  public byte[] read(String path) throws MissingPathException, UnsafeContentException {
    String p = normalize(path);
    byte[] content = files.get(p);
    if (content == null) {
      throw new MissingPathException((isDirectory(p) ? path + " is a directory, not a file, in "
          : path + " not found in ") + description);
    }
    return content.clone();
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
