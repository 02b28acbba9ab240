package dev.profiles.core.model;

import dev.profiles.core.rules.ContainedPaths;
import dev.profiles.core.rules.SafeUrls;
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

  /** Whether this source pins a tag (as opposed to following a branch). */
  public boolean isTag() {
    return tag().isPresent();
  }

  /** The branch followed: the given one, or {@value #DEFAULT_BRANCH}; empty for a tag source. */
  public Optional<String> effectiveBranch() {
    return isTag() ? Optional.empty() : Optional.of(branch().orElse(DEFAULT_BRANCH));
  }

  /** The full git ref: {@code refs/tags/<tag>} or {@code refs/heads/<branch>}. */
  public String refName() {
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
