package dev.profiles.core.rules;

import dev.profiles.core.resolve.UnsafeContentException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules every entry of a profile directory must follow before anything of it is installed,
 * the same whether the directory is read from a git tree or from disk (so that a profile tested
 * from a working copy is refused exactly where installing its tag would be):
 *
 * <ul>
 *   <li>no path holds a control character ({@link ControlCharacters}), and no path segment is
 *       git's metadata in any spelling a file system may fold to {@code .git} ({@code .GIT},
 *       {@code .git.}, {@code .git }, {@code git~1}, {@code .g\u200cit}, ...): written into a
 *       GitOps repository, such an entry would be read by git as its own configuration;
 *   <li>a symbolic link is followed only while it stays inside the profile directory: its
 *       target, taken relative to the link's own directory, must be relative and must not
 *       climb out even transiently, and the chain must end, within {@value #MAX_LINK_HOPS}
 *       links, at a regular file. Absolute, escaping and dangling links, links to directories
 *       and loops are refused. A followed link is served as the file it ends at, so copying a
 *       profile never creates a link.
 * </ul>
 *
 * <pre>{@code
 * TreeEntries.isGitMetadata(".Git ");             // true
 * TreeEntries.linkTarget("manifests/a", "../b");  // Optional[b]
 * TreeEntries.linkTarget("a", "../../etc/passwd"); // Optional.empty()
 * }</pre>
 */
public final class TreeEntries {
  /** The longest chain of symbolic links followed. */
  public static final int MAX_LINK_HOPS = 8;

  /** The longest symbolic link target read, in bytes. */
  public static final int MAX_LINK_TARGET = 4096;

  private TreeEntries() {}

  /**
   * Whether the path segment {@code name} is, or a file system could make it, {@code .git}:
   * compared case-insensitively, with the code points HFS+ ignores removed, and with NTFS's
   * trailing dots and spaces, alternate data streams ({@code .git::$INDEX_ALLOCATION}) and
   * 8.3 short name ({@code git~1}) taken into account, as git itself checks.
   */
  public static boolean isGitMetadata(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!hfsIgnorable(c)) {
        sb.append(c);
      }
    }
    String folded = sb.toString().toLowerCase(Locale.ROOT);
    int colon = folded.indexOf(':');
    if (colon >= 0) {
      folded = folded.substring(0, colon);
    }
    int end = folded.length();
    while (end > 0 && (folded.charAt(end - 1) == '.' || folded.charAt(end - 1) == ' ')) {
      end--;
    }
    folded = folded.substring(0, end);
    return folded.equals(".git") || folded.equals("git~1");
  }

  private static boolean hfsIgnorable(char c) {
    return (c >= '\u200c' && c <= '\u200f') || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u206a' && c <= '\u206f') || c == '\ufeff';
  }

  /**
   * Why {@code path} (relative to the profile directory, '/'-separated) may not be part of a
   * profile, or empty when it may: a control character, or a {@linkplain #isGitMetadata .git}
   * segment. The reason shows the path with control characters made visible.
   */
  public static Optional<String> problem(String path) {
    Optional<String> control = ControlCharacters.problem(path);
    if (control.isPresent()) {
      return Optional.of("'" + ControlCharacters.visible(path) + "' " + control.get());
    }
    for (String segment : path.split("/")) {
      if (isGitMetadata(segment)) {
        return Optional.of("'" + path + "' is git metadata ('" + segment + "' is how a file"
            + " system may spell .git); a profile may not contain it");
      }
    }
    return Optional.empty();
  }

  /**
   * The normalized path, relative to the profile directory, that the link at {@code linkPath}
   * (relative to the profile directory) with target {@code target} names; empty when the
   * target is absolute or climbs out of the profile directory, even transiently.
   */
  public static Optional<String> linkTarget(String linkPath, String target) {
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

  /**
   * The regular file the link at {@code linkPath} ends at, following links through {@code
   * links} (link path to target) until one names a path in {@code files}.
   *
   * @param where names the profile directory in messages, e.g. {@code nginx at nginx/v1.0.0}
   * @throws UnsafeContentException when the chain leaves the profile directory, dangles, ends at
   *     a directory, or is longer than {@value #MAX_LINK_HOPS} links (a loop)
   */
  public static String followLink(String linkPath, Map<String, String> links, Set<String> files,
      String where) throws UnsafeContentException {
    String target = links.get(linkPath);
    String shown = "'" + ControlCharacters.visible(linkPath) + "' is a symbolic link to '"
        + ControlCharacters.visible(String.valueOf(target)) + "'";
    String current = linkPath;
    String currentTarget = target;
    for (int hop = 0; hop < MAX_LINK_HOPS && currentTarget != null; hop++) {
      Optional<String> inside = linkTarget(current, currentTarget);
      if (inside.isEmpty()) {
        throw new UnsafeContentException(shown + ", outside the profile directory (" + where
            + "); links may only point to files inside the profile directory");
      }
      String resolved = inside.get();
      if (files.contains(resolved)) {
        return resolved;
      }
      if (links.containsKey(resolved)) {
        current = resolved;
        currentTarget = links.get(resolved);
        continue;
      }
      boolean directory = resolved.equals(".")
          || files.stream().anyMatch(f -> f.startsWith(resolved + "/"))
          || links.keySet().stream().anyMatch(f -> f.startsWith(resolved + "/"));
      throw new UnsafeContentException(shown + ", which is " + (directory ? "a directory"
          : "nothing") + " in the profile directory (" + where + "); links may only point to"
          + " files inside the profile directory");
    }
    throw new UnsafeContentException(shown + " in a chain of more than " + MAX_LINK_HOPS
        + " links, or a loop (" + where + ")");
  }
}
