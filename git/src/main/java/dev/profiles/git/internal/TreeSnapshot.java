package dev.profiles.git.internal;

import dev.profiles.core.resolve.MissingPathException;
import dev.profiles.core.resolve.MissingProfileYamlException;
import dev.profiles.core.resolve.ProfileDirectory;
import dev.profiles.core.resolve.ResolveException;
import dev.profiles.core.resolve.SizeLimitExceededException;
import dev.profiles.core.resolve.UnsafeContentException;
import dev.profiles.core.rules.ControlCharacters;
import dev.profiles.core.rules.TreeEntries;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads one profile directory at one commit straight from the object database (no working
 * tree), applying the safety rules:
 * <ul>
 *   <li>submodules (gitlinks) are ignored: they are not part of the profile's files;
 *   <li>a symbolic link whose target, taken relative to the link's directory, stays inside the
 *       profile directory and ends (after at most {@value #MAX_LINK_HOPS} links) at a regular
 *       file, is served as a regular file with the target's content, so that copying the
 *       profile never creates a link; any other link (absolute, escaping, dangling, pointing
 *       at a directory, or a loop) is rejected;
 *   <li>every file, and the directory as a whole (links counted again), must fit the limits.
 * </ul>
 * Only {@code profile.yaml} is read now; the other files are read when asked for.
 */
final class TreeSnapshot {
  static final int MAX_LINK_HOPS = TreeEntries.MAX_LINK_HOPS;
  private static final int MAX_LINK_TARGET = TreeEntries.MAX_LINK_TARGET;

  private TreeSnapshot() {}

  /**
   * What was read: the directory's files and its profile.yaml (blob id and bytes), how many
   * files it holds and their size in bytes (links counted as the files they stand for).
   */
  record Result(ProfileDirectory directory, ObjectId profileYamlId, byte[] profileYaml,
      int fileCount, long totalBytes) {}

  static Result read(ObjectReader reader, RevCommit commit, String dir, Limits limits,
      String where, RepoCache store, Path gitDir) throws ResolveException, IOException {
    ObjectId tree = commit.getTree();
    if (!dir.equals(".")) {
      try (TreeWalk walk = TreeWalk.forPath(reader, dir, commit.getTree())) {
        if (walk == null) {
          throw new MissingPathException("directory " + dir + " not found in " + where);
        }
        if (walk.getFileMode(0) != FileMode.TREE) {
          throw new MissingPathException(dir + " is not a directory in " + where);
        }
        tree = walk.getObjectId(0);
      }
    }
    Map<String, ObjectId> blobs = new TreeMap<>();
    Map<String, String> links = new TreeMap<>();
    String prefix = dir.equals(".") ? "" : dir + "/";
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      while (walk.next()) {
        String path = walk.getPathString();
        checkName(prefix + path, where);
        FileMode mode = walk.getFileMode(0);
        if (mode == FileMode.GITLINK) {
          continue;
        } else if (mode == FileMode.SYMLINK) {
          links.put(path, linkTarget(reader, walk.getObjectId(0), prefix + path, where));
        } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
          blobs.put(path, walk.getObjectId(0));
        }
      }
    }
    for (Map.Entry<String, String> link : links.entrySet()) {
      blobs.put(link.getKey(), followLink(link.getKey(), link.getValue(), blobs, links, prefix,
          dir, where));
    }
    long total = 0;
    for (Map.Entry<String, ObjectId> e : blobs.entrySet()) {
      long size = reader.getObjectSize(e.getValue(), Constants.OBJ_BLOB);
      if (size > limits.maxFileSize()) {
        throw new SizeLimitExceededException(prefix + e.getKey() + " is " + Limits.human(size)
            + ", more than the " + Limits.human(limits.maxFileSize()) + " allowed per file ("
            + where + ")");
      }
      total += size;
      if (total > limits.maxTotalSize()) {
        throw new SizeLimitExceededException("profile directory " + dir + " holds more than "
            + Limits.human(limits.maxTotalSize()) + " (" + where + ")");
      }
    }
    ObjectId yamlId = blobs.get("profile.yaml");
    if (yamlId == null) {
      throw new MissingProfileYamlException("no profile.yaml in " + (dir.equals(".")
          ? "the repository root" : "directory " + dir) + " (" + where + ")");
    }
    byte[] yaml = reader.open(yamlId, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE - 8);
    return new Result(new SnapshotDirectory(new TreeMap<>(blobs), dir + " at " + where, store,
        gitDir), yamlId, yaml, blobs.size(), total);
  }

  /**
   * Refuses a path that holds a control character, or a segment that some file system would
   * take for {@code .git}: copied into a GitOps working tree, such an entry would be read by
   * git as repository metadata (hooks, config) or as a nested repository.
   */
  private static void checkName(String path, String where) throws UnsafeContentException {
    Optional<String> control = ControlCharacters.problem(path);
    if (control.isPresent()) {
      throw new UnsafeContentException("path '" + ControlCharacters.visible(path) + "' "
          + control.get() + " (" + where + "); file names may not hold control characters");
    }
    for (String segment : path.split("[/\\\\]")) {
      if (TreeEntries.isGitMetadata(segment)) {
        throw new UnsafeContentException("path '" + path + "' has the segment '" + segment
            + "', which git or the file system reads as .git (" + where + "); a profile may not"
            + " carry git metadata");
      }
    }
  }

  private static String linkTarget(ObjectReader reader, ObjectId id, String path, String where)
      throws IOException, UnsafeContentException {
    if (reader.getObjectSize(id, Constants.OBJ_BLOB) > MAX_LINK_TARGET) {
      throw new UnsafeContentException(path + " is a symbolic link with an oversized target ("
          + where + ")");
    }
    return new String(reader.open(id, Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
  }

  private static ObjectId followLink(String path, String target, Map<String, ObjectId> blobs,
      Map<String, String> links, String prefix, String dir, String where)
      throws UnsafeContentException {
    String current = path;
    String currentTarget = target;
    for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
      Optional<String> inside = TreeEntries.linkTarget(current, currentTarget);
      if (inside.isEmpty()) {
        throw new UnsafeContentException(prefix + path + " is a symbolic link to " + target
            + ", outside the profile directory " + dir + " (" + where
            + "); links may only point to files inside the profile directory");
      }
      String resolved = inside.get();
      if (blobs.containsKey(resolved) && !links.containsKey(resolved)) {
        return blobs.get(resolved);
      }
      if (links.containsKey(resolved)) {
        current = resolved;
        currentTarget = links.get(resolved);
        continue;
      }
      String what = blobs.keySet().stream().anyMatch(k -> k.startsWith(resolved + "/"))
          || resolved.equals(".") ? "a directory" : "nothing";
      throw new UnsafeContentException(prefix + path + " is a symbolic link to " + target
          + ", which is " + what + " in the profile directory " + dir + " (" + where
          + "); links may only point to files inside the profile directory");
    }
    throw new UnsafeContentException(prefix + path + " is a symbolic link in a chain of more than "
        + MAX_LINK_HOPS + " links, or a loop (" + where + ")");
  }
}
