package dev.profiles.core.model;

import dev.profiles.core.rules.KubernetesNames;
import java.util.ArrayList;
import java.util.List;
import org.immutables.value.Value;

/**
 * The Flux {@code GitRepository} that syncs the GitOps repository to the cluster; every
 * rendered Kustomization and local-chart HelmRelease points at it.
 *
 * <pre>{@code
 * GitRepositoryReference flux = GitRepositoryReference.of("flux-system", "flux-system");
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface GitRepositoryReference {
  /** The GitRepository's name. */
  String name();

  /** The GitRepository's namespace. */
  String namespace();

  @Value.Check
  default void check() {
    List<ModelViolation> out = new ArrayList<>();
    KubernetesNames.subdomainProblem(name()).ifPresent(p -> out.add(new ModelViolation("name", p)));
    KubernetesNames.labelProblem(namespace())
        .ifPresent(p -> out.add(new ModelViolation("namespace", p)));
    InvalidModelException.throwIfAny(out);
  }

  static GitRepositoryReference of(String namespace, String name) {
    return builder().namespace(namespace).name(name).build();
  }

  /** A builder of {@link GitRepositoryReference}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link GitRepositoryReference}: {@code GitRepositoryReference.builder()...build()}. */
  final class Builder extends ImmutableGitRepositoryReference.Builder {
    Builder() {}
  }
}
