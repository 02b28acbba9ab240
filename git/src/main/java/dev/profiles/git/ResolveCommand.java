package dev.profiles.git;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ResolveException;
import dev.profiles.core.resolve.ResolvedProfile;
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
 */
public final class ResolveCommand {
  private final ProfileSource source;
  private final GitProfiles git;

  ResolveCommand(ProfileSource source, GitProfiles git) {
    this.source = source;
    this.git = git;
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
   */
  public ResolvedProfile call() throws ProfilesException {
    // Before the cache is even opened: a refused source leaves no trace on disk.
    Resolution.precheck(git.sourcePolicy(), git.urlRewrites(), source);
    try {
      return git.newResolution().resolve(source);
    } catch (RuntimeException e) {
      // The contract is typed errors only; whatever slipped through is reported as one, with
      // the same care for credentials as every other message.
      throw new ResolveException("resolving " + SafeUrls.redact(source.url()) + " failed: "
          + e.getClass().getSimpleName() + ": " + Secrets.scrubUserInfo(String.valueOf(
              e.getMessage())));
    }
  }
}
