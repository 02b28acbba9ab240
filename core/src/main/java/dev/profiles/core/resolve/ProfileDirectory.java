package dev.profiles.core.resolve;

import dev.profiles.core.ProfilesException;
import java.util.List;

/**
 * Read-only access to the files of one profile directory as resolved (for a git source: at the
 * resolved commit, read straight from the object database).
 *
 * <p>Paths are relative to the profile directory, use '/' and never escape it; implementations
 * reject links that point outside it. Installing copies local charts and kustomize directories
 * through this view.
 *
 * <pre>{@code
 * for (String file : dir.list("manifests/crds")) {
 *   byte[] bytes = dir.read(file);
 * }
 * }</pre>
 */
public interface ProfileDirectory {
  /**
   * Every regular file at or below {@code path} (a file or a directory, relative to the profile
   * directory), as sorted relative paths from the profile directory.
   *
   * @throws ProfilesException when {@code path} does not exist or is unsafe
   */
  List<String> list(String path) throws ProfilesException;

  /**
   * The bytes of the regular file at {@code path}.
   *
   * @throws ProfilesException when it does not exist, is not a regular file, or is too large
   */
  byte[] read(String path) throws ProfilesException;

  /** Whether {@code path} names an existing directory. */
  boolean isDirectory(String path) throws ProfilesException;
}
