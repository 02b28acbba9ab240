package dev.profiles.core.model;

import dev.profiles.core.rules.ContainedPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The GitOps repository's own settings, {@code .pctl/config.yaml}: the GitRepository that syncs
 * it and the directory installs go to by default, so later installs need not repeat them.
 *
 * <pre>{@code
 * PctlConfig config = PctlConfig.builder()
 *     .gitRepository(GitRepositoryReference.of("flux-system", "flux-system"))
 *     .defaultDir("clusters/prod/profiles")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface PctlConfig {
  /** Where the file lives, relative to the GitOps repository root. */
  String PATH = ".pctl/config.yaml";

  /** {@code gitRepository}: the Flux GitRepository syncing this repository. */
  Optional<GitRepositoryReference> gitRepository();

  /** {@code defaultDir}: the directory installs write to when none is given. */
  Optional<String> defaultDir();

  @Value.Check
  default void check() {
    List<ModelViolation> out = new ArrayList<>();
    defaultDir().flatMap(ContainedPaths::problemInRepository)
        .ifPresent(p -> out.add(new ModelViolation("defaultDir", p)));
    InvalidModelException.throwIfAny(out);
  }

  /** A builder of {@link PctlConfig}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PctlConfig}: {@code PctlConfig.builder()...build()}. */
  final class Builder extends ImmutablePctlConfig.Builder {
    Builder() {}
  }
}
