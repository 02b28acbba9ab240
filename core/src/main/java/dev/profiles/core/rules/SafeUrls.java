package dev.profiles.core.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from URLs before they reach a message, a log line or a {@code toString()}.
 *
 * <p>HTTP(S) user-info is dropped entirely ({@code https://user:token@host} → {@code
 * https://host}); for other schemes a password is dropped and a user name kept ({@code
 * ssh://git@host} stays as it is, since {@code git} is not a secret).
 *
 * <pre>{@code
 * SafeUrls.redact("https://bob:s3cret@example.com/org/repo"); // "https://example.com/org/repo"
 * }</pre>
 */
public final class SafeUrls {
  private static final Pattern WITH_USER_INFO =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/@]*)@(.*)$", Pattern.DOTALL);

  private SafeUrls() {}

  /** {@code url} without credentials; any other string is returned unchanged. */
  public static String redact(String url) {
    Matcher m = WITH_USER_INFO.matcher(url);
    if (!m.matches()) {
      return url;
    }
    String scheme = m.group(1).toLowerCase(java.util.Locale.ROOT);
    String userInfo = m.group(2);
    if (scheme.startsWith("http")) {
      return m.group(1) + m.group(3);
    }
    int colon = userInfo.indexOf(':');
    String user = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
    return m.group(1) + user + "@" + m.group(3);
  }

  /** Whether {@code url} carries a user name or password that {@link #redact} would remove. */
  public static boolean hasSecret(String url) {
    return !redact(url).equals(url);
  }
}
