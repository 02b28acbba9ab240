package dev.profiles.core.preview.internal;

import dev.profiles.core.preview.FieldChange;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.NotExpanded;
import dev.profiles.core.preview.ObjectChange;
import dev.profiles.core.preview.ObjectId;
import dev.profiles.core.preview.Preview;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pairs two sides' objects by id and builds the {@link Preview}. */
public final class Comparison {
  private Comparison() {}

  /** See {@link Preview#compare}. */
  public static Preview compare(String operation, Optional<String> directory,
      List<KubeObject> before, List<KubeObject> after, List<NotExpanded> notExpanded,
      List<String> conflicts) {
    Map<ObjectId, KubeObject> b = byId(before);
    Map<ObjectId, KubeObject> a = byId(after);
    List<ObjectChange> out = new ArrayList<>(b.size() + a.size());
    for (Map.Entry<ObjectId, KubeObject> e : b.entrySet()) {
      ObjectId id = e.getKey();
      KubeObject old = e.getValue();
      KubeObject now = a.get(id);
      if (now == null) {
        out.add(new ObjectChange(id, ObjectChange.Type.REMOVED, Optional.of(Masking.mask(old)),
            Optional.empty(), List.of()));
        continue;
      }
      List<Diff.Change> diff = Diff.diff(old.content(), now.content());
      List<FieldChange> fields = diff.stream().map(c -> Masking.mask(id, c)).toList();
      out.add(new ObjectChange(id, fields.isEmpty() ? ObjectChange.Type.UNCHANGED
          : ObjectChange.Type.CHANGED, Optional.of(Masking.mask(old)),
          Optional.of(Masking.mask(now)), fields));
    }
    for (Map.Entry<ObjectId, KubeObject> e : a.entrySet()) {
      if (!b.containsKey(e.getKey())) {
        out.add(new ObjectChange(e.getKey(), ObjectChange.Type.ADDED, Optional.empty(),
            Optional.of(Masking.mask(e.getValue())), List.of()));
      }
    }
    // Risks read unmasked objects' structure only, never Secret values.
    return new Preview(operation, directory, out, Risks.findings(out), notExpanded, conflicts);
  }

  private static Map<ObjectId, KubeObject> byId(List<KubeObject> objects) {
    Map<ObjectId, KubeObject> out = new LinkedHashMap<>();
    for (KubeObject o : objects) {
      out.putIfAbsent(o.id(), o);
    }
    return out;
  }
}
