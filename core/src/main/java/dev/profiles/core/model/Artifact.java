package dev.profiles.core.model;

import java.util.List;

/**
 * One deployable part of a profile: a remote Helm chart, a local Helm chart, a directory of
 * raw YAML or kustomize files, or another profile.
 *
 * <p>The set is closed: an artifact is exactly one of the four permitted types, so the rule
 * "an artifact sets exactly one of chart, kustomize, profile" holds by construction. On Java 17
 * switch over {@link #kind()} or use {@link #accept(Visitor)}; on Java 21+ pattern-match on the
 * sealed type directly.
 *
 * <pre>{@code
 * String what = artifact.accept(new Artifact.Visitor<>() {
 *   public String remoteChart(RemoteChartArtifact a) { return a.chartName() + "@" + a.chartVersion(); }
 *   public String localChart(LocalChartArtifact a) { return a.path(); }
 *   public String kustomize(KustomizeArtifact a) { return a.path(); }
 *   public String profile(NestedProfileArtifact a) { return a.source().url(); }
 * });
 * }</pre>
 */
public sealed interface Artifact
    permits RemoteChartArtifact, LocalChartArtifact, KustomizeArtifact, NestedProfileArtifact {

  /** The artifact's name, unique within its profile and a DNS-1123 label. */
  String name();

  /** Names of artifacts of the same profile that must be ready before this one. */
  List<String> dependsOn();

  /** Which of the four kinds this is. */
  Kind kind();

  /** Calls the visitor method for this artifact's kind. */
  <R> R accept(Visitor<R> visitor);

  /** The four kinds of artifact. */
  enum Kind {
    REMOTE_CHART,
    LOCAL_CHART,
    KUSTOMIZE,
    PROFILE
  }

  /** Exhaustive handling of the four kinds; adding a kind breaks every visitor at compile time. */
  interface Visitor<R> {
    R remoteChart(RemoteChartArtifact artifact);

    R localChart(LocalChartArtifact artifact);

    R kustomize(KustomizeArtifact artifact);

    R profile(NestedProfileArtifact artifact);
  }
}
