package dev.profiles.core.model;

import dev.profiles.core.version.InvalidConstraintException;
import dev.profiles.core.version.VersionConstraint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * Which newer versions the update planner may propose for one installation: recorded in the
 * installation record as {@code spec.updatePolicy}, so the policy is reviewed and versioned in
 * the GitOps repository with the installation it governs.
 *
 * <ul>
 *   <li>{@code range}: a {@link VersionConstraint} the new version must satisfy ({@code ">=1.2
 *       <2"}); any version when absent.
 *   <li>{@code preReleases}: whether pre-releases are candidates (default {@code false}: only
 *       those the range names explicitly, by npm's rule).
 *   <li>{@code pinned}: never propose an update (default {@code false}).
 *   <li>{@code minimumAge}: soak time; a version is a candidate only once its tag's commit is
 *       at least this old ({@code 72h}, {@code 3d}, {@code 90m}, {@code 2w}; units s, m, h, d,
 *       w). A version whose date is unknown is not a candidate when a minimum age is set.
 * </ul>
 * Versions the catalog marks {@link CatalogEntry#withdrawn() withdrawn} are never proposed.
 *
 * <pre>{@code
 * UpdatePolicy p = UpdatePolicy.builder().range("^1.2").minimumAge("3d").build();
 * p.constraint();        // Optional[>=1.2.0 <2.0.0-0]
 * p.minimumAgeDuration(); // Optional[PT72H]
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface UpdatePolicy {
  /** The longest soak time accepted: ten years; longer is a typo, not a policy. */
  Duration MAX_MINIMUM_AGE = Duration.ofDays(3650);

  /** {@code range}: the constraint new versions must satisfy; any version when absent. */
  Optional<String> range();

  /** {@code preReleases}: whether pre-releases are candidates beyond npm's rule. */
  @Value.Default
  default boolean preReleases() {
    return false;
  }

  /** {@code pinned}: no update is ever proposed. */
  @Value.Default
  default boolean pinned() {
    return false;
  }

  /** {@code minimumAge}: the soak time as written ({@code 72h}, {@code 3d}). */
  Optional<String> minimumAge();

  /** The parsed {@link #range()}. */
  @Value.Auxiliary
  @Value.Derived
  default Optional<VersionConstraint> constraint() {
    return range().flatMap(VersionConstraint::tryParse);
  }

  /** The parsed {@link #minimumAge()}. */
  @Value.Auxiliary
  @Value.Derived
  default Optional<Duration> minimumAgeDuration() {
    return minimumAge().flatMap(UpdatePolicy::parseDuration);
  }

  /**
   * Parses a soak time: a positive whole number and one unit of {@code s m h d w}; empty when
   * it is not one or is longer than {@link #MAX_MINIMUM_AGE}.
   */
  static Optional<Duration> parseDuration(String text) {
    Matcher m = Pattern.compile("([0-9]{1,6})([smhdw])").matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
    return d.compareTo(MAX_MINIMUM_AGE) > 0 ? Optional.empty() : Optional.of(d);
  }

  @Value.Check
  default void check() {
    List<ModelViolation> out = new ArrayList<>();
    range().ifPresent(r -> {
      try {
        VersionConstraint.parse(r);
      } catch (InvalidConstraintException e) {
        out.add(new ModelViolation("range", e.getMessage()));
      }
    });
    minimumAge().ifPresent(a -> {
      if (parseDuration(a).isEmpty()) {
        out.add(new ModelViolation("minimumAge", "'" + dev.profiles.core.rules.ControlCharacters
            .visible(a) + "' is not a soak time: write a whole number and a unit of s, m, h, d"
            + " or w (72h, 3d), at most 3650d"));
      }
    });
    InvalidModelException.throwIfAny(out);
  }

  /** The policy that allows every newer release. */
  static UpdatePolicy defaults() {
    return builder().build();
  }

  /** A policy allowing versions in {@code range}. */
  static UpdatePolicy range(String range) {
    return builder().range(range).build();
  }

  /** A builder of {@link UpdatePolicy}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link UpdatePolicy}: {@code UpdatePolicy.builder()...build()}. */
  final class Builder extends ImmutableUpdatePolicy.Builder {
    Builder() {}
  }
}
