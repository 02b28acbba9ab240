package dev.profiles.git.internal;

import dev.profiles.core.rules.ContainedPaths;
import java.util.Optional;

/** Where a symbolic link inside a profile directory points, if it stays inside. */
public final class LinkTargets {
  private LinkTargets() {}

  /**
   * The normalized path, relative to the profile directory, that the link at {@code linkPath}
   * (relative to the profile directory) with target {@code target} names; empty when the target
   * is absolute or climbs out of the profile directory (even transiently).
   */
  public static Optional<String> resolve(String linkPath, String target) {
    boolean absolute = target.isEmpty() || target.startsWith("/") || target.startsWith("~")
        || target.matches("^[A-Za-z]:.*");
    if (absolute) {
      return Optional.empty();
    }
    int slash = linkPath.lastIndexOf('/');
    String joined = slash < 0 ? target : linkPath.substring(0, slash) + "/" + target;
    if (ContainedPaths.problem(joined).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(ContainedPaths.normalize(joined));
  }
}
