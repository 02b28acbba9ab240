package dev.profiles.testing;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.resolve.ProfileDirectory;
import dev.profiles.core.rules.ContainedPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A profile directory on disk. Links are followed only when they stay inside the directory
 * (and then read as the file they point at, as the git resolver does); anything else is
 * refused with the link and its target named.
 */
final class DiskProfileDirectory implements ProfileDirectory {
  private final Path root;
  private final Path realRoot;

  DiskProfileDirectory(Path root) throws ProfilesException {
    this.root = root;
    try {
      this.realRoot = root.toRealPath();
    } catch (IOException e) {
      throw new ProfilesException("cannot read '" + root + "': " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> list(String path) throws ProfilesException {
    Path start = resolve(path);
    if (Files.isRegularFile(start)) {
      return List.of(relative(start));
    }
    if (!Files.isDirectory(start)) {
      throw new ProfilesException("'" + path + "' does not exist in " + root);
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(start)) {
      for (Path p : files.sorted().toList()) {
        if (Files.isSymbolicLink(p) || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          checkContained(p);
          if (Files.isRegularFile(p)) {
            out.add(relative(p));
          }
        }
      }
    } catch (IOException e) {
      throw new ProfilesException("cannot list '" + path + "': " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public byte[] read(String path) throws ProfilesException {
    Path file = resolve(path);
    checkContained(file);
    if (!Files.isRegularFile(file)) {
      throw new ProfilesException("'" + path + "' is not a file in " + root);
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ProfilesException("cannot read '" + path + "': " + e.getMessage(), e);
    }
  }

  @Override
  public boolean isDirectory(String path) throws ProfilesException {
    Path p = resolve(path);
    return Files.isDirectory(p) && !Files.isSymbolicLink(p);
  }

  private Path resolve(String path) throws ProfilesException {
    var problem = ContainedPaths.problem(path);
    if (problem.isPresent()) {
      throw new ProfilesException("'" + path + "': " + problem.get());
    }
    return root.resolve(ContainedPaths.normalize(path));
  }

  private void checkContained(Path p) throws ProfilesException {
    try {
      Path real = p.toRealPath();
      if (!real.startsWith(realRoot)) {
        throw new ProfilesException("'" + relative(p) + "' is a link to '"
            + Files.readSymbolicLink(p) + "', outside the profile directory");
      }
    } catch (IOException e) {
      throw new ProfilesException("'" + relative(p) + "' cannot be read (a dangling link?)", e);
    }
  }

  private String relative(Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }
}
