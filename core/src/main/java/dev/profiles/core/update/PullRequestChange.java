package dev.profiles.core.update;

import dev.profiles.core.ProfilesConfigurationException;

/**
 * What a pull request should say: from which branch into which, with what title and
 * description (Markdown, such as a preview's).
 *
 * <pre>{@code
 * PullRequestChange change = new PullRequestChange("profiles/update/team-nginx", "main",
 *     "Update nginx to v0.2.0", preview.toMarkdown());
 * }</pre>
 *
 * @param headBranch the branch with the change, already pushed
 * @param baseBranch the branch it merges into
 * @param title the title
 * @param body the description, Markdown
 */
public record PullRequestChange(String headBranch, String baseBranch, String title,
    String body) {
  public PullRequestChange {
    if (headBranch == null || headBranch.isBlank() || baseBranch == null || baseBranch.isBlank()
        || title == null || title.isBlank() || body == null) {
      throw new ProfilesConfigurationException("a pull request change has a head branch, a base"
          + " branch, a title and a body (which may be empty)");
    }
  }
}
