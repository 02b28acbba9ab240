package dev.profiles.core.rules;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that says what kind of location a profile source URL names, and which URLs are
 * refused outright before any transport is opened.
 *
 * <p>Accepted: {@code https://}, {@code http://}, {@code ssh://} (and {@code git+ssh://}),
 * scp-like {@code [user@]host:path}, {@code file://} and plain local paths. Refused:
 * git's remote helpers ({@code ext::}, {@code fd::}, any {@code <transport>::<address>}),
 * every other scheme, hosts or paths that start with {@code -} (option injection into an
 * {@code ssh} or {@code git} command line), and control characters anywhere.
 *
 * <pre>{@code
 * SourceUrls.kind("git@github.com:org/profiles.git"); // SourceUrls.Kind.SSH
 * SourceUrls.kind("/srv/profiles");                   // SourceUrls.Kind.LOCAL
 * SourceUrls.problem("ext::sh -c touch% /tmp/pwned"); // Optional["... remote helper ..."]
 * }</pre>
 */
public final class SourceUrls {
  /** What a URL names, for the trust policy. */
  public enum Kind {
    /** {@code https://}. */
    HTTPS,
    /** {@code http://}: plain text, allowed only when asked for. */
    HTTP,
    /** {@code ssh://}, {@code git+ssh://} or scp-like {@code user@host:path}. */
    SSH,
    /** {@code file://} or a plain path on this machine. */
    LOCAL
  }

  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$",
      Pattern.DOTALL);
  private static final Pattern HELPER = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*::.*",
      Pattern.DOTALL);

  private SourceUrls() {}

  /** Why {@code url} is refused as a profile source, or empty when it is acceptable. */
  public static Optional<String> problem(String url) {
    try {
      kind(url);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * The kind of location {@code url} names.
   *
   * @throws IllegalArgumentException with the reason, when the URL is refused
   */
  public static Kind kind(String url) {
    if (url.isBlank()) {
      throw new IllegalArgumentException("a source URL must not be empty");
    }
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (ControlCharacters.is(c)) {
        throw new IllegalArgumentException("source URL '" + SafeUrls.redact(
            ControlCharacters.visible(url)) + "' contains a control character ("
            + ControlCharacters.describe(c) + ")");
      }
    }
    String shown = SafeUrls.redact(url);
    if (url.startsWith("-")) {
      throw new IllegalArgumentException("source URL '" + shown
          + "' starts with '-', which a git or ssh command line would read as an option");
    }
    Matcher scheme = SCHEME.matcher(url);
    if (scheme.matches()) {
      String name = scheme.group(1).toLowerCase(Locale.ROOT);
      String rest = scheme.group(2);
      Kind kind = switch (name) {
        case "https" -> Kind.HTTPS;
        case "http" -> Kind.HTTP;
        case "ssh", "git+ssh", "ssh+git" -> Kind.SSH;
        case "file" -> Kind.LOCAL;
        default -> throw new IllegalArgumentException("source URL '" + shown + "' uses scheme '"
            + name + "'; allowed are https, http, ssh, scp-like user@host:path, file and local"
            + " paths");
      };
      if (kind != Kind.LOCAL) {
        String authority = rest;
        int slash = authority.indexOf('/');
        authority = slash < 0 ? authority : authority.substring(0, slash);
        // User-info ends at the last '@' (git's grammar); the host follows it.
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.isEmpty() || host.startsWith(":")) {
          throw new IllegalArgumentException("source URL '" + shown + "' names no host");
        }
        boolean optionLike = host.startsWith("-") || (kind == Kind.SSH
            && (authority.startsWith("-") || authority.contains("@-")
                || authority.contains(":-")));
        if (optionLike) {
          throw new IllegalArgumentException("source URL '" + shown + "' has a host or user"
              + " starting with '-', which an ssh command line would read as an option");
        }
      }
      return kind;
    }
    if (HELPER.matcher(url).matches()) {
      throw new IllegalArgumentException("source URL '" + shown + "' names a git remote helper"
          + " ('<transport>::<address>'); remote helpers run programs and are never allowed");
    }
    int firstSlash = url.indexOf('/');
    int firstColon = url.indexOf(':');
    String head = firstSlash < 0 ? url : url.substring(0, firstSlash);
    // git's rule: a ':' before any '/' makes scp-like syntax; a single letter is a drive.
    boolean drive = firstColon == 1 && head.indexOf('@') < 0;
    if (firstColon > 0 && (firstSlash < 0 || firstColon < firstSlash) && !drive) {
      String hostAndPath = head.substring(head.lastIndexOf('@') + 1);
      if (hostAndPath.startsWith(":") || hostAndPath.isEmpty()) {
        throw new IllegalArgumentException("source URL '" + shown + "' names no host");
      }
      // git and JGit split user, host and path differently when '@' and ':' repeat: refuse
      // an option-like part wherever either would find it.
      if (head.contains("@-") || head.contains(":-")) {
        throw new IllegalArgumentException("source URL '" + shown + "' has a host, user or"
            + " path starting with '-', which an ssh command line would read as an option");
      }
      return Kind.SSH;
    }
    return Kind.LOCAL;
  }

  /** Whether {@code url} names this machine's file system (and is otherwise acceptable). */
  public static boolean isLocal(String url) {
    return kind(url) == Kind.LOCAL;
  }
}
