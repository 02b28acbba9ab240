package dev.profiles.core.install;

import dev.profiles.core.model.ProfilesStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * The outcome of a three-way merge of file sets: the merged files (conflicting ones with
 * standard markers) and the paths that conflict.
 *
 * <pre>{@code
 * MergedFiles m = repo.merge(base, ours, theirs);
 * if (!m.conflicts().isEmpty()) System.err.println("conflicts: " + m.conflicts());
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface MergedFiles {
  /** Every file of the result, by repository-relative path. */
  RenderedFiles files();

  /** Paths whose merge conflicted, sorted; their content carries conflict markers. */
  List<String> conflicts();

  /** A builder of {@link MergedFiles}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link MergedFiles}: {@code MergedFiles.builder()...build()}. */
  final class Builder extends ImmutableMergedFiles.Builder {
    Builder() {}
  }
}
