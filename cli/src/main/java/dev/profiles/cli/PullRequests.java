package dev.profiles.cli;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.CommitResult;
import dev.profiles.core.update.PullRequest;
import dev.profiles.core.update.PullRequestChange;
import dev.profiles.core.update.PullRequestException;
import dev.profiles.core.update.PullRequestProvider;
import dev.profiles.git.GitCredentials;
import dev.profiles.git.gitops.JGitOpsRepository;
import dev.profiles.pullrequests.PullRequestHost;
import dev.profiles.pullrequests.PullRequestProviders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code --create-pr} of {@code add} and {@code upgrade}: everything is checked and the provider
 * built before anything is written; then the command commits on a new branch and pushes it, and
 * {@link #propose} opens the pull request (or updates the open one of that branch).
 */
final class PullRequests {
  private static final Pattern SECTION = Pattern.compile("^\\s*\\[\\s*remote\\s+\"(.*)\"\\s*]"
      + "\\s*$");
  private static final Pattern ANY_SECTION = Pattern.compile("^\\s*\\[.*$");
  private static final Pattern URL = Pattern.compile("^\\s*url\\s*=\\s*(.*?)\\s*$",
      Pattern.CASE_INSENSITIVE);
  private static final long MAX_CONFIG = 1 << 20;

  private final Main main;
  private final PullRequestOptions options;
  private final PullRequestProvider provider;
  private final String branch;

  private PullRequests(Main main, PullRequestOptions options, PullRequestProvider provider,
      String branch) {
    this.main = main;
    this.options = options;
    this.provider = provider;
    this.branch = branch;
  }

  /**
   * Checks the options, builds the provider and points {@code repo}'s pushes at the remote with
   * the credentials; {@code what} names the change for the generated branch.
   */
  static PullRequests prepare(Main main, Sdk sdk, CommandLine cl, PullRequestOptions options,
      JGitOpsRepository repo, String what) throws ProfilesException {
    Optional<String> remoteUrl = remoteUrl(repo.workTree(), options.remote);
    PullRequestHost host;
    try {
      host = options.provider != null ? PullRequestHost.named(options.provider)
          : remoteUrl.flatMap(PullRequestProviders::detect).orElseThrow(() ->
              new CommandLine.ParameterException(cl, remoteUrl.isEmpty()
                  ? "--create-pr: the repository has no remote '" + options.remote + "': give"
                      + " --pr-remote, or --pr-provider, --pr-api-url and --pr-repo"
                  : "--create-pr: cannot tell the git host of remote '" + options.remote
                      + "': give --pr-provider (github, gitlab, gitea, bitbucket-server) and"
                      + " --pr-api-url"));
    } catch (ProfilesConfigurationException e) {
      throw new CommandLine.ParameterException(cl, "Invalid value for option '--pr-provider': "
          + e.getMessage());
    }
    String token = main.gitToken != null && !main.gitToken.isEmpty() ? main.gitToken
        : PullRequestProviders.token(host, main.env);
    PullRequestProvider provider;
    try {
      PullRequestProviders.Builder b = PullRequestProviders.builder().host(host).token(token)
          .allowHttp(main.globals.allowHttp);
      remoteUrl.ifPresent(b::remote);
      if (options.apiUrl != null) {
        b.apiUrl(options.apiUrl);
      }
      if (options.repo != null) {
        b.repository(options.repo);
      }
      provider = b.build();
    } catch (ProfilesConfigurationException e) {
      throw new CommandLine.ParameterException(cl, "--create-pr: " + e.getMessage());
    }
    GitCredentials push = sdk.credentials();
    if (push.password().isEmpty() && !token.isEmpty()) {
      // The host's token pushes too (GITHUB_TOKEN and the like), as git's credential helpers do.
      push = GitCredentials.builder().from(push).username("x-access-token").password(token)
          .build();
    }
    repo.withRemote(options.remote).withPushCredentials(push);
    String b = options.branch != null ? options.branch : what.replaceAll("[^A-Za-z0-9._-]+",
        "-") + "-" + suffix();
    return new PullRequests(main, options, provider, b);
  }

  private static String suffix() {
    byte[] b = new byte[3];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** The host the pull requests go to (for {@code update}, which names its own branches). */
  PullRequestProvider provider() {
    return provider;
  }

  /** The branch to commit on and push. */
  String branch() {
    return branch;
  }

  /** The commit message the user gave, if any. */
  Optional<String> message() {
    return Optional.ofNullable(options.message);
  }

  /**
   * Opens the pull request for the pushed {@code commit} (or updates the open one of its
   * branch) and prints its URL.
   */
  void propose(Optional<CommitResult> commit, String defaultTitle, List<String> body)
      throws ProfilesException {
    if (commit.isEmpty() || commit.get().pushedTo().isEmpty()) {
      throw new ProfilesException("--create-pr: nothing was committed and pushed, so there is"
          + " no pull request to open");
    }
    String title = options.title != null ? options.title
        : options.message != null ? options.message : defaultTitle;
    PullRequestChange change = new PullRequestChange(branch, options.base, title,
        String.join("\n", body) + "\n");
    PullRequest pr;
    try {
      Optional<PullRequest> existing = provider.find(branch);
      if (existing.isPresent() && existing.get().state() == PullRequest.State.OPEN) {
        pr = provider.update(existing.get(), change);
        main.out.println("updated pull request " + pr.url());
      } else {
        pr = provider.open(change);
        main.out.println("opened pull request " + pr.url());
      }
    } catch (PullRequestException e) {
      throw new PullRequestException(e.reason(), e.status(), e.retryAfter(), e.getMessage()
          + "; branch '" + branch + "' is pushed to " + commit.get().pushedTo().get()
          + ": open the pull request by hand, or remove the branch and run again", null);
    }
  }

  /** The description: which command made it, and the files it writes. */
  static List<String> body(String command, java.util.Collection<String> files) {
    List<String> lines = new java.util.ArrayList<>();
    lines.add("Proposed by `profiles " + command + " --create-pr`.");
    if (!files.isEmpty()) {
      lines.add("");
      lines.add("Files written:");
      lines.add("");
      files.stream().sorted().limit(200).forEach(f -> lines.add("- `" + f + "`"));
      if (files.size() > 200) {
        lines.add("- ... and " + (files.size() - 200) + " more");
      }
    }
    return lines;
  }

  /**
   * The URL of {@code remote} in the repository's git configuration (a linked worktree's
   * common directory included); {@code insteadOf} rewrites and includes are not followed.
   */
  static Optional<String> remoteUrl(Path workTree, String remote) throws ProfilesException {
    try {
      Path git = workTree.resolve(".git");
      if (Files.isRegularFile(git)) {
        String link = Files.readString(git, StandardCharsets.UTF_8).trim();
        if (link.startsWith("gitdir:")) {
          git = workTree.resolve(link.substring("gitdir:".length()).trim()).normalize();
        }
      }
      Path common = git.resolve("commondir");
      if (Files.isRegularFile(common)) {
        git = git.resolve(Files.readString(common, StandardCharsets.UTF_8).trim()).normalize();
      }
      Path config = git.resolve("config");
      if (!Files.isRegularFile(config) || Files.size(config) > MAX_CONFIG) {
        return Optional.empty();
      }
      boolean in = false;
      for (String line : Files.readAllLines(config, StandardCharsets.UTF_8)) {
        Matcher s = SECTION.matcher(line);
        if (s.matches()) {
          in = s.group(1).equals(remote);
        } else if (ANY_SECTION.matcher(line).matches()) {
          in = false;
        } else if (in) {
          Matcher u = URL.matcher(line);
          if (u.matches()) {
            String v = u.group(1);
            return Optional.of(v.length() > 1 && v.startsWith("\"") && v.endsWith("\"")
                ? v.substring(1, v.length() - 1) : v);
          }
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new ProfilesException("cannot read the git configuration of " + workTree + ": "
          + e.getMessage(), e);
    }
  }
}
