package dev.profiles.core.rules;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from URLs before they reach a message, a log line or a {@code toString()}.
 *
 * <p>The user-info follows git's URL grammar: it is everything before the <em>last</em> {@code
 * @} of the authority (the part up to the first {@code /}), so a password may hold {@code @},
 * {@code :}, {@code #}, {@code ?}, spaces, {@code %}-escapes or any other character but {@code
 * /}. HTTP(S) user-info is dropped entirely ({@code https://user:token@host} → {@code
 * https://host}); for other schemes and scp-like {@code user@host:path} a password (everything
 * after the user-info's first {@code :}) is dropped and the user name kept ({@code
 * ssh://git@host} stays as it is, since {@code git} is not a secret). When in doubt more is
 * removed, never less: a display form may lose a piece of an odd URL, but not show a secret.
 *
 * <pre>{@code
 * SafeUrls.redact("https://bob:s3cret@example.com/org/repo");  // "https://example.com/org/repo"
 * SafeUrls.redact("https://bob:p@ss:w0rd@example.com/repo");   // "https://example.com/repo"
 * SafeUrls.redact("git:pa@ss@example.com:org/repo.git");       // "git@example.com:org/repo.git"
 * }</pre>
 */
public final class SafeUrls {
  private static final Pattern SCHEME =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)(.*)$", Pattern.DOTALL);

  private SafeUrls() {}

  /** {@code url} without credentials; any other string is returned unchanged. */
  public static String redact(String url) {
    return strip(url, false);
  }

  /**
   * {@code url} without any user-info, user names included ({@code ssh://git@host/x} → {@code
   * ssh://host/x}, {@code git@host:x} → {@code host:x}): for comparing and keying URLs.
   */
  public static String withoutUserInfo(String url) {
    return strip(url, true);
  }

  /** Whether {@code url} carries a user name or password that {@link #redact} would remove. */
  public static boolean hasSecret(String url) {
    return url != null && !redact(url).equals(url);
  }

  private static String strip(String url, boolean dropUser) {
    if (url == null) {
      return null;
    }
    Matcher m = SCHEME.matcher(url);
    String prefix;
    String rest;
    boolean http;
    if (m.matches()) {
      prefix = m.group(1);
      rest = m.group(2);
      http = prefix.toLowerCase(Locale.ROOT).startsWith("http");
    } else {
      prefix = "";
      rest = url;
      http = false;
      int slash = rest.indexOf('/');
      String head = slash < 0 ? rest : rest.substring(0, slash);
      // Not a URL with a scheme: only scp-like syntax ([user@]host:path, a ':' before any '/')
      // has user-info; a plain path such as ./me@work/profiles has none.
      if (head.indexOf(':') < 0) {
        return url;
      }
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    int at = authority.lastIndexOf('@');
    if (at < 0) {
      return url;
    }
    String userInfo = authority.substring(0, at);
    String afterUserInfo = rest.substring(at + 1);
    if (http || dropUser) {
      return prefix + afterUserInfo;
    }
    int colon = userInfo.indexOf(':');
    String user = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
    return prefix + user + "@" + afterUserInfo;
  }
}
