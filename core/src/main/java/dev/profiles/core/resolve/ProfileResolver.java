package dev.profiles.core.resolve;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.model.ProfileSource;

/**
 * Reads a profile, and every profile it nests, from where its source says it lives. The
 * {@code profiles-git} module implements it with JGit; tests may implement it in memory.
 *
 * <pre>{@code
 * ResolvedProfile p = resolver.resolve(ProfileSource.ofTag(url, "nginx/v0.1.0"));
 * }</pre>
 */
public interface ProfileResolver {
  /**
   * Resolves {@code source} and, recursively, its nested profiles.
   *
   * @throws ProfilesException when a repository, ref, directory or profile.yaml cannot be read
   *     or is invalid, or when profiles include each other in a cycle
   */
  ResolvedProfile resolve(ProfileSource source) throws ProfilesException;
}
