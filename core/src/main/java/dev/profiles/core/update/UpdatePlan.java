package dev.profiles.core.update;

import java.util.List;

/**
 * What the planner decided for every installation of one GitOps repository, in directory order.
 *
 * <pre>{@code
 * UpdatePlan plan = planner.plan(repo);
 * plan.proposed().size(); // how many updates would be proposed
 * }</pre>
 *
 * @param entries one decision per installation
 */
public record UpdatePlan(List<PlannedUpdate> entries) {
  public UpdatePlan {
    entries = List.copyOf(entries);
  }

  /** The installations with an update proposed. */
  public List<PlannedUpdate> proposed() {
    return entries.stream().filter(PlannedUpdate::proposed).toList();
  }

  /** The installations skipped, each with its reason. */
  public List<PlannedUpdate> skipped() {
    return entries.stream().filter(e -> !e.proposed()).toList();
  }
}
