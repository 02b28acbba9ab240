package dev.profiles.core.resolve;

import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.model.ProfilesStyle;
import dev.profiles.core.yaml.DocumentWarning;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A profile read from its source: the definition, the exact commit it came from, its files,
 * and every nested profile resolved in turn (a tree keyed by the nesting artifact's name).
 *
 * <pre>{@code
 * ResolvedProfile nginx = resolver.resolve(ProfileSource.ofTag(url, "nginx/v0.1.0"));
 * nginx.commit();            // "3f2c..." (40 hex digits)
 * nginx.nested().get("base") // the nested profile behind artifact "base"
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface ResolvedProfile {
  /** The source as requested. */
  ProfileSource source();

  /** The commit the source's ref pointed at, as 40 hex digits. */
  String commit();

  /** The parsed and validated {@code profile.yaml}. */
  ProfileDefinition definition();

  /** The files of the profile directory at {@link #commit()}. */
  @Value.Auxiliary
  ProfileDirectory directory();

  /**
   * The nested profiles, keyed by the name of the {@link dev.profiles.core.model.NestedProfileArtifact} that includes
   * each; one entry for every such artifact of {@link #definition()}.
   */
  Map<String, ResolvedProfile> nested();

  /**
   * The warnings reading this profile's {@code profile.yaml} raised (older fields read as
   * today's, fields ignored), located in that file; empty for a profile in today's form. See
   * {@link #allWarnings()} for the nested profiles' too.
   */
  List<DocumentWarning> warnings();

  /**
   * The warnings of this profile and of every profile nested in it, this one's first, each
   * profile once.
   */
  default List<DocumentWarning> allWarnings() {
    List<DocumentWarning> out = new ArrayList<>();
    Set<ResolvedProfile> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<ResolvedProfile> todo = new ArrayDeque<>(List.of(this));
    while (!todo.isEmpty()) {
      ResolvedProfile p = todo.removeFirst();
      if (seen.add(p)) {
        out.addAll(p.warnings());
        p.nested().values().forEach(todo::addLast);
      }
    }
    return out;
  }

  /** The nested profile behind artifact {@code artifactName}, if that artifact is one. */
  default Optional<ResolvedProfile> nested(String artifactName) {
    return Optional.ofNullable(nested().get(artifactName));
  }

  /** A builder of {@link ResolvedProfile}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ResolvedProfile}: {@code ResolvedProfile.builder()...build()}. */
  final class Builder extends ImmutableResolvedProfile.Builder {
    Builder() {}
  }
}
