package dev.profiles.core.update;

import java.util.List;

/**
 * Writes the title and Markdown description of the pull request proposing {@code updates}
 * (one, or several when grouped on one branch). The {@link #plain() default} lists versions and
 * conflicts; a describer can add a preview of the rendered change instead.
 *
 * <pre>{@code
 * UpdateDescriber withPreview = updates -> new UpdateDescriber.Description(
 *     UpdateDescriber.plain().describe(updates).title(), myPreviewMarkdown(updates));
 * }</pre>
 */
@FunctionalInterface
public interface UpdateDescriber {
  /** A request's title and body (Markdown). */
  record Description(String title, String body) {}

  /**
   * The description of {@code updates}; it must depend on nothing but them, so that an
   * unchanged plan gives an unchanged request (the planner's idempotency relies on it).
   */
  Description describe(List<PlannedUpdate> updates);

  /**
   * Plain Markdown: a title naming the installation and version (or the number of updates), and
   * a body with a table of installations, versions, and the conflicting files.
   */
  static UpdateDescriber plain() {
    return updates -> {
      String title = updates.size() == 1
          ? "Update " + updates.get(0).namespace() + "/" + updates.get(0).name() + " to "
              + updates.get(0).to().orElseThrow()
          : "Update " + updates.size() + " profile installations";
      StringBuilder body = new StringBuilder("Proposed by the profiles update planner.\n\n"
          + "| installation | from | to |\n|---|---|---|\n");
      for (PlannedUpdate u : updates) {
        body.append("| `").append(u.directory()).append("` | ").append(u.from()).append(" | ")
            .append(u.to().orElseThrow()).append(" |\n");
      }
      List<String> conflicts = updates.stream().flatMap(u -> u.conflicts().stream()).toList();
      if (!conflicts.isEmpty()) {
        body.append("\n**Conflicts.** The three-way merge conflicted in these files; they are"
            + " committed with conflict markers, resolve them on this branch before merging:\n\n");
        conflicts.forEach(c -> body.append("- `").append(c).append("`\n"));
      }
      return new Description(title, body.toString());
    };
  }
}
