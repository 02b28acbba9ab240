package dev.profiles.core.catalog;

import java.util.Objects;

/**
 * A tag of a scanned repository that did not become a catalog entry, and why: the tag is not
 * {@code <name>/<semver>}, the tagged tree has no {@code <name>/profile.yaml}, or that file
 * does not parse.
 *
 * <pre>{@code
 * new SkippedTag("nginx/latest", "'latest' is not a semantic version");
 * }</pre>
 *
 * @param tag the tag's name, without {@code refs/tags/}
 * @param reason why it was skipped, for people; never contains credentials
 */
public record SkippedTag(String tag, String reason) {
  public SkippedTag {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return tag + ": " + reason;
  }
}
