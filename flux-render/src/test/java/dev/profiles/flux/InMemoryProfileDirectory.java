package dev.profiles.flux;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.resolve.ProfileDirectory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test support: a profile directory held in memory, paths '/'-separated. */
final class InMemoryProfileDirectory implements ProfileDirectory {
  private final TreeMap<String, byte[]> files = new TreeMap<>();

  static InMemoryProfileDirectory of(Map<String, String> textFiles) {
    InMemoryProfileDirectory dir = new InMemoryProfileDirectory();
    textFiles.forEach((path, text) -> dir.files.put(path, text.getBytes(StandardCharsets.UTF_8)));
    return dir;
  }

  static InMemoryProfileDirectory empty() {
    return new InMemoryProfileDirectory();
  }

  @Override
  public List<String> list(String path) throws ProfilesException {
    List<String> out = new ArrayList<>();
    if (files.containsKey(path)) {
      return List.of(path);
    }
    String prefix = path.equals(".") ? "" : path + "/";
    for (String file : files.tailMap(prefix, true).keySet()) {
      if (!file.startsWith(prefix)) {
        break;
      }
      out.add(file);
    }
    if (out.isEmpty()) {
      throw new ProfilesException("'" + path + "' does not exist");
    }
    return out;
  }

  @Override
  public byte[] read(String path) throws ProfilesException {
    byte[] content = files.get(path);
    if (content == null) {
      throw new ProfilesException("'" + path + "' does not exist");
    }
    return content.clone();
  }

  @Override
  public boolean isDirectory(String path) {
    if (path.equals(".")) {
      return !files.isEmpty();
    }
    String prefix = path + "/";
    String next = files.ceilingKey(prefix);
    return next != null && next.startsWith(prefix);
  }
}
