/**
 * Pull-request providers for the git hosts teams use: {@link
 * dev.profiles.pullrequests.PullRequestProviders} builds a {@link
 * dev.profiles.core.update.PullRequestProvider} for GitHub, GitLab, Gitea/Forgejo or Bitbucket
 * Server/Data Center from a repository's remote URL, or an explicit host kind and API URL.
 */
package dev.profiles.pullrequests;
