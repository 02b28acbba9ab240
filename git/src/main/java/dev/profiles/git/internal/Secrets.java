package dev.profiles.git.internal;

import dev.profiles.git.GitCredentials;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets that may surface in a failure about one URL (its user-info, the configured
 * password and passphrase), and their removal from messages and exception chains.
 */
final class Secrets {
  private static final Pattern USER_INFO = Pattern.compile("://([^/@\\s]+)@");

  private final List<String> values;

  private Secrets(List<String> values) {
    this.values = values;
  }

  static Secrets of(String url, GitCredentials credentials) {
    List<String> out = new ArrayList<>();
    Matcher m = USER_INFO.matcher(url);
    if (m.find()) {
      String info = m.group(1);
      int colon = info.indexOf(':');
      if (colon >= 0 && colon < info.length() - 1) {
        out.add(info.substring(colon + 1));
        out.add(decode(info.substring(colon + 1)));
      }
      out.add(info);
    }
    if (credentials != null) {
      credentials.password().ifPresent(out::add);
      credentials.sshPassphrase().ifPresent(out::add);
    }
    out.removeIf(s -> s.length() < 3);
    // Longest first, so that a secret containing another is replaced whole.
    out.sort((a, b) -> b.length() - a.length());
    return new Secrets(out);
  }

  private static String decode(String s) {
    try {
      return new URI("x", s, null).getSchemeSpecificPart();
    } catch (Exception e) {
      return s;
    }
  }

  /** {@code text} with every secret (and HTTP user-info) replaced. */
  String text(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String v : values) {
      out = out.replace(v, "***");
    }
    return USER_INFO.matcher(out).replaceAll("://");
  }

  /**
   * {@code e} itself when no message in its chain holds a secret; otherwise a copy of the
   * chain with scrubbed messages and the original stack traces, as {@link ScrubbedException}s.
   */
  Throwable scrub(Throwable e) {
    boolean dirty = false;
    for (Throwable t = e; t != null && !dirty; t = t.getCause() == t ? null : t.getCause()) {
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
