package dev.profiles.core.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a cycle in a "depends on" graph and names it, e.g. {@code a -> b -> a}.
 *
 * <p>Used for artifact {@code dependsOn} inside a profile and, by the renderers, across nested
 * profiles. The search visits nodes in the map's iteration order, so for an ordered map the
 * reported cycle is deterministic.
 *
 * <pre>{@code
 * DependencyCycles.find(Map.of("a", List.of("b"), "b", List.of("a"))); // [a, b, a]
 * }</pre>
 */
public final class DependencyCycles {
  private DependencyCycles() {}

  /**
   * The first cycle found, as the chain of nodes with the first repeated at the end, or empty.
   * Edges to nodes that are not keys are ignored (reporting them is a different rule).
   */
  public static <T> Optional<List<T>> find(Map<T, ? extends List<T>> edges) {
    Map<T, Integer> state = new HashMap<>(); // absent: unvisited, 1: on stack, 2: done
    for (T start : edges.keySet()) {
      if (!state.containsKey(start)) {
        List<T> stack = new ArrayList<>();
        Optional<List<T>> cycle = visit(start, edges, state, stack);
        if (cycle.isPresent()) {
          return cycle;
        }
      }
    }
    return Optional.empty();
  }

  /** Renders a chain as {@code a -> b -> a}. */
  public static String describe(List<?> chain) {
    StringBuilder sb = new StringBuilder();
    for (Object node : chain) {
      if (sb.length() > 0) {
        sb.append(" -> ");
      }
      sb.append(node);
    }
    return sb.toString();
  }

  private static <T> Optional<List<T>> visit(
      T node, Map<T, ? extends List<T>> edges, Map<T, Integer> state, List<T> stack) {
    state.put(node, 1);
    stack.add(node);
    List<T> targets = edges.get(node);
    for (T next : targets == null ? List.<T>of() : targets) {
      if (!edges.containsKey(next)) {
        continue;
      }
      Integer s = state.get(next);
      if (s == null) {
        Optional<List<T>> cycle = visit(next, edges, state, stack);
        if (cycle.isPresent()) {
          return cycle;
        }
      } else if (s == 1) {
        List<T> chain = new ArrayList<>(stack.subList(stack.indexOf(next), stack.size()));
        chain.add(next);
        return Optional.of(chain);
      }
    }
    stack.remove(stack.size() - 1);
    state.put(node, 2);
    return Optional.empty();
  }
}
