package dev.profiles.core.version;

import java.util.Objects;
import java.util.Optional;

/**
 * A git tag that versions a profile: {@code <profile>/<semver>} ({@code nginx/v0.1.0}), one
 * level deep, or a bare {@code <semver>} in a repository with a single root profile.
 *
 * <p>Tags that are not of this shape are not versions and are ignored for versioning: {@link
 * #parse} answers empty for them rather than failing.
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

  /** The tag for {@code version} of profile {@code profileName}. */
  public static VersionTag of(String profileName, Version version) {
    if (profileName.isEmpty() || profileName.contains("/")) {
      throw new IllegalArgumentException("a profile name in a tag is one path segment");
    }
    return new VersionTag(Optional.of(profileName), version);
  }

  /** A bare version tag, for a repository with a single root profile. */
  public static VersionTag bare(Version version) {
    return new VersionTag(Optional.empty(), version);
  }

  /**
   * Parses a tag name (without {@code refs/tags/}); empty when it is not a version tag.
   */
  public static Optional<VersionTag> parse(String tag) {
    int slash = tag.indexOf('/');
    if (slash < 0) {
      return Version.tryParse(tag).map(VersionTag::bare);
    }
    String name = tag.substring(0, slash);
    String rest = tag.substring(slash + 1);
    if (name.isEmpty() || rest.contains("/")) {
      return Optional.empty();
    }
    return Version.tryParse(rest).map(v -> new VersionTag(Optional.of(name), v));
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
