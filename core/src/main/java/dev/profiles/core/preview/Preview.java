package dev.profiles.core.preview;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.preview.internal.Comparison;
import java.util.List;
import java.util.Optional;

/**
 * What a change to the GitOps repository will do to the cluster: every Kubernetes object
 * before and after (Flux objects expanded into what they deploy), added, changed, removed or
 * unchanged with field-level changes, a risk report, and the Flux objects that could not be
 * expanded here. Computed without writing anything; {@link PreviewFormat} writes it as text,
 * Markdown or JSON.
 *
 * <pre>{@code
 * Preview p = profiles.preview(repo)
 *     .of(profiles.upgrade(repo).installation("my-nginx").toVersion("v0.2.0"))
 *     .call();
 * if (p.hasChanges()) System.out.print(PreviewFormat.markdown(p));
 * }</pre>
 *
 * @param operation what the change is, as its commit message says ({@code Upgrade my-nginx to
 *     nginx/v0.2.0})
 * @param directory the installation directory the change is about, if any
 * @param objects every object of either side: in the before side's order (files by path,
 *     documents in file order, each expansion after its Flux object), then those only after has
 * @param findings the risk report, most severe first
 * @param notExpanded the Flux objects that could not be expanded, and why
 * @param conflicts files an upgrade could not merge cleanly: their objects are left out of
 *     both sides (resolve the conflicts, then preview again)
 */
public record Preview(String operation, Optional<String> directory, List<ObjectChange> objects,
    List<RiskFinding> findings, List<NotExpanded> notExpanded, List<String> conflicts) {
  public Preview {
    if (operation == null || directory == null || objects == null || findings == null
        || notExpanded == null || conflicts == null) {
      throw new ProfilesConfigurationException("a preview has an operation, a directory (empty"
          + " when none), objects, findings, not-expanded objects and conflicts");
    }
    objects = List.copyOf(objects);
    findings = List.copyOf(findings);
    notExpanded = List.copyOf(notExpanded);
    conflicts = List.copyOf(conflicts);
  }

  /**
   * Compares two sides: pairs the objects by {@link ObjectId}, diffs each pair field by field,
   * masks Secret values and runs the risk rules. Of two objects with one id on a side, the
   * first counts.
   */
  public static Preview compare(String operation, Optional<String> directory,
      List<KubeObject> before, List<KubeObject> after, List<NotExpanded> notExpanded) {
    return Comparison.compare(operation, directory, before, after, notExpanded, List.of());
  }

  /** Whether anything is added, changed or removed. */
  public boolean hasChanges() {
    return objects.stream().anyMatch(o -> o.type() != ObjectChange.Type.UNCHANGED);
  }

  /** The objects of one {@code type}, in order. */
  public List<ObjectChange> objects(ObjectChange.Type type) {
    return objects.stream().filter(o -> o.type() == type).toList();
  }
}
