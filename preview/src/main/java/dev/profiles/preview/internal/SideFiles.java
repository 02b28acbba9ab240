package dev.profiles.preview.internal;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.preview.ExpansionContext;
import dev.profiles.core.preview.PreviewException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Copies files of one side of the GitOps repository into a private temporary directory, so that
 * Helm or kustomize can read them: the repository itself is never handed to a tool, and the
 * bytes copied are bounded.
 */
public final class SideFiles implements AutoCloseable {
  private final ExpansionContext context;
  private final Path base;
  private final Path root;
  private final Path work;
  private final long maxBytes;
  private long bytes;
  private int files;

  public SideFiles(ExpansionContext context, long maxBytes) throws PreviewException {
    this.context = context;
    this.maxBytes = maxBytes;
    try {
      this.base = Files.createTempDirectory("profiles-preview-");
      this.root = Files.createDirectory(base.resolve("repo"));
      this.work = Files.createDirectory(base.resolve("work"));
    } catch (IOException e) {
      throw new PreviewException("cannot create a temporary directory: " + e.getMessage(), e);
    }
  }

  /** The temporary directory standing for the repository root. */
  public Path root() {
    return root;
  }

  /** A private directory beside the copy, for files the tools need (values, config). */
  public Path work() {
    return work;
  }

  /** The local path of repository path {@code repoPath} (already normalised). */
  public Path local(String repoPath) {
    return repoPath.isEmpty() ? root : root.resolve(repoPath);
  }

  /**
   * {@code path} of a Flux field ({@code ./a/b}, {@code a/b/}, {@code .}) as a repository
   * path without {@code ./} ({@code ""} for the root); {@code ..} may not leave the root.
   */
  public static String normalise(String path, String what) throws PreviewException {
    if (path.startsWith("/") || path.contains("\\") || path.contains("\0")) {
      throw new PreviewException(what + ": '" + path + "' is not a relative repository path");
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw new PreviewException(what + ": '" + path + "' leaves the repository");
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /** Copies every file at or below {@code repoPath}; returns how many. */
  public int copyTree(String repoPath) throws ProfilesException {
    List<String> paths = context.listFiles(repoPath);
    int copied = 0;
    for (String file : paths) {
      if (copyFile(file)) {
        copied++;
      }
    }
    return copied;
  }

  /** The bytes of repository file {@code repoPath} on the side, if any (bounded like copies). */
  public Optional<byte[]> read(String repoPath) throws ProfilesException {
    Optional<byte[]> content = context.readFile(repoPath);
    if (content.isPresent()) {
      bytes += content.get().length;
      if (bytes > maxBytes) {
        throw new PreviewException("more than " + maxBytes + " bytes of repository files to"
            + " read (at " + repoPath + ")");
      }
    }
    return content;
  }

  /** Copies one file if it exists on the side and is not copied yet. */
  public boolean copyFile(String repoPath) throws ProfilesException {
    String normal = normalise(repoPath, "file");
    Path target = local(normal);
    if (Files.exists(target)) {
      return false;
    }
    Optional<byte[]> content = context.readFile(normal);
    if (content.isEmpty()) {
      return false;
    }
    bytes += content.get().length;
    files++;
    if (bytes > maxBytes || files > 100_000) {
      throw new PreviewException("more than " + maxBytes + " bytes of repository files to copy"
          + " (at " + normal + ")");
    }
    try {
      Files.createDirectories(target.getParent());
      Files.write(target, content.get());
    } catch (IOException e) {
      throw new PreviewException("cannot copy " + normal + ": " + e.getMessage(), e);
    }
    return true;
  }

  @Override
  public void close() {
    deleteTree(base);
  }

  /** Deletes {@code dir} and everything below it, quietly (a temporary directory). */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // A temporary directory left behind is not worth failing a preview for.
    }
  }
}
