package dev.profiles.core.version;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.rules.KubernetesNames;
import java.util.Objects;
import java.util.Optional;

/**
 * A git tag that versions a profile: {@code <profile>/<semver>} ({@code nginx/v0.1.0}), one
 * level deep, or a bare {@code <semver>} in a repository with a single root profile.
 *
 * <p>Tags that are not of this shape are not versions and are ignored for versioning: {@link
 * #parse} answers empty for them rather than failing. The shape is strict, because the profile
 * part names a directory and a profile: it must be a valid profile name (a DNS-1123 label, as
 * {@code metadata.name} is), with exactly one {@code /} before the version. So {@code
 * ../v1.0.0}, {@code a/b/v1.0.0}, {@code /v1.0.0}, {@code nginx//v1.0.0}, {@code Nginx/v1.0.0}
 * and names holding control characters are not versions anywhere (resolver, scanner, catalog).
 *
 * <pre>{@code
 * VersionTag t = VersionTag.parse("nginx/v0.1.0").orElseThrow();
 * t.profileName(); // Optional[nginx]
 * t.version();     // v0.1.0
 * }</pre>
 */
public final class VersionTag implements Comparable<VersionTag> {
  private final Optional<String> profileName;
  private final Version version;

  private VersionTag(Optional<String> profileName, Version version) {
    this.profileName = profileName;
    this.version = version;
  }

  /**
   * The tag for {@code version} of profile {@code profileName}.
   *
   * @throws ProfilesConfigurationException when {@code profileName} is not a valid profile
   *     name (a DNS-1123 label) or an argument is null
   */
  public static VersionTag of(String profileName, Version version) {
    if (profileName == null || version == null) {
      throw new ProfilesConfigurationException("a version tag needs a profile name and a"
          + " version");
    }
    KubernetesNames.labelProblem(profileName).ifPresent(p -> {
      throw new ProfilesConfigurationException("the profile name of a version tag " + p);
    });
    return new VersionTag(Optional.of(profileName), version);
  }

  /**
   * A bare version tag, for a repository with a single root profile.
   *
   * @throws ProfilesConfigurationException when {@code version} is null
   */
  public static VersionTag bare(Version version) {
    if (version == null) {
      throw new ProfilesConfigurationException("a version tag needs a version");
    }
    return new VersionTag(Optional.empty(), version);
  }

  /**
   * Parses a tag name (without {@code refs/tags/}): {@code <semver>} or {@code
   * <profile-name>/<semver>}; empty when it is anything else (or null). Never throws.
   */
  public static Optional<VersionTag> parse(String tag) {
    if (tag == null) {
      return Optional.empty();
    }
    int slash = tag.indexOf('/');
    if (slash < 0) {
      return Version.tryParse(tag).map(VersionTag::bare);
    }
    String name = tag.substring(0, slash);
    String rest = tag.substring(slash + 1);
    if (!KubernetesNames.isLabel(name) || rest.indexOf('/') >= 0) {
      return Optional.empty();
    }
    return Version.tryParse(rest).map(v -> new VersionTag(Optional.of(name), v));
  }

  /** Whether {@code tag} is a version tag: {@code parse(tag).isPresent()}. */
  public static boolean isVersionTag(String tag) {
    return parse(tag).isPresent();
  }

  /** The profile named by the tag; empty for a bare version tag. */
  public Optional<String> profileName() {
    return profileName;
  }

  public Version version() {
    return version;
  }

  /** Whether this tag versions profile {@code name}, or is bare. */
  public boolean isFor(String name) {
    return profileName.map(name::equals).orElse(true);
  }

  /** Orders by profile name (bare first), then by version. */
  @Override
  public int compareTo(VersionTag o) {
    int c = profileName.orElse("").compareTo(o.profileName.orElse(""));
    if (c == 0 && profileName.isPresent() != o.profileName.isPresent()) {
      c = profileName.isPresent() ? 1 : -1;
    }
    return c != 0 ? c : version.compareTo(o.version);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionTag t && profileName.equals(t.profileName)
        && version.equals(t.version);
  }

  @Override
  public int hashCode() {
    return Objects.hash(profileName, version);
  }

  /** The tag name, e.g. {@code nginx/v0.1.0}. */
  @Override
  public String toString() {
    return profileName.map(n -> n + "/" + version).orElse(version.toString());
  }
}
