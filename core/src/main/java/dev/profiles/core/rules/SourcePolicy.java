package dev.profiles.core.rules;

import dev.profiles.core.resolve.UntrustedSourceException;
import java.util.Objects;

/**
 * Which profile sources may be read, decided before any transport is opened.
 *
 * <ul>
 *   <li>Schemes: {@code https}, {@code ssh} (and scp-like), {@code file} and plain paths are
 *       allowed; {@code http} only when {@link #allowHttp(boolean) enabled}; everything else
 *       ({@code ext::}, {@code fd::}, unknown schemes, option-like hosts) is refused — see
 *       {@link SourceUrls}.
 *   <li>Locality: a profile fetched from a remote repository, or a catalog entry served by a
 *       catalog, may not point at this machine's files. A nested profile or catalog entry with
 *       a local URL ({@code file://} or a path) is refused unless the root source is local
 *       itself or local sources are {@link #allowLocalSources(boolean) allowed} explicitly.
 *       Otherwise installing a profile from the internet could copy the installer's own files
 *       into a GitOps repository that is then pushed.
 * </ul>
 *
 * <pre>{@code
 * SourcePolicy policy = SourcePolicy.defaults().allowHttp(true);
 * policy.checkRoot("http://git.internal/profiles");
 * policy.checkNested("https://github.com/org/profiles", "file:///etc", "nested profile 'x'");
 * // UntrustedSourceException
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class SourcePolicy {
  private static final SourcePolicy DEFAULTS = new SourcePolicy(false, false);

  private final boolean allowHttp;
  private final boolean allowLocalSources;

  private SourcePolicy(boolean allowHttp, boolean allowLocalSources) {
    this.allowHttp = allowHttp;
    this.allowLocalSources = allowLocalSources;
  }

  /** https, ssh and local roots; no plain http; no local sources reached from remote ones. */
  public static SourcePolicy defaults() {
    return DEFAULTS;
  }

  /** This policy, allowing plain-text {@code http://} sources or not. */
  public SourcePolicy allowHttp(boolean allow) {
    return new SourcePolicy(allow, allowLocalSources);
  }

  /** This policy, letting remote profiles and catalog entries reach local sources or not. */
  public SourcePolicy allowLocalSources(boolean allow) {
    return new SourcePolicy(allowHttp, allow);
  }

  public boolean httpAllowed() {
    return allowHttp;
  }

  public boolean localSourcesAllowed() {
    return allowLocalSources;
  }

  /**
   * Checks a source the caller named directly (the root of a resolution).
   *
   * @return the URL's kind
   */
  public SourceUrls.Kind checkRoot(String url) throws UntrustedSourceException {
    return checkScheme(url, "source");
  }

  /**
   * Checks a source reached through {@code rootUrl}: a nested profile, or an entry served by a
   * catalog ({@code rootUrl} is then the catalog's address).
   *
   * @param what names the referring place in messages, e.g. {@code nested profile 'base' of
   *     https://github.com/org/profiles@nginx/v1.0.0}
   */
  public void checkNested(String rootUrl, String url, String what)
      throws UntrustedSourceException {
    Objects.requireNonNull(what, "what");
    SourceUrls.Kind kind = checkScheme(url, what);
    if (kind == SourceUrls.Kind.LOCAL && !allowLocalSources && !isLocalRoot(rootUrl)) {
      throw new UntrustedSourceException(what + " points at the local source '"
          + SafeUrls.redact(url) + "', but it was reached from the remote source '"
          + SafeUrls.redact(rootUrl) + "'; a remote profile may not read this machine's files."
          + " Allow local sources explicitly if you trust it.");
    }
  }

  private static boolean isLocalRoot(String rootUrl) {
    return SourceUrls.problem(rootUrl).isEmpty() && SourceUrls.isLocal(rootUrl);
  }

  private SourceUrls.Kind checkScheme(String url, String what) throws UntrustedSourceException {
    SourceUrls.Kind kind;
    try {
      kind = SourceUrls.kind(url);
    } catch (IllegalArgumentException e) {
      throw new UntrustedSourceException(what + ": " + e.getMessage());
    }
    if (kind == SourceUrls.Kind.HTTP && !allowHttp) {
      throw new UntrustedSourceException(what + ": '" + SafeUrls.redact(url) + "' uses plain"
          + " http, which sends credentials and content unprotected; use https, or allow http"
          + " explicitly");
    }
    return kind;
  }

  @Override
  public String toString() {
    return "SourcePolicy{allowHttp=" + allowHttp + ", allowLocalSources=" + allowLocalSources
        + "}";
  }
}
