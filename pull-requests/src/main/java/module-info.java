/**
 * Pull-request providers for GitHub, GitLab, Gitea/Forgejo and Bitbucket Server/Data Center
 * behind core's {@code PullRequestProvider} port, on {@code java.net.http} and Jackson.
 */
module dev.profiles.pullrequests {
  requires transitive dev.profiles.core;
  requires java.net.http;
  requires org.slf4j;
  requires tools.jackson.databind;

  exports dev.profiles.pullrequests;
}
