package dev.profiles.core.catalog;

/**
 * Whether pre-release versions ({@code 1.1.0-rc.1}) count as updates.
 *
 * <p>A pre-release is a candidate, not a promise, so by default it is not offered as an update
 * of a release: someone on {@code 1.0.0} is not told to move to {@code 1.1.0-rc.1}. Someone on
 * a pre-release is offered later pre-releases of the same {@code major.minor.patch} (they
 * already opted into that line) and every later release.
 *
 * <pre>{@code
 * index.availableUpdates("my-catalog", "nginx", Version.parse("v1.0.0"), PreReleases.INCLUDE);
 * }</pre>
 */
public enum PreReleases {
  /** Offer pre-releases only to someone already on a pre-release of the same release. */
  EXCLUDE,
  /** Offer every version of higher precedence, pre-release or not. */
  INCLUDE
}
