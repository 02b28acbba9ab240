package dev.profiles.core.install;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** A file-level three-way merge for core's tests: two different edits of one file conflict. */
final class TestMerger implements Merger {
  @Override
  public MergedFiles merge(RenderedFiles base, RenderedFiles ours, RenderedFiles theirs) {
    TreeSet<String> paths = new TreeSet<>(base.paths());
    paths.addAll(ours.paths());
    paths.addAll(theirs.paths());
    RenderedFiles.Builder out = RenderedFiles.builder();
    List<String> conflicts = new ArrayList<>();
    for (String p : paths) {
      Optional<byte[]> b = base.bytes(p);
      Optional<byte[]> o = ours.bytes(p);
      Optional<byte[]> t = theirs.bytes(p);
      Optional<byte[]> r;
      if (same(o, t) || same(b, t)) {
        r = o;
      } else if (same(b, o)) {
        r = t;
      } else {
        conflicts.add(p);
        r = Optional.of(("<<<<<<< ours\n" + o.map(String::new).orElse("") + "=======\n"
            + t.map(String::new).orElse("") + ">>>>>>> theirs\n").getBytes());
      }
      r.ifPresent(bytes -> out.put(p, bytes));
    }
    return MergedFiles.builder().files(out.build()).conflicts(conflicts).build();
  }

  private static boolean same(Optional<byte[]> a, Optional<byte[]> b) {
    return a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get()));
  }
}
