package dev.profiles.preview.internal;

import dev.profiles.core.preview.PreviewException;
import dev.profiles.core.version.Version;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Chooses a chart version from a repository index as source-controller does, for the forms a preview supports. */
final class Versions {
  private Versions() {}

  /** Whether {@code version} is a SemVer range rather than one exact version. */
  static boolean isRange(String version) {
    String v = version.strip();
    return v.isEmpty() || v.equals("*") || Version.tryParse(v).isEmpty();
  }

  /**
   * The entry of {@code version}: an exact version (with or without {@code v}), or the highest
   * release for {@code *} or empty; other SemVer ranges are not expanded.
   */
  static Map<String, Object> pick(String who, String chart, String version, List<?> entries,
      String where) throws PreviewException, NotExpandable {
    String wanted = version.strip();
    boolean latest = wanted.isEmpty() || wanted.equals("*");
    if (!latest && !Version.tryParse(wanted).isPresent()) {
      throw new NotExpandable("chart " + chart + " version '" + version + "' is a range; a"
          + " preview expands exact versions or '*'");
    }
    Map<String, Object> best = null;
    Version bestVersion = null;
    for (Object item : entries) {
      if (!(item instanceof Map<?, ?> m)) {
        continue;
      }
      Map<String, Object> entry = Trees.stringKeyed(who, m);
      String text = Trees.text(entry, "version").orElse("");
      Optional<Version> parsed = Version.tryParse(text);
      if (!latest) {
        if (text.equals(wanted) || (parsed.isPresent()
            && parsed.get().compareTo(Version.parse(wanted)) == 0
            && parsed.get().build().equals(Version.parse(wanted).build()))) {
          return entry;
        }
        continue;
      }
      if (parsed.isPresent() && parsed.get().preRelease().isEmpty()
          && (bestVersion == null || parsed.get().compareTo(bestVersion) > 0)) {
        best = entry;
        bestVersion = parsed.get();
      }
    }
    if (best == null) {
      throw new PreviewException(who + ": chart " + chart + " has no version '" + version
          + "' in " + where);
    }
    return best;
  }
}
