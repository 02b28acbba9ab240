package dev.profiles.cli;

import java.net.URI;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * pctl's pull-request flags of {@code add} and {@code upgrade} ({@code --create-pr}, {@code
 * --pr-branch}, {@code --pr-base}, {@code --pr-remote}, {@code --pr-repo}, {@code --pr-message})
 * and the host flags pctl lacked, as it knew GitHub only ({@code --pr-provider}, {@code
 * --pr-api-url}, {@code --pr-title}).
 */
final class PullRequestOptions {
  @Option(names = "--create-pr",
      description = "Commit on a new branch, push it and open a pull request for it.")
  boolean createPr;

  @Option(names = "--pr-branch", paramLabel = "BRANCH",
      description = "The branch to create the pull request from (default: generated).")
  String branch;

  @Option(names = "--pr-base", paramLabel = "BRANCH", defaultValue = "main",
      description = "The branch to open the pull request against (default: ${DEFAULT-VALUE}).")
  String base;

  @Option(names = "--pr-remote", paramLabel = "NAME", defaultValue = "origin",
      description = "The remote to push the branch to (default: ${DEFAULT-VALUE}).")
  String remote;

  @Option(names = "--pr-repo", paramLabel = "OWNER/NAME",
      description = "The repository to open the pull request on (default: the remote URL's"
          + " path; GitLab: GROUP/.../PROJECT, Bitbucket: PROJECT/SLUG).")
  String repo;

  @Option(names = {"-m", "--pr-message"}, paramLabel = "TEXT",
      description = "The commit message (default: the command's own).")
  String message;

  @Option(names = "--pr-title", paramLabel = "TEXT",
      description = "The pull request's title (default: the commit message).")
  String title;

  @Option(names = "--pr-provider", paramLabel = "KIND",
      description = "The git host: github, gitlab, gitea (Forgejo), bitbucket-server"
          + " (default: from the remote URL; github.com, gitlab.com, codeberg.org only).")
  String provider;

  @Option(names = "--pr-api-url", paramLabel = "URL",
      description = "The host's API URL for self-hosted servers (default: from the remote,"
          + " e.g. https://HOST/api/v3 for GitHub Enterprise, https://HOST otherwise).")
  URI apiUrl;

  /** Usage errors (exit 2) before anything is fetched or written. */
  void validate(CommandLine cl, boolean dryRun) {
    if (!createPr && (branch != null || repo != null || message != null || title != null
        || provider != null || apiUrl != null)) {
      throw new CommandLine.ParameterException(cl, "--pr-* options need --create-pr");
    }
    if (createPr && dryRun) {
      throw new CommandLine.ParameterException(cl,
          "--create-pr and --dry-run are mutually exclusive");
    }
  }
}
