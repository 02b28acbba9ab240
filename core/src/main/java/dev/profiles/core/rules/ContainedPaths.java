package dev.profiles.core.rules;

import dev.profiles.core.ProfilesConfigurationException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Rules for paths that a profile gives relative to its own directory ({@code chart.path},
 * {@code kustomize.path}, a nested source's {@code path}), and for paths in the GitOps
 * repository ({@link #problemInRepository}).
 *
 * <p>The original joined such paths without checking them, so {@code ../../etc} escaped the
 * profile directory. Here a path must be relative, use '/' separators, contain no control
 * character ({@link ControlCharacters}: NUL, newline, tab, ...) or backslash, and must not climb
 * above its root even transiently ({@code a/../../b} is refused, {@code a/../b} is fine).
 *
 * <pre>{@code
 * ContainedPaths.problem("charts/nginx");   // Optional.empty()
 * ContainedPaths.normalize("./charts//x/"); // "charts/x"
 * }</pre>
 */
public final class ContainedPaths {
  private ContainedPaths() {}

  /**
   * Why {@code path}, relative to a profile's directory, is not a contained relative path, or
   * empty when it is one.
   */
  public static Optional<String> problem(String path) {
    return problem(path, "the profile directory");
  }

  /**
   * Why {@code path}, relative to the root of the GitOps repository (an installation or output
   * directory, a file to write or remove), is not a contained relative path, or empty when it
   * is one; the same rules as {@link #problem(String)}, the message naming the repository.
   */
  public static Optional<String> problemInRepository(String path) {
    return problem(path, "the GitOps repository");
  }

  private static Optional<String> problem(String path, String root) {
    if (path == null) {
      return Optional.of("must not be null");
    }
    if (path.isBlank()) {
      return Optional.of("must not be empty");
    }
    Optional<String> control = ControlCharacters.problem(path);
    if (control.isPresent()) {
      return control;
    }
    if (path.indexOf('\\') >= 0) {
      return Optional.of("'" + path + "' must use '/' as separator, not '\\'");
    }
    if (path.startsWith("/") || path.startsWith("~") || path.matches("^[A-Za-z]:.*")) {
      return Optional.of("'" + path + "' must be relative to " + root);
    }
    int depth = 0;
    for (String segment : path.split("/")) {
      if (segment.equals("..")) {
        depth--;
        if (depth < 0) {
          return Optional.of("'" + path + "' must stay inside " + root);
        }
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        depth++;
      }
    }
    return Optional.empty();
  }

  /**
   * The canonical form of a contained path: no '.', no empty segments, '..' resolved; "." for
   * the root itself.
   *
   * @throws ProfilesConfigurationException when {@link #problem} reports one: check paths
   *     read from input with {@link #problem} first
   */
  public static String normalize(String path) {
    problem(path).ifPresent(p -> {
      throw new ProfilesConfigurationException("path " + p);
    });
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : path.split("/")) {
      if (segment.equals("..")) {
        segments.removeLast();
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        segments.addLast(segment);
      }
    }
    return segments.isEmpty() ? "." : String.join("/", segments);
  }
}
