package dev.profiles.flux.internal;

import dev.profiles.core.install.RenderProblem;
import dev.profiles.core.model.Artifact;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.rules.DependencyCycles;
import dev.profiles.core.rules.KubernetesNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The profile tree flattened to its deployable artifacts ("leaves": charts and kustomize dirs),
 * each with its object name and the leaves it waits for.
 *
 * <p>Naming (spec §4): a leaf is named {@code NAME-<artifact>}, as the original did, also inside
 * nested profiles. When several leaves would get one name, every <em>nested</em> one among them
 * is named by its whole path instead, {@code NAME-<nesting artifact>-...-<artifact>}; a
 * top-level artifact always keeps {@code NAME-<artifact>}. If names still collide (artifact
 * {@code a-b} next to nested {@code a/b}) or a name is not a DNS-1123 label of at most 63
 * characters, rendering fails with a problem naming the artifacts: we never pick a name the user
 * cannot predict.
 *
 * <p>Dependencies: {@code dependsOn} names siblings in the same profile. Naming a nested-profile
 * artifact means every leaf below it; a nested-profile artifact's own {@code dependsOn} applies to
 * every leaf below it.
 */
public final class ArtifactTree {
  /** A chart or kustomize artifact at {@code path} (artifact names from the root). */
  public record Leaf(
      List<String> path, Artifact artifact, ResolvedProfile owner, List<List<String>> waitsFor) {
    /** {@code base/nginx}. */
    public String display() {
      return String.join("/", path);
    }
  }

  private final String installation;
  private final List<Leaf> leaves = new ArrayList<>();
  private final Map<List<String>, String> names = new LinkedHashMap<>();
  private final List<RenderProblem> problems;

  private ArtifactTree(String installation, List<RenderProblem> problems) {
    this.installation = installation;
    this.problems = problems;
  }

  /** Flattens {@code root}, adding every naming and dependency problem to {@code problems}. */
  public static ArtifactTree of(
      String installation, ResolvedProfile root, List<RenderProblem> problems) {
    ArtifactTree tree = new ArtifactTree(installation, problems);
    tree.walk(root, List.of(), List.of());
    tree.assignNames();
    tree.checkCycles();
    return tree;
  }

  /** The leaves in profile order (depth first, document order). */
  public List<Leaf> leaves() {
    return leaves;
  }

  /** Whether {@code leaf} got a name; a leaf whose name collided gets none (and a problem). */
  public boolean named(Leaf leaf) {
    return names.containsKey(leaf.path());
  }

  /**
   * The object name of {@code leaf}: {@code NAME-<artifact>} or its disambiguated form; only for
   * {@link #named} leaves.
   */
  public String name(Leaf leaf) {
    return names.get(leaf.path());
  }

  /**
   * The part of the name after {@code NAME-}: the artifact's name unless disambiguated. Used as
   * the Helm release name and the key of the user's values ConfigMap, so those never collide
   * either.
   */
  public String key(Leaf leaf) {
    return name(leaf).substring(installation.length() + 1);
  }

  /** The object names of the leaves {@code leaf} waits for, in dependency order. */
  public List<String> dependencies(Leaf leaf) {
    List<String> out = new ArrayList<>();
    for (List<String> dep : leaf.waitsFor()) {
      Optional.ofNullable(names.get(dep)).ifPresent(out::add);
    }
    return out;
  }

  private void walk(ResolvedProfile profile, List<String> prefix, List<List<String>> inherited) {
    for (Artifact artifact : profile.definition().artifacts()) {
      List<String> path = append(prefix, artifact.name());
      Set<List<String>> waits = new LinkedHashSet<>(inherited);
      for (String dep : artifact.dependsOn()) {
        Optional<Artifact> target = profile.definition().artifact(dep);
        if (target.isEmpty()) {
          problem(path, "dependsOn names '" + dep + "', which is not an artifact of its profile");
        } else {
          collectLeaves(profile, prefix, target.get(), waits);
        }
      }
      if (artifact.kind() == Artifact.Kind.PROFILE) {
        Optional<ResolvedProfile> nested = profile.nested(artifact.name());
        if (nested.isEmpty()) {
          problem(path, "the nested profile was not resolved");
        } else {
          walk(nested.get(), path, List.copyOf(waits));
        }
      } else {
        leaves.add(new Leaf(path, artifact, profile, List.copyOf(waits)));
      }
    }
  }

  /** Adds the path of {@code artifact}, or of every leaf below it for a nested profile. */
  private void collectLeaves(
      ResolvedProfile profile, List<String> prefix, Artifact artifact, Set<List<String>> out) {
    List<String> path = append(prefix, artifact.name());
    if (artifact.kind() != Artifact.Kind.PROFILE) {
      out.add(path);
      return;
    }
    Optional<ResolvedProfile> nested = profile.nested(artifact.name());
    if (nested.isPresent()) {
      for (Artifact inner : nested.get().definition().artifacts()) {
        collectLeaves(nested.get(), path, inner, out);
      }
    }
  }

  private void assignNames() {
    Map<String, Integer> shortNameCount = new LinkedHashMap<>();
    for (Leaf leaf : leaves) {
      shortNameCount.merge(shortName(leaf), 1, Integer::sum);
    }
    Map<String, Leaf> taken = new LinkedHashMap<>();
    for (Leaf leaf : leaves) {
      String name = shortNameCount.get(shortName(leaf)) > 1 && leaf.path().size() > 1
          ? installation + "-" + String.join("-", leaf.path())
          : shortName(leaf);
      Leaf previous = taken.putIfAbsent(name, leaf);
      if (previous != null) {
        problem(leaf.path(), "its object name '" + name + "' is already used by artifact "
            + previous.display() + "; rename one of the two artifacts");
        continue;
      }
      KubernetesNames.labelProblem(name).ifPresent(p -> problem(leaf.path(),
          "object name " + p + " (installation name + artifact path); shorten the installation"
              + " or artifact name"));
      names.put(leaf.path(), name);
    }
  }

  private String shortName(Leaf leaf) {
    return installation + "-" + leaf.artifact().name();
  }

  private void checkCycles() {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    for (Leaf leaf : leaves) {
      List<String> deps = new ArrayList<>();
      leaf.waitsFor().forEach(d -> deps.add(String.join("/", d)));
      graph.put(leaf.display(), deps);
    }
    DependencyCycles.find(graph).ifPresent(cycle -> problems.add(new RenderProblem(
        cycle.get(0), "dependsOn cycle across profiles: " + DependencyCycles.describe(cycle))));
  }

  private void problem(List<String> path, String message) {
    problems.add(new RenderProblem(String.join("/", path), message));
  }

  private static List<String> append(List<String> prefix, String name) {
    List<String> out = new ArrayList<>(prefix.size() + 1);
    out.addAll(prefix);
    out.add(name);
    return List.copyOf(out);
  }
}
