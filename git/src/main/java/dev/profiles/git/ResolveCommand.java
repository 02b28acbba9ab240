package dev.profiles.git;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.git.internal.Limits;
import dev.profiles.git.internal.ParsedProfiles;
import dev.profiles.git.internal.RepoCache;
import dev.profiles.git.internal.Resolution;
import dev.profiles.git.internal.Transports;

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
  private final RepoCache cache;
  private final Transports transports;
  private final ParsedProfiles parsed;
  private final Limits limits;
  private final int maxNestingDepth;

  ResolveCommand(ProfileSource source, RepoCache cache, Transports transports,
      ParsedProfiles parsed, Limits limits, int maxNestingDepth) {
    this.parsed = parsed;
    this.source = source;
    this.cache = cache;
    this.transports = transports;
    this.limits = limits;
    this.maxNestingDepth = maxNestingDepth;
  }

  /**
   * Resolves the profile tree.
   *
   * @return the profile, its exact commit, its files and its nested profiles
   * @throws dev.profiles.core.resolve.ResolveException (a subclass says why) when a repository,
   *     ref, directory or {@code profile.yaml} cannot be read, when credentials or a host key
   *     are refused, when files break a rule, or when profiles nest in a cycle
   * @throws dev.profiles.core.yaml.InvalidDocumentException when a {@code profile.yaml} is
   *     invalid, with every problem located
   */
  public ResolvedProfile call() throws ProfilesException {
    return new Resolution(cache, transports, parsed, limits, maxNestingDepth).resolve(source);
  }
}
