package dev.profiles.core.install;

import java.util.Optional;

/** The commit settings every command shares: message, author, committer, branch, push. */
abstract class CommitOptions<T extends CommitOptions<T>> {
  Optional<String> message = Optional.empty();
  Optional<Signature> author = Optional.empty();
  Optional<Signature> committer = Optional.empty();
  Optional<String> branch = Optional.empty();
  boolean push;

  abstract T self();

  /** The commit message; a descriptive default is used when not set. */
  public T message(String message) {
    if (message == null) {
      throw new dev.profiles.core.ProfilesConfigurationException("message must not be null");
    }
    this.message = Optional.of(message);
    return self();
  }

  /**
   * The commit author; the repository's configured user when not set. A repository with no
   * configured user ({@code user.name} and {@code user.email}) refuses to commit without one
   * ({@link InstallRefusedException.Reason#MISSING_AUTHOR}): commits are never authored by an
   * invented identity.
   */
  public T author(Signature author) {
    if (author == null) {
      throw new dev.profiles.core.ProfilesConfigurationException("author must not be null");
    }
    this.author = Optional.of(author);
    return self();
  }

  /** The committer; the author when not set. */
  public T committer(Signature committer) {
    if (committer == null) {
      throw new dev.profiles.core.ProfilesConfigurationException("committer must not be null");
    }
    this.committer = Optional.of(committer);
    return self();
  }

  /** Commit on a new branch created from HEAD (for a pull request) instead of the current one. */
  public T branch(String branch) {
    if (branch == null) {
      throw new dev.profiles.core.ProfilesConfigurationException("branch must not be null");
    }
    this.branch = Optional.of(branch);
    return self();
  }

  /** Push the new branch to the repository's remote. */
  public T push(boolean push) {
    this.push = push;
    return self();
  }

  /** A change with these settings and {@code defaultMessage} unless a message was set. */
  Change.Builder changeBuilder(String defaultMessage) {
    return Change.builder().message(message.orElse(defaultMessage)).author(author)
        .committer(committer).branch(branch).push(push);
  }
}
