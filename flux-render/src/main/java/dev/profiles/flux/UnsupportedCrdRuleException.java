package dev.profiles.flux;

import dev.profiles.core.ProfilesConfigurationException;

/**
 * A CRD holds an {@code x-kubernetes-validations} rule that the validator cannot evaluate.
 *
 * <p>The validator evaluates the subset of CEL that the bundled Flux and Profiles CRDs use. A
 * rule outside it is never skipped: loading the CRDs fails with this exception, naming the CRD,
 * the field the rule sits on and the rule, so a CRD update that brings a new kind of rule is
 * found when the CRDs are loaded (the module's tests load the bundled ones) rather than by
 * manifests that pass here and are refused by the API server.
 *
 * <pre>{@code
 * try {
 *   ManifestValidator.bundled();
 * } catch (UnsupportedCrdRuleException e) {
 *   // "CRD helmreleases.helm.toolkit.fluxcd.io v2, field spec.chart: rule
 *   //  'self.interval.matches(...)' is outside the CEL subset the validator evaluates"
 * }
 * }</pre>
 */
public final class UnsupportedCrdRuleException extends ProfilesConfigurationException {
  private static final long serialVersionUID = 1L;

  private final String crd;
  private final String fieldPath;
  private final String rule;

  /** For the validator's CRD loader; {@code crd} names the CRD and its version. */
  public UnsupportedCrdRuleException(String crd, String fieldPath, String rule) {
    super("CRD " + crd + ", field " + (fieldPath.isEmpty() ? "(root)" : fieldPath) + ": rule '"
        + rule + "' is outside the CEL subset the validator evaluates; it would be skipped, so"
        + " the CRD is refused");
    this.crd = crd;
    this.fieldPath = fieldPath;
    this.rule = rule;
  }

  /** The CRD's name and version, such as {@code helmreleases.helm.toolkit.fluxcd.io v2}. */
  public String crd() {
    return crd;
  }

  /** The schema field the rule sits on, such as {@code spec.chart}; empty for the root. */
  public String fieldPath() {
    return fieldPath;
  }

  /** The rule's CEL text. */
  public String rule() {
    return rule;
  }
}
