package dev.profiles.git;

import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.model.ProfilesStyle;
import dev.profiles.core.rules.SafeUrls;
import dev.profiles.core.version.Version;
import dev.profiles.core.version.VersionTag;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The profile versions a repository offers, read from its tags: every tag {@code
 * <profile>/<semver>} (and bare {@code <semver>} tags of a single root profile), grouped by
 * profile and sorted by semver precedence. Tags of any other shape are ignored.
 *
 * <pre>{@code
 * RepositoryVersions v = git.listVersions("https://github.com/org/profiles").call();
 * v.profileNames();                  // [base, nginx]
 * v.versions("nginx");               // [nginx/v0.1.0, nginx/v0.2.0], lowest first
 * v.latest("nginx");                 // Optional[nginx/v0.2.0]
 * v.source("nginx", "latest");       // ProfileSource for tag nginx/v0.2.0
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public abstract class RepositoryVersions {
  /** The keyword that {@link #source} accepts for the highest version. */
  public static final String LATEST = "latest";

  /** The repository URL as given (render it with {@code SafeUrls.redact} before showing it). */
  public abstract String url();

  /** Every version tag, ordered by profile name (bare tags first), then by version. */
  @Value.NaturalOrder
  public abstract SortedSet<VersionTag> tags();

  /** The names of the profiles that have at least one {@code <name>/<semver>} tag. */
  public SortedSet<String> profileNames() {
    return tags().stream().flatMap(t -> t.profileName().stream())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The tags of profile {@code name}, lowest version first. */
  public List<VersionTag> versions(String name) {
    return tags().stream().filter(t -> t.profileName().equals(Optional.of(name)))
        .collect(Collectors.toList());
  }

  /** The bare {@code <semver>} tags of a repository holding one profile at its root. */
  public List<VersionTag> rootVersions() {
    return tags().stream().filter(t -> t.profileName().isEmpty()).collect(Collectors.toList());
  }

  /** The highest version of profile {@code name}, by semver precedence. */
  public Optional<VersionTag> latest(String name) {
    List<VersionTag> all = versions(name);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * The tag of profile {@code name} at {@code version} ({@code v0.1.0}, {@code 0.1.0} when so
   * tagged, or {@value #LATEST}).
   */
  public Optional<VersionTag> find(String name, String version) {
    if (version.equals(LATEST)) {
      return latest(name);
    }
    Optional<Version> wanted = Version.tryParse(version);
    return wanted.flatMap(w -> versions(name).stream()
        .filter(t -> t.version().equals(w) || t.version().withPrefix(w.hasPrefix()).equals(w))
        .reduce((a, b) -> a.version().equals(w) ? a : b));
  }

  /** The source that pins profile {@code name} at {@code version} (see {@link #find}). */
  public Optional<ProfileSource> source(String name, String version) {
    return find(name, version).map(t -> ProfileSource.ofTag(url(), t.toString()));
  }

  @Override
  public String toString() {
    return "RepositoryVersions{url=" + SafeUrls.redact(url()) + ", tags=" + tags() + "}";
  }

  /** A builder of {@link RepositoryVersions}; every setter returns it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RepositoryVersions}: {@code RepositoryVersions.builder()...build()}. */
  public static final class Builder extends ImmutableRepositoryVersions.Builder {
    Builder() {}
  }
}
