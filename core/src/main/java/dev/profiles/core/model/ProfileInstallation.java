package dev.profiles.core.model;

import dev.profiles.core.rules.KubernetesNames;
import dev.profiles.core.rules.SafeUrls;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The record of one installed profile, written as {@code profile-installation.yaml} next to
 * the installation's artifacts ({@code kind: ProfileInstallation}). Listing and upgrading read
 * it back.
 *
 * <p>The source URL is never allowed to carry credentials: the record is committed to a GitOps
 * repository.
 *
 * <pre>{@code
 * ProfileInstallation inst = ProfileInstallation.builder()
 *     .name("my-nginx").namespace("default")
 *     .source(ProfileSource.ofTag("https://github.com/org/profiles", "nginx/v0.1.0"))
 *     .gitRepository(GitRepositoryReference.of("flux-system", "flux-system"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface ProfileInstallation {
  /** The namespace used when none is given. */
  String DEFAULT_NAMESPACE = "default";

  /** {@code metadata.name}: the installation's name, prefix of every rendered object. */
  String name();

  /** {@code metadata.namespace}: where every rendered object goes. */
  @Value.Default
  default String namespace() {
    return DEFAULT_NAMESPACE;
  }

  /** {@code spec.source}: the profile's repository, ref and directory. */
  ProfileSource source();

  /** {@code spec.catalog}: set when installed from a catalog. */
  Optional<CatalogReference> catalog();

  /** {@code spec.gitRepository}: the Flux GitRepository syncing the GitOps repository. */
  Optional<GitRepositoryReference> gitRepository();

  /** {@code spec.configMap}: the user's values ConfigMap, keyed by artifact name. */
  Optional<String> configMap();

  /**
   * {@code spec.updatePolicy}: which newer versions the update planner may propose; every newer
   * release when absent. Readers before this field refuse it as unknown.
   */
  @Value.Default
  default Optional<UpdatePolicy> updatePolicy() {
    // A default, not abstract, so that the interface stays compatible with its earlier form.
    return Optional.empty();
  }

  @Value.Check
  default void check() {
    List<ModelViolation> out = new ArrayList<>();
    KubernetesNames.labelProblem(name())
        .ifPresent(p -> out.add(new ModelViolation("metadata.name", p)));
    KubernetesNames.labelProblem(namespace())
        .ifPresent(p -> out.add(new ModelViolation("metadata.namespace", p)));
    if (SafeUrls.hasSecret(source().url())) {
      out.add(
          new ModelViolation(
              "spec.source.url",
              "must not carry credentials; pass them separately (the record is committed)"));
    }
    configMap().flatMap(KubernetesNames::subdomainProblem)
        .ifPresent(p -> out.add(new ModelViolation("spec.configMap", p)));
    InvalidModelException.throwIfAny(out);
  }

  /** A builder of {@link ProfileInstallation}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ProfileInstallation}: {@code ProfileInstallation.builder()...build()}. */
  final class Builder extends ImmutableProfileInstallation.Builder {
    Builder() {}
  }
}
