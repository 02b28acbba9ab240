package dev.profiles.core.install;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The files a render produced: an immutable map from path (relative to the GitOps repository
 * root, '/'-separated, such as {@code profiles/my-nginx/artifacts/nginx-server/kustomization.yaml})
 * to content, sorted by path.
 *
 * <p>Two instances are equal when they hold the same paths with the same bytes, so "render twice,
 * get the same output" is a plain {@code equals}. Contents are copied in and out: no caller can
 * change a rendered file after the fact.
 *
 * <pre>{@code
 * RenderedFiles files = renderer.render(request);
 * for (String path : files.paths()) {
 *   Files.write(root.resolve(path), files.bytes(path).orElseThrow());
 * }
 * }</pre>
 */
public final class RenderedFiles {
  private final TreeMap<String, byte[]> files;

  private RenderedFiles(TreeMap<String, byte[]> files) {
    this.files = files;
  }

  /** A copy of {@code files}; paths must be non-empty, relative and use '/'. */
  public static RenderedFiles of(Map<String, byte[]> files) {
    Builder builder = builder();
    files.forEach(builder::put);
    return builder.build();
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every path, sorted. */
  public NavigableSet<String> paths() {
    return Collections.unmodifiableNavigableSet(files.navigableKeySet());
  }

  /** How many files there are. */
  public int size() {
    return files.size();
  }

  /** Whether {@code path} is one of the files. */
  public boolean contains(String path) {
    return files.containsKey(path);
  }

  /** A copy of the content of {@code path}, if present. */
  public Optional<byte[]> bytes(String path) {
    byte[] content = files.get(path);
    return content == null ? Optional.empty() : Optional.of(content.clone());
  }

  /** The content of {@code path} decoded as UTF-8, if present. */
  public Optional<String> text(String path) {
    byte[] content = files.get(path);
    return content == null
        ? Optional.empty()
        : Optional.of(new String(content, StandardCharsets.UTF_8));
  }

  /** Calls {@code action} for every file in path order, with a copy of its content. */
  public void forEach(BiConsumer<String, byte[]> action) {
    files.forEach((path, content) -> action.accept(path, content.clone()));
  }

  /** A sorted, independent, mutable copy of the files. */
  public TreeMap<String, byte[]> toMap() {
    TreeMap<String, byte[]> copy = new TreeMap<>();
    files.forEach((path, content) -> copy.put(path, content.clone()));
    return copy;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof RenderedFiles)) {
      return false;
    }
    TreeMap<String, byte[]> theirs = ((RenderedFiles) other).files;
    if (!files.keySet().equals(theirs.keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (!Arrays.equals(e.getValue(), theirs.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hash = 1;
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      hash = 31 * hash + e.getKey().hashCode();
      hash = 31 * hash + Arrays.hashCode(e.getValue());
    }
    return hash;
  }

  @Override
  public String toString() {
    return "RenderedFiles" + files.keySet();
  }

  /** Collects files; a path may be put once. */
  public static final class Builder {
    private final TreeMap<String, byte[]> files = new TreeMap<>();

    private Builder() {}

    /**
     * Adds a file with a copy of {@code content}.
     *
     * @throws dev.profiles.core.ProfilesConfigurationException when the path is not a clean relative path or is
     *     already present
     */
    public Builder put(String path, byte[] content) {
      Objects.requireNonNull(content, "content");
      checkPath(path);
      if (files.putIfAbsent(path, content.clone()) != null) {
        throw new dev.profiles.core.ProfilesConfigurationException("duplicate path '" + path + "'");
      }
      return this;
    }

    /** Adds a UTF-8 text file. */
    public Builder put(String path, String content) {
      return put(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code path} was already put. */
    public boolean contains(String path) {
      return files.containsKey(path);
    }

    public RenderedFiles build() {
      return new RenderedFiles(new TreeMap<>(files));
    }

    private static void checkPath(String path) {
      Objects.requireNonNull(path, "path");
      boolean clean = !path.isEmpty() && !path.startsWith("/") && !path.endsWith("/")
          && path.indexOf('\\') < 0 && path.indexOf('\0') < 0;
      if (clean) {
        for (String segment : path.split("/", -1)) {
          if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
            clean = false;
            break;
          }
        }
      }
      if (!clean) {
        throw new dev.profiles.core.ProfilesConfigurationException(
            "'" + path + "' is not a clean relative path (no leading '/', '.', '..' or empty"
                + " segments)");
      }
    }
  }
}
