package dev.profiles.catalog.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Escaping for the web UI. Every value that comes from a catalog (names, descriptions,
 * maintainers, URLs, problems) is hostile: it goes through {@link #text} in element content
 * and attributes alike, and only {@link #safeUrl} decides whether a URL becomes a link.
 */
final class Html {
  private Html() {}

  /**
   * {@code s} escaped for element content and quoted attribute values: {@code & < > " '}
   * become references, and control characters and lone surrogates become U+FFFD.
   */
  static String text(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\t', '\n' -> out.append(c);
        default -> {
          if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
            out.append('\uFFFD');
          } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * {@code url} when it is an absolute http or https URL with a host and nothing a browser
   * would reinterpret (whitespace, controls, backslashes); empty otherwise, so that {@code
   * javascript:}, {@code data:} and relative URLs are rendered as text, never as links.
   */
  static Optional<String> safeUrl(String url) {
    if (url.length() > 2048) {
      return Optional.empty();
    }
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '\\' || c == '"' || c == '\'' || c == '<' || c == '>') {
        return Optional.empty();
      }
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (scheme == null || uri.getHost() == null) {
        return Optional.empty();
      }
      String s = scheme.toLowerCase(Locale.ROOT);
      return s.equals("http") || s.equals("https") ? Optional.of(url) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** A link to {@code url} when it is {@linkplain #safeUrl safe}, else the URL as text. */
  static String linkOrText(String url) {
    return safeUrl(url)
        .map(u -> "<a href=\"" + text(u) + "\" rel=\"noopener noreferrer nofollow\">" + text(u)
            + "</a>")
        .orElseGet(() -> "<span class=\"url\">" + text(url) + "</span>");
  }

  /** {@code s} as one path segment: everything but RFC 3986 unreserved characters encoded. */
  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code s} as a query parameter value. */
  static String query(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * {@code template} with each {@code {{key}}} replaced by {@code values.get(key)}, in one
   * pass: a value that itself contains {@code {{...}}} is never expanded again.
   */
  static String fill(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder(template.length() * 2);
    int from = 0;
    while (true) {
      int open = template.indexOf("{{", from);
      if (open < 0) {
        return out.append(template, from, template.length()).toString();
      }
      int close = template.indexOf("}}", open);
      String key = template.substring(open + 2, close);
      out.append(template, from, open).append(values.getOrDefault(key, ""));
      from = close + 2;
    }
  }

  /** A resource next to the web UI's templates, read once at startup. */
  static byte[] resource(String name) {
    try (InputStream in = Html.class.getResourceAsStream("/dev/profiles/catalog/server/web/"
        + name)) {
      if (in == null) {
        throw new IllegalStateException("missing web resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code s} as a POSIX shell word: unchanged when plainly safe, else single-quoted. */
  static String shellWord(String s) {
    if (!s.isEmpty() && s.matches("[A-Za-z0-9._/:@+=,-]+")) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** {@code s} as a Java string literal, quotes included. */
  static String javaString(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          // Octal, never a unicode escape: Java decodes those before it lexes string literals.
          if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
            out.append(String.format("\\%03o", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
