package dev.profiles.git.internal;

import dev.profiles.core.rules.SafeUrls;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Identity of a repository URL: which spellings name the same repository, and its cache name. */
public final class RepoUrls {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*$",
      Pattern.DOTALL);

  private RepoUrls() {}

  /**
   * A canonical form used to recognise one repository under several spellings: user-info
   * removed (up to the last {@code @} of the authority, as git reads it), scheme and host
   * lower-cased, scp-like syntax turned into {@code ssh://}, no trailing {@code /} or {@code
   * .git}. Never shown to users and never contains secrets.
   */
  public static String canonical(String url) {
    String u = url.trim();
    if (!SCHEME.matcher(u).matches() && isScpLike(u)) {
      String hostAndPath = SafeUrls.withoutUserInfo(u);
      int colon = hostAndPath.indexOf(':');
      String path = hostAndPath.substring(colon + 1);
      u = "ssh://" + hostAndPath.substring(0, colon) + (path.startsWith("/") ? "" : "/") + path;
    }
    // Drop user-info for ssh too: git@host and host are the same repository.
    u = SafeUrls.withoutUserInfo(u);
    int schemeEnd = u.indexOf("://");
    if (schemeEnd > 0) {
      int hostEnd = u.indexOf('/', schemeEnd + 3);
      hostEnd = hostEnd < 0 ? u.length() : hostEnd;
      u = u.substring(0, hostEnd).toLowerCase(Locale.ROOT) + u.substring(hostEnd);
    }
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (u.endsWith(".git")) {
      u = u.substring(0, u.length() - 4);
    }
    return u;
  }

  /** git's rule: a ':' before any '/' makes scp-like syntax (a single letter is a drive). */
  private static boolean isScpLike(String u) {
    int colon = u.indexOf(':');
    int slash = u.indexOf('/');
    if (colon < 1 || (slash >= 0 && slash < colon) || u.startsWith("::", colon)) {
      return false;
    }
    String head = slash < 0 ? u : u.substring(0, slash);
    boolean drive = colon == 1 && head.indexOf('@') < 0;
    return !drive;
  }

  /** A directory name for the repository's cache entry: readable slug plus a hash. */
  public static String cacheName(String url) {
    String canonical = canonical(url);
    String slug = canonical.replaceFirst("^[a-z0-9+.-]*://", "").replaceAll("[^A-Za-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
    if (slug.length() > 48) {
      slug = slug.substring(slug.length() - 48);
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(StandardCharsets.UTF_8));
      return slug + "-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
