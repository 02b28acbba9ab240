package dev.profiles.core.update;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.GitOpsRepository;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.preview.Preview;
import dev.profiles.core.preview.PreviewFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.LoggerFactory;

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
  Description describe(List<PlannedUpdate> updates) throws ProfilesException;

  /**
   * The most characters a body may have: GitHub refuses descriptions above 65,536; the other
   * hosts allow at least as many.
   */
  int BODY_LIMIT = 65_536;

  /**
   * The {@link #plain()} title, and a body that starts with the conflicts (when there are any),
   * then the plain table, then the preview ({@link PreviewFormat#markdown(Preview, int)}) of
   * each update's change on {@code repository}: the Kubernetes objects added, changed and
   * removed, and the risks. The body stays within {@link #BODY_LIMIT}: the previews share what
   * the table leaves of {@link PreviewFormat#MARKDOWN_LIMIT}; those that do not fit are counted.
   * The preview holds no time or random part, so an unchanged plan gives an unchanged body. A
   * conflicting update is previewed at Flux level (no expanders: conflict markers are not
   * YAML); a preview that fails is logged and the body says so.
   *
   * <pre>{@code
   * UpdatePlanner.builder().describer(UpdateDescriber.withPreview(profiles, repo))...
   * }</pre>
   *
   */
  static UpdateDescriber withPreview(Profiles profiles, GitOpsRepository repository) {
    Objects.requireNonNull(profiles, "profiles");
    Objects.requireNonNull(repository, "repository");
    return updates -> {
      Description plain = plain().describe(updates);
      StringBuilder body = new StringBuilder();
      List<String> conflicts = updates.stream().flatMap(u -> u.conflicts().stream()).toList();
      if (!conflicts.isEmpty()) {
        body.append("> [!WARNING]\n> **").append(conflicts.size()).append(conflicts.size() == 1
            ? " file conflicts" : " files conflict").append("** in the three-way merge; see"
            + " *Conflicts* below and resolve them on this branch before merging.\n\n");
      }
      body.append(plain.body());
      List<PlannedUpdate> withChange = updates.stream().filter(u -> u.change().isPresent())
          .toList();
      List<Optional<Preview>> previews = new ArrayList<>();
      for (PlannedUpdate u : withChange) {
        var command = profiles.preview(repository).of(u.change().get(), u.conflicts());
        if (!u.conflicts().isEmpty()) {
          // Conflict markers are not YAML: an expander (helm, kustomize) fed the merged files
          // fails, so a conflicting update is previewed at Flux level, its conflicted files
          // left out.
          command.expanders(List.of());
        }
        try {
          previews.add(Optional.of(command.call()));
        } catch (ProfilesException e) {
          // The request is still worth opening; the message may hold a tool's timestamps, so
          // it goes to the log and the body says only that the preview failed (idempotency).
          LoggerFactory.getLogger(UpdateDescriber.class).warn("no preview for {}: {}",
              u.directory(), e.getMessage());
          previews.add(Optional.empty());
        }
      }
      int minimum = 2_000;
      int left = PreviewFormat.MARKDOWN_LIMIT - body.length();
      int shown = previews.isEmpty() ? 0
          : Math.max(0, Math.min(previews.size(), left / minimum));
      int omitted = previews.size() - shown;
      if (shown > 0) {
        int each = Math.max(minimum, (left - 200) / shown);
        for (int i = 0; i < shown; i++) {
          body.append("\n## `").append(withChange.get(i).directory()).append("`: ")
              .append(withChange.get(i).from()).append(" \u2192 ")
              .append(withChange.get(i).to().orElseThrow()).append("\n\n");
          if (!withChange.get(i).conflicts().isEmpty()) {
            body.append("_Previewed at Flux level: the conflicted files are left out._\n\n");
          }
          String md = previews.get(i).map(p -> PreviewFormat.markdown(p, Math.min(each,
              PreviewFormat.MARKDOWN_LIMIT))).orElse("_The preview could not be computed;"
              + " the update planner's log says why._\n");
          body.append(md);
          if (!md.endsWith("\n")) {
            body.append('\n');
          }
        }
      }
      if (omitted > 0) {
        body.append("\n_").append(omitted).append(omitted == 1 ? " preview was" : " previews were")
            .append(" left out to keep this description within the host's limit._\n");
      }
      String text = body.length() > BODY_LIMIT ? body.substring(0, BODY_LIMIT) : body.toString();
      return new Description(plain.title(), text);
    };
  }

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
