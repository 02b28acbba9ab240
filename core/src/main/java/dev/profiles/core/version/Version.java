package dev.profiles.core.version;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.rules.ControlCharacters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version, optionally written with a leading {@code v} as profile
 * tags usually are ({@code v0.1.0}).
 *
 * <p>{@link #compareTo} is a total order consistent with {@link #equals}: it sorts by semver
 * precedence first (pre-releases before their release, numeric identifiers numerically), then
 * breaks precedence ties deterministically by build metadata and by the {@code v} prefix. Use
 * {@link #comparePrecedence} when only precedence matters.
 *
 * <pre>{@code
 * Version v = Version.parse("v1.2.0-rc.1");
 * v.comparePrecedence(Version.parse("1.2.0")) < 0; // true: rc.1 comes before the release
 * v.toString();                                    // "v1.2.0-rc.1", as written
 * }</pre>
 */
public final class Version implements Comparable<Version> {
  private static final String NUM = "0|[1-9]\\d*";
  private static final String PRE_ID = "(?:" + NUM + "|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";
  private static final Pattern SEMVER =
      Pattern.compile(
          "(v?)(" + NUM + ")\\.(" + NUM + ")\\.(" + NUM + ")"
              + "(?:-(" + PRE_ID + "(?:\\." + PRE_ID + ")*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

  /**
   * Longer text is not a version: no real one comes near, and the pattern's work stays bounded
   * for hostile tag names.
   */
  private static final int MAX_LENGTH = 256;

  private final boolean prefixed;
  private final long major;
  private final long minor;
  private final long patch;
  private final List<String> preRelease;
  private final List<String> build;

  private Version(
      boolean prefixed, long major, long minor, long patch, List<String> pre, List<String> build) {
    this.prefixed = prefixed;
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.preRelease = pre;
    this.build = build;
  }

  /**
   * Parses {@code text}, a version given in code, as a semver version with optional leading
   * {@code v}. For text read from input use {@link #tryParse}, which never throws.
   *
   * @throws ProfilesConfigurationException when it is not one
   */
  public static Version parse(String text) {
    return tryParse(text).orElseThrow(() -> new ProfilesConfigurationException(
        "'" + (text == null ? "null" : ControlCharacters.visible(text))
            + "' is not a semantic version"));
  }

  /** Parses {@code text}, or empty when it is not a semver version (or is null). */
  public static Optional<Version> tryParse(String text) {
    if (text == null || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    Matcher m = SEMVER.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Version(
              !m.group(1).isEmpty(),
              Long.parseLong(m.group(2)),
              Long.parseLong(m.group(3)),
              Long.parseLong(m.group(4)),
              split(m.group(5)),
              split(m.group(6))));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  /**
   * A release version {@code major.minor.patch} without prefix.
   *
   * @throws ProfilesConfigurationException when a number is negative
   */
  public static Version of(long major, long minor, long patch) {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new ProfilesConfigurationException("version numbers must not be negative: "
          + major + "." + minor + "." + patch);
    }
    return new Version(false, major, minor, patch, List.of(), List.of());
  }

  private static List<String> split(String dotted) {
    return dotted == null ? List.of() : List.of(dotted.split("\\."));
  }

  public long major() {
    return major;
  }

  public long minor() {
    return minor;
  }

  public long patch() {
    return patch;
  }

  /** Pre-release identifiers ({@code rc.1} → {@code [rc, 1]}); empty for a release. */
  public List<String> preRelease() {
    return preRelease;
  }

  /** Build metadata identifiers; ignored by precedence. */
  public List<String> build() {
    return build;
  }

  /** Whether the text had a leading {@code v}. */
  public boolean hasPrefix() {
    return prefixed;
  }

  /** Whether this is a pre-release ({@code 1.0.0-rc.1}). */
  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  /** The same version written with or without the leading {@code v}. */
  public Version withPrefix(boolean prefix) {
    return new Version(prefix, major, minor, patch, preRelease, build);
  }

  /** Semver precedence (spec item 11): build metadata and prefix ignored. */
  public int comparePrecedence(Version other) {
    int c = Long.compare(major, other.major);
    if (c == 0) {
      c = Long.compare(minor, other.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, other.patch);
    }
    if (c != 0) {
      return c;
    }
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      // A release has higher precedence than any of its pre-releases.
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    int n = Math.min(preRelease.size(), other.preRelease.size());
    for (int i = 0; i < n; i++) {
      c = compareIdentifier(preRelease.get(i), other.preRelease.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(preRelease.size(), other.preRelease.size());
  }

  private static int compareIdentifier(String a, String b) {
    boolean an = isNumeric(a);
    boolean bn = isNumeric(b);
    if (an && bn) {
      // Numeric identifiers have no leading zeros, so longer means larger.
      int c = Integer.compare(a.length(), b.length());
      return c != 0 ? c : a.compareTo(b);
    }
    if (an != bn) {
      return an ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static boolean isNumeric(String id) {
    for (int i = 0; i < id.length(); i++) {
      if (!Character.isDigit(id.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(Version other) {
    int c = comparePrecedence(other);
    if (c != 0) {
      return c;
    }
    c = Arrays.compare(build.toArray(new String[0]), other.build.toArray(new String[0]));
    if (c != 0) {
      return c;
    }
    return Boolean.compare(prefixed, other.prefixed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Version v
        && prefixed == v.prefixed && major == v.major && minor == v.minor && patch == v.patch
        && preRelease.equals(v.preRelease) && build.equals(v.build);
  }

  @Override
  public int hashCode() {
    return Objects.hash(prefixed, major, minor, patch, preRelease, build);
  }

  /** The version as written, e.g. {@code v1.2.0-rc.1+build.5}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (prefixed) {
      sb.append('v');
    }
    sb.append(major).append('.').append(minor).append('.').append(patch);
    if (!preRelease.isEmpty()) {
      sb.append('-').append(String.join(".", preRelease));
    }
    if (!build.isEmpty()) {
      sb.append('+').append(String.join(".", build));
    }
    return sb.toString();
  }

  /** The highest of {@code versions} by {@link #compareTo}, or empty. */
  public static Optional<Version> highest(Iterable<Version> versions) {
    List<Version> all = new ArrayList<>();
    versions.forEach(all::add);
    return all.isEmpty() ? Optional.empty() : Optional.of(Collections.max(all));
  }
}
