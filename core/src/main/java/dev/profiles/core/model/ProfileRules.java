package dev.profiles.core.model;

import dev.profiles.core.rules.DependencyCycles;
import dev.profiles.core.rules.KubernetesNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The whole-profile rules of the spec (name, description, at least one artifact, unique
 * artifact names, {@code dependsOn} targets that exist and form no cycle), usable on a profile
 * that is only partly readable, so a reader can report them next to other problems.
 *
 * <pre>{@code
 * ProfileRules.violations(Optional.of("nginx"), Optional.of("web"),
 *     ProfileRules.indexed(artifacts), Set.of("crds", "web"));
 * }</pre>
 */
public final class ProfileRules {
  private ProfileRules() {}

  /**
   * Every whole-profile rule broken.
   *
   * @param name {@code metadata.name}, when known
   * @param description {@code spec.description}, when known
   * @param artifacts the artifacts that could be read, keyed by their index in the document
   * @param allArtifactNames the names of every artifact in the document, including ones that
   *     could not be read, so that depending on them is not reported as a missing target
   */
  public static List<ModelViolation> violations(Optional<String> name,
      Optional<String> description, SortedMap<Integer, Artifact> artifacts,
      Set<String> allArtifactNames) {
    List<ModelViolation> out = new ArrayList<>();
    name.flatMap(KubernetesNames::labelProblem)
        .ifPresent(p -> out.add(new ModelViolation("metadata.name", p)));
    description.filter(String::isBlank)
        .ifPresent(d -> out.add(new ModelViolation("spec.description", "must not be empty")));
    if (allArtifactNames.isEmpty() && artifacts.isEmpty()) {
      out.add(new ModelViolation("spec.artifacts", "a profile needs at least one artifact"));
    }
    Map<String, Integer> firstIndex = new HashMap<>();
    Map<String, List<String>> graph = new LinkedHashMap<>();
    for (Map.Entry<Integer, Artifact> e : artifacts.entrySet()) {
      int i = e.getKey();
      Artifact a = e.getValue();
      Integer previous = firstIndex.putIfAbsent(a.name(), i);
      if (previous != null) {
        out.add(new ModelViolation("spec.artifacts[" + i + "].name",
            "duplicate artifact name '" + a.name() + "' (first used by spec.artifacts["
                + previous + "])"));
      }
      graph.putIfAbsent(a.name(), a.dependsOn());
    }
    for (Map.Entry<Integer, Artifact> e : artifacts.entrySet()) {
      int i = e.getKey();
      Artifact a = e.getValue();
      for (int j = 0; j < a.dependsOn().size(); j++) {
        String dep = a.dependsOn().get(j);
        if (!graph.containsKey(dep) && !allArtifactNames.contains(dep)) {
          out.add(new ModelViolation("spec.artifacts[" + i + "].dependsOn[" + j + "].name",
              "artifact '" + a.name() + "' depends on '" + dep
                  + "', which is not an artifact of this profile"));
        }
      }
    }
    // Self-dependencies (a -> a) are reported by the artifact itself.
    DependencyCycles.find(graph).filter(c -> c.size() > 2).ifPresent(cycle -> out.add(
        new ModelViolation("spec.artifacts[" + firstIndex.get(cycle.get(0)) + "].dependsOn",
            "dependency cycle: " + DependencyCycles.describe(cycle))));
    return out;
  }

  /** {@code artifacts} keyed by their list index. */
  public static SortedMap<Integer, Artifact> indexed(List<Artifact> artifacts) {
    SortedMap<Integer, Artifact> out = new TreeMap<>();
    for (int i = 0; i < artifacts.size(); i++) {
      out.put(i, artifacts.get(i));
    }
    return out;
  }
}
