package dev.profiles.core.preview.internal;

import dev.profiles.core.preview.FieldChange;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hides a Secret's values: every value under {@code data} and {@code stringData} reads {@link
 * FieldChange#MASKED}, in objects and in field changes, so that a preview shows which keys
 * change and never what they hold.
 */
public final class Masking {
  private static final List<String> SECRET_FIELDS = List.of("data", "stringData");

  private Masking() {}

  /** Whether {@code id} is a Secret. */
  public static boolean isSecret(ObjectId id) {
    return id.kind().equals("Secret") && id.group().isEmpty();
  }

  /** {@code o} with its Secret values masked; itself when it is no Secret. */
  public static KubeObject mask(KubeObject o) {
    if (!isSecret(o.id())) {
      return o;
    }
    Map<String, Object> content = new LinkedHashMap<>(o.content());
    for (String f : SECRET_FIELDS) {
      if (content.containsKey(f)) {
        content.put(f, maskValues(content.get(f)));
      }
    }
    return KubeObject.builder().from(o).content(content).build();
  }

  /** {@code c} as a public field change of object {@code id}, masked when it is a Secret's. */
  public static FieldChange mask(ObjectId id, Diff.Change c) {
    if (!isSecret(id) || c.path().isEmpty()
        || !(c.path().get(0) instanceof Diff.Key k) || !SECRET_FIELDS.contains(k.key())) {
      return c.toFieldChange();
    }
    boolean whole = c.path().size() == 1;
    return new FieldChange(c.pathText(), c.kind(),
        c.kind() == FieldChange.Kind.ADDED ? null
            : whole ? maskValues(c.before()) : FieldChange.MASKED,
        c.kind() == FieldChange.Kind.REMOVED ? null
            : whole ? maskValues(c.after()) : FieldChange.MASKED);
  }

  private static Object maskValues(Object data) {
    if (data instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, FieldChange.MASKED));
      return out;
    }
    return FieldChange.MASKED;
  }
}
