package dev.profiles.git.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes directory trees: the cache's scratch entries, transactions' and pushes' temp dirs,
 * and the benchmarks' work directories.
 */
public final class FileTrees {
  private FileTrees() {}

  /** Deletes {@code root} and everything below it; nothing when it does not exist. */
  public static void delete(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      if (!(e.getCause() instanceof NoSuchFileException)) {
        throw e.getCause();
      }
      // A file vanished while walking (JGit's background gc.log.lock): sweep once more.
      delete(root);
    }
  }

  /** {@link #delete}, for leftovers that are harmless if they stay (scratch dirs). */
  public static void deleteQuietly(Path root) {
    if (root == null) {
      return;
    }
    try {
      delete(root);
    } catch (IOException ignored) {
      // A leftover scratch directory is harmless: the next run removes or ignores it.
    }
  }
}
