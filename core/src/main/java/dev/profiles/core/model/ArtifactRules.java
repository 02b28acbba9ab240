package dev.profiles.core.model;

import dev.profiles.core.rules.ContainedPaths;
import dev.profiles.core.rules.ControlCharacters;
import dev.profiles.core.rules.KubernetesNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks shared by every artifact kind. */
final class ArtifactRules {
  private ArtifactRules() {}

  static List<ModelViolation> common(Artifact artifact) {
    List<ModelViolation> out = new ArrayList<>();
    KubernetesNames.labelProblem(artifact.name())
        .ifPresent(p -> out.add(new ModelViolation("name", p)));
    for (int i = 0; i < artifact.dependsOn().size(); i++) {
      String dep = artifact.dependsOn().get(i);
      Optional<String> control = ControlCharacters.problem(dep);
      if (control.isPresent()) {
        out.add(new ModelViolation("dependsOn[" + i + "].name", control.get()));
      } else if (dep.isBlank()) {
        out.add(new ModelViolation("dependsOn[" + i + "].name", "must not be empty"));
      } else if (dep.equals(artifact.name())) {
        out.add(
            new ModelViolation(
                "dependsOn[" + i + "].name",
                "artifact '" + dep + "' cannot depend on itself (cycle: " + dep + " -> " + dep
                    + ")"));
      }
    }
    return out;
  }

  static void path(List<ModelViolation> out, String field, String path) {
    ContainedPaths.problem(path).ifPresent(p -> out.add(new ModelViolation(field, p)));
  }

  static void required(List<ModelViolation> out, String field, String value) {
    if (value.isBlank()) {
      out.add(new ModelViolation(field, "must not be empty"));
    } else {
      noControl(out, field, value);
    }
  }

  /** A value that ends up in a name, a path, a URL or a record: no control characters. */
  static void noControl(List<ModelViolation> out, String field, String value) {
    ControlCharacters.problem(value).ifPresent(p -> out.add(new ModelViolation(field, p)));
  }

  static void noControl(List<ModelViolation> out, String field, Optional<String> value) {
    value.ifPresent(v -> noControl(out, field, v));
  }
}
