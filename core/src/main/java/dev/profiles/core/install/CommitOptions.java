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

  /** The commit author; the repository's configured user when not set. */
  public T author(Signature author) {
    this.author = Optional.of(author);
    return self();
  }

  /** The committer; the author when not set. */
  public T committer(Signature committer) {
    this.committer = Optional.of(committer);
    return self();
  }

  /** Commit on a new branch created from HEAD (for a pull request) instead of the current one. */
  public T branch(String branch) {
    this.branch = Optional.of(branch);
    return self();
  }

  /** Push the new branch to the repository's remote. */
  public T push(boolean push) {
    this.push = push;
    return self();
  }

  Change change(RenderedFiles files, java.util.List<String> removals, String defaultMessage) {
    return Change.builder().files(files).removals(removals)
        .message(message.orElse(defaultMessage)).author(author).committer(committer)
        .branch(branch).push(push).build();
  }

  /** A change writing installation {@code directory}, with {@code baseline} recorded. */
  Change installationChange(RenderedFiles files, java.util.List<String> removals,
      String defaultMessage, String directory, RenderedFiles baseline) {
    String text = message.orElse(defaultMessage) + "\n\n"
        + GitOpsRepository.INSTALLATION_TRAILER + ": " + directory;
    return Change.builder().files(files).removals(removals).message(text).author(author)
        .committer(committer).branch(branch).push(push).baseline(baseline).build();
  }
}
