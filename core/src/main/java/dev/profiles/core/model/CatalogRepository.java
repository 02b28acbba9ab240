package dev.profiles.core.model;

import dev.profiles.core.rules.KubernetesNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A profile repository a catalog scans ({@code spec.repositories[]} of a ProfileCatalogSource):
 * every tag {@code <name>/<semver>} whose {@code <name>/profile.yaml} parses becomes an entry.
 *
 * <pre>{@code
 * CatalogRepository repo = CatalogRepository.builder()
 *     .url("https://github.com/org/profiles").secretRef("git-credentials").build();
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface CatalogRepository {
  /** The repository URL. */
  String url();

  /** The name of the Secret with credentials for a private repository. */
  Optional<String> secretRef();

  @Value.Check
  default void check() {
    List<ModelViolation> out = new ArrayList<>();
    ArtifactRules.required(out, "url", url());
    secretRef().flatMap(KubernetesNames::subdomainProblem)
        .ifPresent(p -> out.add(new ModelViolation("secretRef.name", p)));
    InvalidModelException.throwIfAny(out);
  }

  /** A builder of {@link CatalogRepository}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CatalogRepository}: {@code CatalogRepository.builder()...build()}. */
  final class Builder extends ImmutableCatalogRepository.Builder {
    Builder() {}
  }
}
