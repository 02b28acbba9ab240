package dev.profiles.core.install;

import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfilesStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * One installation found in a GitOps repository, with the newer versions its catalog offers.
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

  /** A builder of {@link InstalledProfile}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link InstalledProfile}: {@code InstalledProfile.builder()...build()}. */
  final class Builder extends ImmutableInstalledProfile.Builder {
    Builder() {}
  }
}
