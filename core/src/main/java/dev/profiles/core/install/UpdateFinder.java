package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.CatalogReference;
import java.util.List;

/**
 * Where listing and upgrading learn about newer versions of a catalog install: usually the
 * catalog client ({@code profiles-catalog-client}).
 *
 * <pre>{@code
 * UpdateFinder finder = ref -> catalogClient.availableUpdates(ref.catalog(), ref.profile(), ref.version());
 * }</pre>
 */
@FunctionalInterface
public interface UpdateFinder {
  /** Versions of the installed profile strictly newer than {@code installed}; may be empty. */
  List<CatalogEntry> availableUpdates(CatalogReference installed) throws ProfilesException;
}
