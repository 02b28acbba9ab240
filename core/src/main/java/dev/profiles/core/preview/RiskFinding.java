package dev.profiles.core.preview;

/**
 * One risk a preview found in a change: a CRD change that breaks upgrade safety, new or wider
 * permissions, a webhook, a CRD or namespace added or removed, an image added or changed.
 *
 * <pre>{@code
 * preview.findings().stream().filter(f -> f.severity() == RiskFinding.Severity.HIGH)
 *     .forEach(f -> System.out.println(f.object() + ": " + f.message()));
 * }</pre>
 *
 * @param severity how much a reviewer should care
 * @param object the object it is about
 * @param rule the rule that found it, a stable identifier such as {@code crd.stored-version-removed}
 *     (listed in {@code docs/preview.md})
 * @param message one line saying what and why
 */
public record RiskFinding(Severity severity, ObjectId object, String rule, String message) {
  /** How much a reviewer should care; ordered from most to least. */
  public enum Severity {
    /** Can break the cluster or its workloads, or grants wide access. */
    HIGH,
    /** Changes what runs or who may do what; read it. */
    MEDIUM,
    /** Worth knowing. */
    LOW
  }

  public RiskFinding {
    if (severity == null || object == null || rule == null || message == null) {
      throw new dev.profiles.core.ProfilesConfigurationException(
          "a risk finding has a severity, an object, a rule and a message");
    }
  }
}
