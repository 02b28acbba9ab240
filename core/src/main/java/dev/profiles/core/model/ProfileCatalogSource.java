package dev.profiles.core.model;

import dev.profiles.core.rules.KubernetesNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A {@code ProfileCatalogSource}: a named set of approved profiles, listed by hand ({@code
 * spec.profiles}) and/or found by scanning repositories ({@code spec.repositories}).
 *
 * <pre>{@code
 * ProfileCatalogSource src = ProfileCatalogSource.builder()
 *     .name("my-catalog")
 *     .addRepository(CatalogRepository.builder().url("https://github.com/org/profiles").build())
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface ProfileCatalogSource {
  /** {@code metadata.name}: becomes every entry's {@code catalogSource}. */
  String name();

  /** {@code metadata.namespace}, when the document gives one. */
  Optional<String> namespace();

  /** {@code spec.profiles}: entries listed by hand. */
  List<CatalogEntry> profiles();

  /** {@code spec.repositories}: repositories to scan. */
  List<CatalogRepository> repositories();

  @Value.Check
  default void check() {
    List<ModelViolation> out = new ArrayList<>();
    KubernetesNames.subdomainProblem(name())
        .ifPresent(p -> out.add(new ModelViolation("metadata.name", p)));
    namespace().flatMap(KubernetesNames::labelProblem)
        .ifPresent(p -> out.add(new ModelViolation("metadata.namespace", p)));
    InvalidModelException.throwIfAny(out);
  }

  /** A builder of {@link ProfileCatalogSource}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ProfileCatalogSource}: {@code ProfileCatalogSource.builder()...build()}. */
  final class Builder extends ImmutableProfileCatalogSource.Builder {
    Builder() {}
  }
}
