package dev.profiles.pullrequests;

import dev.profiles.core.ProfilesConfigurationException;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of git host a {@link PullRequestProviders} can open pull requests on, with the name
 * a command line uses ({@code --pr-provider github}) and the environment variable its token is
 * conventionally in.
 *
 * <pre>{@code
 * PullRequestHost host = PullRequestHost.named("gitea"); // GITEA (also "forgejo")
 * }</pre>
 */
public enum PullRequestHost {
  /** GitHub and GitHub Enterprise Server (REST API v3). */
  GITHUB("github", "GitHub", "GITHUB_TOKEN"),
  /** GitLab, gitlab.com or self-managed (REST API v4 merge requests). */
  GITLAB("gitlab", "GitLab", "GITLAB_TOKEN"),
  /** Gitea and Forgejo, such as Codeberg (API v1). */
  GITEA("gitea", "Gitea", "GITEA_TOKEN"),
  /** Bitbucket Server and Data Center (REST API 1.0). */
  BITBUCKET_SERVER("bitbucket-server", "Bitbucket Server", "BITBUCKET_TOKEN");

  private final String cliName;
  private final String label;
  private final String tokenVariable;

  PullRequestHost(String cliName, String label, String tokenVariable) {
    this.cliName = cliName;
    this.label = label;
    this.tokenVariable = tokenVariable;
  }

  /** The name on a command line: {@code github}, {@code gitlab}, {@code gitea}, ... */
  public String cliName() {
    return cliName;
  }

  /** The name people know it by, for messages. */
  public String label() {
    return label;
  }

  /** The environment variable its token conventionally lives in ({@code GITHUB_TOKEN}...). */
  public String tokenVariable() {
    return tokenVariable;
  }

  /**
   * The host of {@code name}: {@code github}, {@code gitlab}, {@code gitea} (or {@code
   * forgejo}), {@code bitbucket-server} (or {@code bitbucket}), any case.
   *
   * @throws ProfilesConfigurationException for any other name, listing the known ones
   */
  public static PullRequestHost named(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (PullRequestHost h : values()) {
      if (h.cliName.equals(n)) {
        return h;
      }
    }
    if (n.equals("forgejo")) {
      return GITEA;
    }
    if (n.equals("bitbucket") || n.equals("bitbucket-datacenter")) {
      return BITBUCKET_SERVER;
    }
    throw new ProfilesConfigurationException("unknown pull-request provider '" + name
        + "': expected github, gitlab, gitea (or forgejo) or bitbucket-server");
  }

  /** The host kind of a well-known public host name (github.com, gitlab.com, codeberg.org). */
  static Optional<PullRequestHost> ofPublicHost(String host) {
    return switch (host.toLowerCase(Locale.ROOT)) {
      case "github.com", "www.github.com" -> Optional.of(GITHUB);
      case "gitlab.com", "www.gitlab.com" -> Optional.of(GITLAB);
      case "codeberg.org", "gitea.com" -> Optional.of(GITEA);
      default -> Optional.empty();
    };
  }
}
