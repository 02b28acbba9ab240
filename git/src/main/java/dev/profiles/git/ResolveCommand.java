package dev.profiles.git;

import dev.profiles.core.Progress;
import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ResolveException;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.resolve.UntrustedSourceException;
import dev.profiles.core.rules.SafeUrls;
import dev.profiles.git.internal.Resolution;
import dev.profiles.git.internal.Secrets;

/**
 * Resolves one profile source, and recursively every profile it nests, into a {@link
 * ResolvedProfile} tree. Obtained from {@link GitProfiles#resolve}; {@link #call()} does the
 * work and may be called again (each call is one resolution: repositories shared by several
 * nested profiles are asked for once per call).
 *
 * <pre>{@code
 * ResolvedProfile p = git.resolve(ProfileSource.ofBranch(url, "main", "nginx")).call();
 * p.commit();                 // the commit main pointed at
 * p.nested("base");           // the profile behind nested artifact "base"
 * }</pre>
 *
 * <p>Cancellation: interrupting the calling thread stops the call promptly with {@link
 * dev.profiles.core.resolve.CancelledException}, even while a server sends nothing; the
 * thread's interrupt flag stays set, and the cache stays usable. So does a {@link
 * #progress(Progress) progress} whose {@code isCancelled()} answers true, at its next poll.
 */
public final class ResolveCommand {
  private final ProfileSource source;
  private final GitProfiles git;
  private Progress progress;

  ResolveCommand(ProfileSource source, GitProfiles git) {
    this.source = source;
    this.git = git;
    this.progress = git.progress();
  }

  /**
   * Where this call reports the progress of its fetches and may be cancelled; default the
   * {@link GitProfiles.Builder#progress(Progress) client's}.
   *
   * @throws ProfilesConfigurationException when {@code progress} is null
   */
  public ResolveCommand progress(Progress progress) {
    if (progress == null) {
      throw new ProfilesConfigurationException("progress must not be null");
    }
    this.progress = progress;
    return this;
  }

  /**
   * Resolves the profile tree.
   *
   * @return the profile, its exact commit, its files and its nested profiles; sources keep
   *     their URLs as written, whatever rewrites applied
   * @throws dev.profiles.core.resolve.UntrustedSourceException when a source is refused by the
   *     trust policy (nothing was fetched from it)
   * @throws dev.profiles.core.resolve.SizeLimitExceededException when a file, a profile
   *     directory or the whole tree is larger than allowed
   * @throws dev.profiles.core.resolve.InvalidRefException when a tag is not a version, or a
   *     ref points at a tree or blob
   * @throws dev.profiles.core.resolve.ResolveException (a subclass says why) when a repository,
   *     ref, directory or {@code profile.yaml} cannot be read, when credentials or a host key
   *     are refused, when files break a rule, or when profiles nest in a cycle
   * @throws dev.profiles.core.yaml.InvalidDocumentException when a {@code profile.yaml} is
   *     invalid, with every problem located
   * @throws dev.profiles.core.resolve.CancelledException when the thread is interrupted (the
   *     flag stays set) or the progress cancels
   */
  public ResolvedProfile call() throws ProfilesException {
    try {
      // Before the cache is even opened: a refused source leaves no trace on disk.
      Resolution.precheck(git.sourcePolicy(), git.urlRewrites(), source);
      return git.newResolution(progress).resolve(source);
    } catch (UntrustedSourceException e) {
      GitProfiles.LOG.info("refused: {}", e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      // The contract is typed errors only; whatever slipped through is reported as one, with
      // the same care for credentials as every other message.
      throw new ResolveException("resolving " + SafeUrls.redact(source.url()) + " failed: "
          + e.getClass().getSimpleName() + ": " + Secrets.scrubUserInfo(String.valueOf(
              e.getMessage())));
    }
  }
}
