package dev.profiles.core.preview;

/**
 * One field that differs between the object before and after: its path, and its value on
 * each side. Values are as parsed (maps, lists, strings, numbers, booleans); {@code before}
 * is {@code null} for an {@link Kind#ADDED added} field and {@code after} for a {@link
 * Kind#REMOVED removed} one, and either may be {@code null} for a {@link Kind#CHANGED changed}
 * field that is YAML {@code null} on that side. A Secret's {@code data} and {@code stringData}
 * values read {@value #MASKED}.
 *
 * <p>Paths read like JSON pointers written with dots: {@code spec.replicas}, a list item by its
 * {@code name} when every item has one ({@code spec.template.spec.containers[name=web].image}),
 * else by index ({@code spec.rules[0].host}); a key that is not a plain word is quoted ({@code
 * metadata.labels["app.kubernetes.io/name"]}).
 *
 * <pre>{@code
 * FieldChange c = new FieldChange("spec.replicas", FieldChange.Kind.CHANGED, 1L, 2L);
 * }</pre>
 *
 * @param path where the field is
 * @param kind whether it was added, removed or changed
 * @param before its value before ({@code null} when added)
 * @param after its value after ({@code null} when removed)
 */
public record FieldChange(String path, Kind kind, Object before, Object after) {
  /** What a masked Secret value reads. */
  public static final String MASKED = "(masked)";

  /** How a field changed. */
  public enum Kind {
    /** Only after. */
    ADDED,
    /** Only before. */
    REMOVED,
    /** On both sides, different. */
    CHANGED
  }

  public FieldChange {
    if (path == null || kind == null) {
      throw new dev.profiles.core.ProfilesConfigurationException(
          "a field change has a path and a kind");
    }
  }
}
