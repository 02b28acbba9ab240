package dev.profiles.core.preview;

import java.util.List;
import java.util.Optional;

/**
 * What happens to one Kubernetes object: added, removed, changed (with its {@link #fields()}
 * field changes) or unchanged. {@link #before()} and {@link #after()} are the object on each
 * side, with a Secret's values masked.
 *
 * <pre>{@code
 * for (ObjectChange c : preview.objects()) {
 *   if (c.type() == ObjectChange.Type.CHANGED) c.fields().forEach(f -> System.out.println(f.path()));
 * }
 * }</pre>
 *
 * @param id the object's identity, the same on both sides
 * @param type what happens to it
 * @param before the object before; empty when added
 * @param after the object after; empty when removed
 * @param fields the field changes; empty unless changed
 */
public record ObjectChange(ObjectId id, Type type, Optional<KubeObject> before,
    Optional<KubeObject> after, List<FieldChange> fields) {
  /** What happens to an object. */
  public enum Type {
    /** Only after: it is created. */
    ADDED,
    /** Changed in place. */
    CHANGED,
    /** Only before: it is deleted. */
    REMOVED,
    /** The same on both sides. */
    UNCHANGED
  }

  public ObjectChange {
    if (id == null || type == null || before == null || after == null || fields == null) {
      throw new dev.profiles.core.ProfilesConfigurationException(
          "an object change has an id, a type, both sides (empty when absent) and fields");
    }
    fields = List.copyOf(fields);
  }
}
