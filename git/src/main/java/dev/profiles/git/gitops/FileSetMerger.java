package dev.profiles.git.gitops;

import dev.profiles.core.install.MergedFiles;
import dev.profiles.core.install.Merger;
import dev.profiles.core.install.RenderedFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

/**
 * Three-way merge of two file sets against a common base, path by path, with JGit's merge
 * algorithm for content (the one its ResolveMerger uses). Rules per path: a side that did not
 * change yields to the one that did; identical changes agree; two different edits of a text
 * file are merged line by line, conflicts written with {@code <<<<<<< ours} / {@code =======}
 * / {@code >>>>>>> theirs} markers; a deletion against an edit, or two different binary
 * edits, is a conflict that keeps the edited (or our) content.
 *
 * <p>It is the {@link Merger} service of this module: {@code Profiles} uses it when no other
 * merger is set.
 *
 * <pre>{@code
 * MergedFiles m = new FileSetMerger().merge(base, ours, theirs);
 * }</pre>
 */
public final class FileSetMerger implements Merger {
  /** A merger; stateless and thread-safe. Also found by {@link java.util.ServiceLoader}. */
  public FileSetMerger() {}

  @Override
  public MergedFiles merge(RenderedFiles base, RenderedFiles ours, RenderedFiles theirs) {
    TreeSet<String> paths = new TreeSet<>();
    paths.addAll(base.paths());
    paths.addAll(ours.paths());
    paths.addAll(theirs.paths());
    RenderedFiles.Builder out = RenderedFiles.builder();
    List<String> conflicts = new java.util.ArrayList<>();
    for (String path : paths) {
      Optional<byte[]> b = base.bytes(path);
      Optional<byte[]> o = ours.bytes(path);
      Optional<byte[]> t = theirs.bytes(path);
      Optional<byte[]> result;
      if (same(o, t) || same(b, t)) {
        result = o;
      } else if (same(b, o)) {
        result = t;
      } else if (o.isPresent() && t.isPresent()) {
        byte[] baseBytes = b.orElse(new byte[0]);
        if (RawText.isBinary(o.get()) || RawText.isBinary(t.get())
            || RawText.isBinary(baseBytes)) {
          conflicts.add(path);
          result = o;
        } else {
          MergeResult<RawText> merged = new MergeAlgorithm().merge(RawTextComparator.DEFAULT,
              new RawText(baseBytes), new RawText(o.get()), new RawText(t.get()));
          if (merged.containsConflicts()) {
            conflicts.add(path);
          }
          result = Optional.of(format(merged));
        }
      } else {
        // Deleted on one side, edited on the other: keep the edit, report the conflict.
        conflicts.add(path);
        result = o.isPresent() ? o : t;
      }
      result.ifPresent(bytes -> out.put(path, bytes));
    }
    return MergedFiles.builder().files(out.build()).conflicts(conflicts).build();
  }

  private static boolean same(Optional<byte[]> a, Optional<byte[]> b) {
    return a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get()));
  }

  private static byte[] format(MergeResult<RawText> merged) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new MergeFormatter().formatMerge(out, merged, List.of("base", "ours", "theirs"),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
