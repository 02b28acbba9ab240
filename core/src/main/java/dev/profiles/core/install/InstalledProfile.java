package dev.profiles.core.install;

import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfilesStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * One installation found in a GitOps repository, with the newer versions its catalog offers
 * and, for an installation from a git tag, the newer version tags of its repository.
 *
 * <pre>{@code
 * for (InstalledProfile p : profiles.list(repo).withUpdates(finder).call().installations()) {
 *   System.out.println(p.directory() + " " + p.installation().source() + " " + p.availableUpdates());
 * }
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface InstalledProfile {
  /** The installation directory, relative to the repository root. */
  String directory();

  /** The installation record. */
  ProfileInstallation installation();

  /** Newer catalog versions, highest first; empty for non-catalog installs or when current. */
  List<CatalogEntry> availableUpdates();

  /**
   * For an installation from a git tag (not from the catalog), the newer release tags of its
   * profile in its repository, highest first — what {@code upgrade(...).toLatest()} chooses
   * from; empty unless listed {@link ListCommand#withTagUpdates() withTagUpdates()}, for catalog
   * and branch installs, or when current.
   */
  @Value.Default
  default List<dev.profiles.core.version.VersionTag> newerTags() {
    return List.of();
  }

  /** A builder of {@link InstalledProfile}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link InstalledProfile}: {@code InstalledProfile.builder()...build()}. */
  final class Builder extends ImmutableInstalledProfile.Builder {
    Builder() {}
  }
}
