package dev.profiles.core.memory;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.resolve.MissingPathException;
import dev.profiles.core.resolve.ProfileDirectory;
import dev.profiles.core.rules.ContainedPaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A profile directory held in memory: paths relative to the profile directory, '/'-separated.
 * Immutable once made.
 *
 * <pre>{@code
 * ProfileDirectory dir = InMemoryProfileDirectory.ofText(Map.of(
 *     "manifests/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\n"));
 * dir.list("manifests"); // [manifests/deploy.yaml]
 * }</pre>
 */
public final class InMemoryProfileDirectory implements ProfileDirectory {
  private final TreeMap<String, byte[]> files = new TreeMap<>();

  private InMemoryProfileDirectory() {}

  /** A directory holding {@code files} (copied). */
  public static InMemoryProfileDirectory of(Map<String, byte[]> files) {
    InMemoryProfileDirectory dir = new InMemoryProfileDirectory();
    files.forEach((path, bytes) -> {
      if (path == null || bytes == null || ContainedPaths.problem(path).isPresent()
          || !ContainedPaths.normalize(path).equals(path) || path.equals(".")) {
        throw new ProfilesConfigurationException("'" + path + "' is not a clean relative path");
      }
      dir.files.put(path, bytes.clone());
    });
    return dir;
  }

  /** A directory holding UTF-8 {@code files}. */
  public static InMemoryProfileDirectory ofText(Map<String, String> files) {
    TreeMap<String, byte[]> bytes = new TreeMap<>();
    files.forEach((p, t) -> bytes.put(p, t.getBytes(StandardCharsets.UTF_8)));
    return of(bytes);
  }

  /** An empty directory. */
  public static InMemoryProfileDirectory empty() {
    return new InMemoryProfileDirectory();
  }

  @Override
  public List<String> list(String path) throws ProfilesException {
    String p = clean(path);
    if (files.containsKey(p)) {
      return List.of(p);
    }
    String prefix = p.equals(".") ? "" : p + "/";
    List<String> out = new ArrayList<>();
    for (String file : files.tailMap(prefix, true).keySet()) {
      if (!file.startsWith(prefix)) {
        break;
      }
      out.add(file);
    }
    if (out.isEmpty() && !p.equals(".")) {
      throw new MissingPathException("'" + path + "' does not exist in the profile directory");
    }
    return out;
  }

  @Override
  public byte[] read(String path) throws ProfilesException {
    byte[] content = files.get(clean(path));
    if (content == null) {
      throw new MissingPathException("'" + path + "' is not a file in the profile directory");
    }
    return content.clone();
  }

  @Override
  public boolean isDirectory(String path) throws ProfilesException {
    String p = clean(path);
    if (p.equals(".")) {
      return true;
    }
    String next = files.ceilingKey(p + "/");
    return next != null && next.startsWith(p + "/");
  }

  private static String clean(String path) throws ProfilesException {
    if (path == null || ContainedPaths.problem(path).isPresent()) {
      throw new ProfilesException("'" + path + "' is not a path inside the profile directory");
    }
    return ContainedPaths.normalize(path);
  }
}
