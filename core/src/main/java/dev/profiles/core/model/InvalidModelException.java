package dev.profiles.core.model;

import dev.profiles.core.ProfilesConfigurationException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by a model builder when the value it would build breaks a rule of the Profiles spec.
 *
 * <p>It is unchecked because it signals a programming error in code that builds models by hand;
 * documents read from files report the same rules as a checked
 * {@link dev.profiles.core.yaml.InvalidDocumentException} with file, line and column.
 *
 * <pre>{@code
 * KustomizeArtifact.builder().name("crds").path("../etc").build();
 * // InvalidModelException: kustomize.path: must stay inside the profile directory ...
 * }</pre>
 */
public final class InvalidModelException extends ProfilesConfigurationException {
  private static final long serialVersionUID = 1L;

  private final transient List<ModelViolation> violations;

  public InvalidModelException(List<ModelViolation> violations) {
    super(violations.stream().map(ModelViolation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  /** Every rule the value broke, in document order. */
  public List<ModelViolation> violations() {
    return violations;
  }

  /** Throws when {@code violations} is not empty; for {@code @Value.Check} methods. */
  public static void throwIfAny(List<ModelViolation> violations) {
    if (!violations.isEmpty()) {
      throw new InvalidModelException(violations);
    }
  }
}
