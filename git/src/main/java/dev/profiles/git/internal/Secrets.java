package dev.profiles.git.internal;

import dev.profiles.core.rules.SafeUrls;
import dev.profiles.git.GitCredentials;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.URIish;

/**
 * The secrets that may surface in a failure about one URL (its user-info, the configured
 * password and passphrase), and their removal from messages and exception chains.
 *
 * <p>User-info follows git's grammar: everything before the last {@code @} of the authority.
 * Each secret is removed in the forms a message may show it: as written, percent-decoded,
 * percent-encoded, and as JGit's {@link URIish} parsed it; then whatever still looks like
 * user-info after a {@code scheme://} in the text goes too.
 */
public final class Secrets {
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");

  private final List<String> values;

  private Secrets(List<String> values) {
    this.values = values;
  }

  static Secrets of(String url, GitCredentials credentials) {
    Set<String> out = new LinkedHashSet<>();
    if (url != null) {
      String userInfo = userInfo(url);
      if (userInfo != null) {
        addForms(out, userInfo);
        int colon = userInfo.indexOf(':');
        if (colon >= 0) {
          addForms(out, userInfo.substring(colon + 1));
        }
      }
      try {
        URIish parsed = new URIish(url);
        if (parsed.getPass() != null) {
          addForms(out, parsed.getPass());
        }
      } catch (URISyntaxException | RuntimeException e) {
        // Not parseable: JGit cannot have put parts of it into a message either.
      }
    }
    if (credentials != null) {
      credentials.password().ifPresent(p -> addForms(out, p));
      credentials.sshPassphrase().ifPresent(p -> addForms(out, p));
    }
    List<String> sorted = new ArrayList<>(out);
    // Shorter ones would turn ordinary words of a message into "***"; the user-info scrub of
    // text() still removes them where they stand in a URL.
    sorted.removeIf(s -> s.length() < 3);
    // Longest first, so that a secret containing another is replaced whole.
    sorted.sort((a, b) -> b.length() - a.length());
    return new Secrets(sorted);
  }

  private static void addForms(Set<String> out, String secret) {
    out.add(secret);
    out.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    out.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
    try {
      out.add(URLDecoder.decode(secret.replace("+", "%2B"), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      // Not a valid escape sequence: the raw form is all there is.
    }
  }

  /** The user-info of {@code url} as git reads it (before the authority's last '@'), or null. */
  static String userInfo(String url) {
    String withUser = SafeUrls.withoutUserInfo(url);
    if (withUser.equals(url)) {
      return null;
    }
    // withoutUserInfo removed exactly "<user-info>@" right after the scheme (or at the start).
    Matcher m = SCHEME.matcher(url);
    int start = m.lookingAt() ? m.end() : 0;
    int removed = url.length() - withUser.length();
    return url.substring(start, start + removed - 1);
  }

  /** {@code text} with every secret (and any user-info after a {@code scheme://}) replaced. */
  String text(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String v : values) {
      out = out.replace(v, "***");
    }
    return scrubUserInfo(out);
  }

  /**
   * {@code text} without whatever stands between a {@code scheme://} and the last '@' before
   * the next '/': user-info of URLs embedded in a message.
   */
  public static String scrubUserInfo(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    Matcher m = SCHEME.matcher(text);
    int copied = 0;
    while (m.find(copied)) {
      int authorityStart = m.end();
      int end = authorityStart;
      while (end < text.length() && text.charAt(end) != '/' && text.charAt(end) != '\n') {
        end++;
      }
      int at = text.lastIndexOf('@', end - 1);
      sb.append(text, copied, authorityStart);
      copied = at >= authorityStart ? at + 1 : authorityStart;
    }
    sb.append(text, copied, text.length());
    return sb.toString();
  }

  /**
   * {@code e} itself when no message in its chain holds a secret; otherwise a copy of the
   * chain with scrubbed messages and the original stack traces, as {@link ScrubbedException}s.
   */
  Throwable scrub(Throwable e) {
    boolean dirty = false;
    int depth = 0;
    for (Throwable t = e; t != null && !dirty && depth++ < 50;
        t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      dirty = m != null && !m.equals(text(m));
    }
    return dirty ? copy(e, 0) : e;
  }

  private Throwable copy(Throwable e, int depth) {
    Throwable cause = e.getCause() == null || e.getCause() == e || depth > 20 ? null
        : copy(e.getCause(), depth + 1);
    ScrubbedException s = new ScrubbedException(
        e.getClass().getName() + ": " + text(String.valueOf(e.getMessage())), cause);
    s.setStackTrace(e.getStackTrace());
    return s;
  }

  /** Stands in for an exception whose message held a credential. */
  static final class ScrubbedException extends Exception {
    private static final long serialVersionUID = 1L;

    ScrubbedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
