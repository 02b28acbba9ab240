package dev.profiles.core.install;

import dev.profiles.core.model.ProfilesStyle;
import dev.profiles.core.yaml.DocumentProblem;
import java.util.List;
import org.immutables.value.Value;

/**
 * What listing found: every readable installation, and the problems of records that could not
 * be read (one broken record never hides the others).
 *
 * <pre>{@code
 * ListResult r = profiles.list(repo).call();
 * r.installations().size();
 * r.problems().forEach(System.err::println);
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface ListResult {
  /** Installations, sorted by directory. */
  List<InstalledProfile> installations();

  /** Problems of unreadable records (and of update lookups that failed). */
  List<DocumentProblem> problems();

  /** A builder of {@link ListResult}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ListResult}: {@code ListResult.builder()...build()}. */
  final class Builder extends ImmutableListResult.Builder {
    Builder() {}
  }
}
