package dev.profiles.core.model;

import dev.profiles.core.version.VersionTag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One version of one profile in a catalog: what the catalog API returns, and what a
 * {@code ProfileCatalogSource} lists by hand under {@code spec.profiles}.
 *
 * <p>A scanned entry also carries its profile's {@link #artifacts()} and {@link #readme()} for
 * the catalog's web page; neither is part of the {@code /v1} JSON nor of {@code spec.profiles},
 * so an entry listed by hand or read from the API has none.
 *
 * <pre>{@code
 * CatalogEntry e = CatalogEntry.builder()
 *     .name("nginx").tag("nginx/v0.1.0").catalogSource("my-catalog")
 *     .url("https://github.com/org/profiles").description("deploys nginx")
 *     .build();
 * e.version(); // Optional[v0.1.0]
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface CatalogEntry {
  /** The profile's name. */
  String name();

  /** The git tag of this version, e.g. {@code nginx/v0.1.0}. */
  Optional<String> tag();

  /** The name of the ProfileCatalogSource this entry came from. */
  Optional<String> catalogSource();

  /** The profile repository's URL. */
  Optional<String> url();

  /** The profile's description. */
  Optional<String> description();

  /** The profile's maintainer. */
  Optional<String> maintainer();

  /** Informational prerequisites. */
  List<String> prerequisites();

  /**
   * Whether the catalog withdrew this version (a bad release): still listed, so installations
   * of it are recognised, but never proposed as an update. Absent in JSON and YAML means {@code
   * false}, so older catalogs and clients read each other as before.
   */
  @Value.Default
  default boolean withdrawn() {
    return false;
  }

  /**
   * The profile's artifacts at this tag, as its {@code profile.yaml} defines them; empty for
   * an entry listed by hand or read from the API. Entries of versions that share one {@code
   * profile.yaml} share these instances. Auxiliary, like {@link #readme()}: not part of
   * equality, so a scanned entry equals the same entry read back from the API.
   */
  @Value.Default
  @Value.Auxiliary
  default List<Artifact> artifacts() {
    return List.of();
  }

  /**
   * The profile's README at this tag ({@code README.md}, {@code readme.md} or {@code README}
   * next to {@code profile.yaml}), as Markdown source, bounded by the scanner; entries whose
   * READMEs are identical share one string. Not part of equality nor of {@code toString()}.
   */
  @Value.Default
  @Value.Auxiliary
  default Optional<String> readme() {
    return Optional.empty();
  }

  /** The version parsed from {@link #tag()}, when the tag is a valid version tag. */
  default Optional<VersionTag> versionTag() {
    return tag().flatMap(VersionTag::parse);
  }

  @Value.Check
  default void check() {
    List<ModelViolation> out = new ArrayList<>();
    ArtifactRules.required(out, "name", name());
    ArtifactRules.noControl(out, "tag", tag());
    ArtifactRules.noControl(out, "url", url());
    ArtifactRules.noControl(out, "catalogSource", catalogSource());
    InvalidModelException.throwIfAny(out);
  }

  /** A builder of {@link CatalogEntry}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CatalogEntry}: {@code CatalogEntry.builder()...build()}. */
  final class Builder extends ImmutableCatalogEntry.Builder {
    Builder() {}
  }
}
