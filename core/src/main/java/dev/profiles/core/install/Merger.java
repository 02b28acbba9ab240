package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;

/**
 * Three-way merges file sets, as an upgrade needs it: for every path, the change from {@code
 * base} to {@code theirs} is applied onto {@code ours}. Conflicting text is written with
 * standard conflict markers ({@code <<<<<<< ours}, {@code =======}, {@code >>>>>>> theirs})
 * and listed in {@link MergedFiles#conflicts()}.
 *
 * <p>{@code profiles-git} provides {@code dev.profiles.git.gitops.FileSetMerger} (JGit's merge
 * algorithm) and registers it as a {@link java.util.ServiceLoader} service, so {@link
 * Profiles} finds it on the class path without configuration; {@link
 * Profiles.Builder#merger(Merger)} sets another.
 *
 * <pre>{@code
 * MergedFiles m = merger.merge(base, ours, theirs);
 * if (!m.conflicts().isEmpty()) System.err.println("conflicts: " + m.conflicts());
 * }</pre>
 */
@FunctionalInterface
public interface Merger {
  /** The merge of {@code ours} and {@code theirs} against {@code base}; writes nothing. */
  MergedFiles merge(RenderedFiles base, RenderedFiles ours, RenderedFiles theirs)
      throws ProfilesException;
}
