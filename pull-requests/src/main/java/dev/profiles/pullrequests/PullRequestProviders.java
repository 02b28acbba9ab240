package dev.profiles.pullrequests;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.rules.ControlCharacters;
import dev.profiles.core.rules.SafeUrls;
import dev.profiles.core.update.PullRequestProvider;
import dev.profiles.pullrequests.internal.BitbucketServerProvider;
import dev.profiles.pullrequests.internal.GitHubProvider;
import dev.profiles.pullrequests.internal.GitLabProvider;
import dev.profiles.pullrequests.internal.GiteaProvider;
import dev.profiles.pullrequests.internal.HostApi;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link PullRequestProvider} of one repository: from its git remote URL (github.com,
 * gitlab.com and codeberg.org are recognised), or from an explicit {@link PullRequestHost} and
 * API URL for self-hosted servers. Providers speak each host's documented REST API over {@code
 * java.net.http}, never follow redirects (the token would follow), bound answers to 4 MiB, and
 * never show their token: not in messages, exceptions or {@code toString()}.
 *
 * <table>
 *   <caption>API URLs</caption>
 *   <tr><th>host</th><th>API URL (default)</th><th>token header</th></tr>
 *   <tr><td>GitHub</td><td>{@code https://api.github.com}; GHE {@code https://HOST/api/v3}</td>
 *       <td>{@code Authorization: Bearer}</td></tr>
 *   <tr><td>GitLab</td><td>{@code https://gitlab.com} (paths {@code /api/v4/...})</td>
 *       <td>{@code PRIVATE-TOKEN}</td></tr>
 *   <tr><td>Gitea/Forgejo</td><td>{@code https://HOST} (paths {@code /api/v1/...})</td>
 *       <td>{@code Authorization: token}</td></tr>
 *   <tr><td>Bitbucket Server</td><td>{@code https://HOST} (paths {@code /rest/api/1.0/...})</td>
 *       <td>{@code Authorization: Bearer}</td></tr>
 * </table>
 *
 * <pre>{@code
 * PullRequestProvider github = PullRequestProviders.forRepository(
 *     "git@github.com:acme/gitops.git", System.getenv("GITHUB_TOKEN"));
 * PullRequestProvider gitea = PullRequestProviders.builder()
 *     .host(PullRequestHost.GITEA).apiUrl(URI.create("https://git.example.com"))
 *     .repository("platform/gitops").token(token).build();
 * }</pre>
 */
public final class PullRequestProviders {
  static final int MAX_TOKEN = 4096;
  static final int MAX_REPOSITORY = 512;
  private static final Pattern SCP = Pattern.compile("^(?:[^@/:]+@)?([^/:]+):(?!//)(.+)$");

  private PullRequestProviders() {}

  /**
   * The provider of a repository on github.com, gitlab.com or codeberg.org, from its remote
   * URL ({@code https://github.com/acme/gitops.git}, {@code git@github.com:acme/gitops.git},
   * {@code ssh://git@gitlab.com/group/sub/project.git}).
   *
   * @throws ProfilesConfigurationException when the host is not one of those (use {@link
   *     #builder()} with {@link Builder#host}) or the URL names no repository
   */
  public static PullRequestProvider forRepository(String remoteUrl, String token) {
    return builder().remote(remoteUrl).token(token).build();
  }

  /**
   * The token for {@code host} from the environment: its conventional variable ({@link
   * PullRequestHost#tokenVariable()}), else {@code GIT_TOKEN}; empty when neither is set.
   */
  public static String token(PullRequestHost host, Map<String, String> env) {
    for (String name : new String[] {host.tokenVariable(), "GIT_TOKEN"}) {
      String v = env.get(name);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return "";
  }

  /**
   * The host kind of a remote URL on a well-known public host, if it is one.
   */
  public static Optional<PullRequestHost> detect(String remoteUrl) {
    try {
      return PullRequestHost.ofPublicHost(Remote.parse(remoteUrl).host);
    } catch (ProfilesConfigurationException e) {
      return Optional.empty();
    }
  }

  /** A builder of providers; every setter returns it. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a provider: a {@link #remote} URL, or a {@link #repository} with a {@link #host}
   * and {@link #apiUrl}; the host kind and API URL are derived from the remote when not given.
   */
  public static final class Builder {
    private String remote;
    private PullRequestHost host;
    private URI apiUrl;
    private String repository;
    private String token = "";
    private boolean allowHttp;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration timeout = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();

    Builder() {}

    /** The repository's git remote URL (https, ssh or {@code user@host:path}). */
    public Builder remote(String remoteUrl) {
      this.remote = remoteUrl;
      return this;
    }

    /** The kind of host; needed for any host but github.com, gitlab.com and codeberg.org. */
    public Builder host(PullRequestHost host) {
      this.host = host;
      return this;
    }

    /**
     * The API's base URL (self-hosted servers, or a path prefix such as {@code
     * https://git.example.com/gitlab}); see the table on {@link PullRequestProviders}.
     */
    public Builder apiUrl(URI apiUrl) {
      this.apiUrl = apiUrl;
      return this;
    }

    /**
     * The repository on the host: {@code owner/name} (GitHub, Gitea), {@code group/sub/project}
     * (GitLab), {@code PROJECT/slug} (Bitbucket); default: the remote URL's path.
     */
    public Builder repository(String repository) {
      this.repository = repository;
      return this;
    }

    /** The access token; never shown. Empty sends none (the host will answer 401 to writes). */
    public Builder token(String token) {
      this.token = token == null ? "" : token;
      return this;
    }

    /** Allow a plain-text {@code http://} API URL, which sends the token unprotected. */
    public Builder allowHttp(boolean allow) {
      this.allowHttp = allow;
      return this;
    }

    /** How long to wait for a connection; default 10 seconds. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for each answer; default 30 seconds. */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /** The clock rate-limit reset times are measured against (tests). */
    Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new ProfilesConfigurationException(name + " must be positive: " + d);
      }
      return d;
    }

    /**
     * The provider.
     *
     * @throws ProfilesConfigurationException naming what is missing or malformed (never the
     *     token)
     */
    public PullRequestProvider build() {
      checkToken(token);
      Optional<Remote> r = Optional.ofNullable(remote).map(Remote::parse);
      PullRequestHost kind = host;
      if (kind == null) {
        kind = r.flatMap(x -> PullRequestHost.ofPublicHost(x.host)).orElseThrow(() ->
            new ProfilesConfigurationException(r.isEmpty()
                ? "a pull-request provider needs a remote URL or a host kind (github, gitlab,"
                    + " gitea, bitbucket-server)"
                : "cannot tell which kind of git host '" + r.get().host + "' is: give the"
                    + " provider (github, gitlab, gitea, bitbucket-server) and its API URL"));
      }
      URI api = apiUrl;
      if (api == null) {
        if (r.isEmpty()) {
          throw new ProfilesConfigurationException("a " + kind.label() + " pull-request"
              + " provider without a remote URL needs its API URL");
        }
        api = r.get().defaultApi(kind);
      }
      api = checkApi(api);
      String repo = repository;
      if (repo == null) {
        if (r.isEmpty()) {
          throw new ProfilesConfigurationException("a pull-request provider needs the"
              + " repository (owner/name) or a remote URL naming it");
        }
        repo = r.get().repository(kind);
      }
      repo = checkRepository(repo, kind);
      return switch (kind) {
        case GITHUB -> new GitHubProvider(api(kind, api, "Authorization", "Bearer ",
            Map.of("Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28")), repo);
        case GITLAB -> new GitLabProvider(api(kind, api, "PRIVATE-TOKEN", "", Map.of()), repo);
        case GITEA -> new GiteaProvider(api(kind, api, "Authorization", "token ", Map.of()),
            repo);
        case BITBUCKET_SERVER -> new BitbucketServerProvider(api(kind, api, "Authorization",
            "Bearer ", Map.of()), repo);
      };
    }

    private HostApi api(PullRequestHost kind, URI api, String header, String prefix,
        Map<String, String> extra) {
      return new HostApi(kind.label(), api, header, prefix, token, extra, connectTimeout,
          timeout, clock);
    }

    private URI checkApi(URI api) {
      String shown = SafeUrls.redact(ControlCharacters.visible(api.toString()));
      String scheme = api.getScheme() == null ? "" : api.getScheme().toLowerCase(Locale.ROOT);
      if (!api.isAbsolute() || api.getHost() == null
          || !(scheme.equals("https") || scheme.equals("http"))) {
        throw new ProfilesConfigurationException("the pull-request API URL '" + shown
            + "' is not an absolute http(s) URL with a host");
      }
      if (api.getRawUserInfo() != null || api.getRawQuery() != null
          || api.getRawFragment() != null) {
        throw new ProfilesConfigurationException("the pull-request API URL '" + shown
            + "' must have no user-info, query or fragment (give the token separately)");
      }
      if (scheme.equals("http") && !allowHttp) {
        throw new ProfilesConfigurationException("the pull-request API URL '" + shown
            + "' is plain http, which would send the token unprotected: use https, or allow"
            + " http explicitly");
      }
      return api;
    }
  }

  static void checkToken(String token) {
    if (token.length() > MAX_TOKEN) {
      throw new ProfilesConfigurationException("the pull-request token is longer than "
          + MAX_TOKEN + " characters (not shown)");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= ' ' || c > '~') {
        throw new ProfilesConfigurationException("the pull-request token holds a character"
            + " HTTP headers do not allow at position " + i + " (not shown)");
      }
    }
  }

  static String checkRepository(String repo, PullRequestHost kind) {
    String shown = ControlCharacters.visible(repo);
    if (repo.length() > MAX_REPOSITORY) {
      throw new ProfilesConfigurationException("the repository '" + shown.substring(0, 60)
          + "...' is longer than " + MAX_REPOSITORY + " characters");
    }
    String[] parts = repo.split("/", -1);
    boolean nested = kind == PullRequestHost.GITLAB;
    if (parts.length < 2 || (!nested && parts.length != 2)) {
      throw new ProfilesConfigurationException("the repository '" + shown + "' is not of the"
          + " form " + (nested ? "GROUP[/SUBGROUP...]/PROJECT" : kind
              == PullRequestHost.BITBUCKET_SERVER ? "PROJECT/SLUG" : "OWNER/NAME"));
    }
    for (String p : parts) {
      if (p.isEmpty() || p.equals(".") || p.equals("..") || ControlCharacters.problem(p)
          .isPresent() || p.chars().anyMatch(Character::isWhitespace)) {
        throw new ProfilesConfigurationException("the repository '" + shown + "' has an"
            + " empty, dot or otherwise invalid segment '" + ControlCharacters.visible(p)
            + "'");
      }
    }
    return repo;
  }

  /** A git remote URL taken apart: host, port (or -1), path, and whether it was http(s). */
  static final class Remote {
    final String host;
    final int port;
    final String path;
    final String webScheme;

    private Remote(String host, int port, String path, String webScheme) {
      this.host = host;
      this.port = port;
      this.path = path;
      this.webScheme = webScheme;
    }

    static Remote parse(String url) {
      if (url == null || url.isBlank() || url.length() > 2048) {
        throw new ProfilesConfigurationException("the remote URL is empty or too long");
      }
      String shown = SafeUrls.redact(ControlCharacters.visible(url));
      if (!url.contains("://")) {
        Matcher m = SCP.matcher(url);
        if (m.matches()) {
          return new Remote(m.group(1), -1, m.group(2), null);
        }
        throw new ProfilesConfigurationException("the remote URL '" + shown + "' names no"
            + " host (expected https://HOST/OWNER/NAME.git or git@HOST:OWNER/NAME.git)");
      }
      try {
        URI u = new URI(url);
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        if (u.getHost() == null || u.getPath() == null
            || !(scheme.equals("https") || scheme.equals("http") || scheme.equals("ssh")
                || scheme.equals("git"))) {
          throw new URISyntaxException(url, "no host");
        }
        return new Remote(u.getHost(), u.getPort(), u.getPath(),
            scheme.startsWith("http") ? scheme : null);
      } catch (URISyntaxException e) {
        throw new ProfilesConfigurationException("the remote URL '" + shown + "' is not an"
            + " https, ssh or git URL with a host");
      }
    }

    URI defaultApi(PullRequestHost kind) {
      String scheme = webScheme == null ? "https" : webScheme;
      String authority = host + (webScheme != null && port >= 0 ? ":" + port : "");
      if (kind == PullRequestHost.GITHUB) {
        return URI.create(host.equalsIgnoreCase("github.com") ? "https://api.github.com"
            : scheme + "://" + authority + "/api/v3");
      }
      return URI.create(scheme + "://" + authority);
    }

    String repository(PullRequestHost kind) {
      String p = path.replaceAll("^/+", "").replaceAll("/+$", "");
      if (p.endsWith(".git")) {
        p = p.substring(0, p.length() - 4);
      }
      if (kind == PullRequestHost.BITBUCKET_SERVER && p.startsWith("scm/")) {
        p = p.substring(4);
      }
      return p;
    }
  }
}
