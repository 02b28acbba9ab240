package dev.profiles.core.model;

import java.util.ArrayList;
import java.util.List;
import org.immutables.value.Value;

/**
 * Where an installation came from when it was installed from a catalog ({@code spec.catalog}
 * of a ProfileInstallation): the catalog source, the profile and the version. Only such
 * installations can be upgraded by version.
 *
 * <pre>{@code
 * CatalogReference ref = CatalogReference.of("my-catalog", "nginx", "v0.1.0");
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface CatalogReference {
  /** The catalog source's name. */
  String catalog();

  /** The profile's name in the catalog. */
  String profile();

  /** The installed version, as the catalog spells it (e.g. {@code v0.1.0}). */
  String version();

  @Value.Check
  default void check() {
    List<ModelViolation> out = new ArrayList<>();
    ArtifactRules.required(out, "catalog", catalog());
    ArtifactRules.required(out, "profile", profile());
    ArtifactRules.required(out, "version", version());
    InvalidModelException.throwIfAny(out);
  }

  static CatalogReference of(String catalog, String profile, String version) {
    return builder().catalog(catalog).profile(profile).version(version).build();
  }

  /** A builder of {@link CatalogReference}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CatalogReference}: {@code CatalogReference.builder()...build()}. */
  final class Builder extends ImmutableCatalogReference.Builder {
    Builder() {}
  }
}
