package dev.profiles.core.model;

import dev.profiles.core.rules.ContainedPaths;
import dev.profiles.core.rules.SafeUrls;
import dev.profiles.core.version.InvalidConstraintException;
import dev.profiles.core.version.VersionConstraint;
import dev.profiles.core.version.VersionTag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where a profile lives: a git repository URL, one of a tag or a branch (default {@code main}),
 * and a directory inside the repository.
 *
 * <p>URLs may be {@code https://}, {@code ssh://git@host/org/repo}, scp-like {@code
 * git@host:org/repo.git}, {@code file://} or a local path. {@link #toString()} never shows
 * credentials that a URL may carry.
 *
 * <pre>{@code
 * ProfileSource s = ProfileSource.ofTag("https://github.com/org/profiles", "nginx/v0.1.0");
 * s.effectivePath(); // "nginx": a tag <name>/<semver> names the profile's directory
 * s.refName();       // "refs/tags/nginx/v0.1.0"
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public abstract class ProfileSource {
  /** The branch used when neither tag nor branch is given. */
  public static final String DEFAULT_BRANCH = "main";

  /** The repository URL. */
  public abstract String url();

  /** The tag, e.g. {@code nginx/v0.1.0}; never set together with {@link #branch()}. */
  public abstract Optional<String> tag();

  /** The branch; never set together with {@link #tag()}. */
  public abstract Optional<String> branch();

  /** The profile directory inside the repository, as written; see {@link #effectivePath()}. */
  public abstract Optional<String> path();

  /**
   * A version constraint ({@code ">=1.2 <2"}, see {@link VersionConstraint}) instead of a tag or
   * branch, for nested profile sources: the newest version tag of the profile satisfying it is
   * resolved ({@code <name>/<semver>} where {@code name} is the last segment of {@link #path()},
   * or bare {@code <semver>} tags when there is no path). Never set together with tag or branch.
   * Readers older than this field refuse it as an unknown key, so a profile using it needs this
   * SDK.
   */
  @Value.Default
  public Optional<String> version() {
    // Not abstract, so that the class stays binary compatible with its earlier form.
    return Optional.empty();
  }

  /** Whether this source asks for the newest version satisfying {@link #version()}. */
  public boolean isVersionRange() {
    return version().isPresent();
  }

  /**
   * The profile name a {@link #version()} range selects tags of: the last segment of the path,
   * or empty (bare tags of a root profile) when there is no path.
   */
  public Optional<String> versionedProfileName() {
    String p = effectivePath();
    return p.equals(".") ? Optional.empty() : Optional.of(p.substring(p.lastIndexOf('/') + 1));
  }

  /**
   * This range source resolved against the repository's version {@code tags}: the newest tag
   * of {@link #versionedProfileName()} satisfying {@link #version()} (releases only, by npm's
   * pre-release rule), as a tag source; empty when none does. A source that is no range is
   * returned as it is.
   */
  public Optional<ProfileSource> resolveRange(java.util.Collection<VersionTag> tags) {
    if (!isVersionRange()) {
      return Optional.of(this);
    }
    VersionConstraint range = VersionConstraint.parse(version().orElseThrow());
    Optional<String> name = versionedProfileName();
    VersionTag best = null;
    for (VersionTag t : tags) {
      if (t.profileName().equals(name) && range.satisfiedBy(t.version())
          && (best == null || t.version().comparePrecedence(best.version()) > 0)) {
        best = t;
      }
    }
    return Optional.ofNullable(best).map(t -> withResolvedTag(t.toString()));
  }

  /** This range source resolved to {@code tag}: the tag set, the range removed. */
  public ProfileSource withResolvedTag(String tag) {
    return builder().from(this).version(Optional.empty()).tag(tag).build();
  }

  /** Whether this source pins a tag (as opposed to following a branch). */
  public boolean isTag() {
    return tag().isPresent();
  }

  /** The branch followed: the given one, or {@value #DEFAULT_BRANCH}; empty for a tag source. */
  public Optional<String> effectiveBranch() {
    return isTag() || isVersionRange() ? Optional.empty() : Optional.of(branch().orElse(DEFAULT_BRANCH));
  }

  /**
   * The full git ref: {@code refs/tags/<tag>} or {@code refs/heads/<branch>}. A {@link
   * #version()} range has none until resolved ({@link #withResolvedTag}).
   *
   * @throws IllegalStateException for an unresolved version range
   */
  public String refName() {
    if (isVersionRange()) {
      throw new IllegalStateException("a version range source is resolved to a tag first");
    }
    return tag().map(t -> "refs/tags/" + t)
        .orElseGet(() -> "refs/heads/" + effectiveBranch().orElseThrow());
  }

  /**
   * The normalised profile directory: {@link #path()} if given; otherwise, for a tag {@code
   * <name>/<semver>}, the directory {@code <name>}; otherwise the repository root {@code "."}.
   */
  public String effectivePath() {
    if (path().isPresent()) {
      return ContainedPaths.normalize(path().get());
    }
    return tag().filter(t -> t.indexOf('/') > 0).map(t -> t.substring(0, t.lastIndexOf('/')))
        .orElse(".");
  }

  /**
   * Where this source's profile is, for messages: {@code URL@REF:PATH} ({@code
   * https://github.com/org/profiles@nginx/v0.1.0:nginx}), the URL's credentials redacted.
   */
  public String location() {
    return SafeUrls.redact(url()) + "@" + tag().orElseGet(() -> effectiveBranch().orElse("?"))
        + ":" + effectivePath();
  }

  /** This source with the URL's credentials removed, safe to record in a GitOps repository. */
  public ProfileSource redacted() {
    return builder().from(this).url(SafeUrls.redact(url())).build();
  }

  @Value.Check
  protected void check() {
    List<ModelViolation> out = new ArrayList<>();
    ArtifactRules.required(out, "url", url());
    if (tag().isPresent() && branch().isPresent()) {
      out.add(new ModelViolation("tag", "set either tag or branch, not both"));
    }
    tag().ifPresent(t -> ArtifactRules.required(out, "tag", t));
    if (version().isPresent() && (tag().isPresent() || branch().isPresent())) {
      out.add(new ModelViolation("version", "a version range replaces tag and branch; set only"
          + " one of tag, branch and version"));
    }
    version().ifPresent(v -> {
      try {
        VersionConstraint.parse(v);
      } catch (InvalidConstraintException e) {
        out.add(new ModelViolation("version", e.getMessage()));
      }
    });
    branch().ifPresent(b -> ArtifactRules.required(out, "branch", b));
    path().flatMap(ContainedPaths::problem).ifPresent(p -> out.add(new ModelViolation("path", p)));
    InvalidModelException.throwIfAny(out);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ProfileSource{url=").append(SafeUrls.redact(url()));
    tag().ifPresent(t -> sb.append(", tag=").append(t));
    branch().ifPresent(b -> sb.append(", branch=").append(b));
    path().ifPresent(p -> sb.append(", path=").append(p));
    version().ifPresent(v -> sb.append(", version=").append(v));
    return sb.append('}').toString();
  }

  /** A source pinned to {@code tag}. */
  public static ProfileSource ofTag(String url, String tag) {
    return builder().url(url).tag(tag).build();
  }

  /** A source following {@code branch}, with the profile in directory {@code path}. */
  public static ProfileSource ofBranch(String url, String branch, String path) {
    return builder().url(url).branch(branch).path(path).build();
  }

  /** A builder of {@link ProfileSource}; every setter returns it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ProfileSource}: {@code ProfileSource.builder()...build()}. */
  public static final class Builder extends ImmutableProfileSource.Builder {
    Builder() {}
  }
}
