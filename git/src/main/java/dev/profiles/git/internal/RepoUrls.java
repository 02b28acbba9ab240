package dev.profiles.git.internal;

import dev.profiles.core.rules.SafeUrls;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Identity of a repository URL: which spellings name the same repository, and its cache name. */
public final class RepoUrls {
  private static final Pattern SCP_LIKE = Pattern.compile("^(?:([^@/:]+)@)?([^/:]{2,}):(?!//)(.*)$");

  private RepoUrls() {}

  /**
   * A canonical form used to recognise one repository under several spellings: credentials
   * removed, scheme and host lower-cased, scp-like syntax turned into {@code ssh://}, no
   * trailing {@code /} or {@code .git}. Never shown to users and never contains secrets.
   */
  public static String canonical(String url) {
    String u = url.trim();
    Matcher scp = SCP_LIKE.matcher(u);
    if (!u.contains("://") && scp.matches()) {
      u = "ssh://" + (scp.group(1) == null ? "" : scp.group(1) + "@") + scp.group(2) + "/"
          + scp.group(3);
    }
    u = SafeUrls.redact(u);
    // Drop user-info for ssh too: git@host and host are the same repository.
    u = u.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
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
