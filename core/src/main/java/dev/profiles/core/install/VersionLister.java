package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.version.VersionTag;
import java.util.List;

/**
 * Where an upgrade learns which version tags a profile repository has, for {@link
 * UpgradeCommand#toLatest()} of a url+tag install. {@code profiles-git} implements it with
 * {@code GitProfiles.asVersionLister()} (the repository's tags, as {@code
 * GitProfiles.listVersions(url)} reads them).
 *
 * <pre>{@code
 * VersionLister lister = url -> List.of(VersionTag.parse("nginx/v0.2.0").orElseThrow());
 * Profiles profiles = Profiles.builder().resolver(r).renderer(f).versionLister(lister).build();
 * }</pre>
 */
@FunctionalInterface
public interface VersionLister {
  /** Every version tag of the repository at {@code url} ({@code <profile>/<semver>} or bare). */
  List<VersionTag> versionTags(String url) throws ProfilesException;

  /**
   * When each of {@code tags} of the repository at {@code url} was made (its commit's committer
   * time), for an update policy's {@code minimumAge}; tags whose date is unknown are left out.
   * The default knows none, so a lister that cannot tell makes every version "too young" for
   * a policy with a minimum age, never old enough by accident.
   */
  default java.util.Map<VersionTag, java.time.Instant> tagDates(String url,
      java.util.Collection<VersionTag> tags) throws ProfilesException {
    return java.util.Map.of();
  }
}
