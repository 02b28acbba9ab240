package dev.profiles.core.yaml.internal;

import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.rules.ControlCharacters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields that {@code weave.works/v1alpha1} had in earlier releases of the original
 * (weaveworks/profiles, March to December 2021), and what each means today.
 *
 * <p>Profiles tagged then still exist and must install, so strict reading accepts every field
 * those types ever had on the original's main branch. A field that still means something (an
 * older spelling, an older shape) is read as its current equivalent and warned about; a field
 * that means nothing today is ignored with a warning; fields the API server sets ({@code uid},
 * {@code status}, ...) are ignored silently. Fields that never existed are still errors.
 * Warnings are located like problems, at the field's key.
 *
 * <p>The history, by the original's commits: artifacts had only {@code name} and {@code path}
 * (a Helm chart) until c01eee8 (2021-03-31) added {@code kind} ({@code HelmChart}, {@code
 * Kustomize}; briefly {@code HelmChartLocal} and {@code HelmChartRemote}; {@code Profile} from
 * d4fcf61). Remote charts were {@code helm_url}, {@code helm_chart} and {@code
 * helm_chart_version}, first on the artifact (cd4bdb6), then under {@code chart} (1af4565),
 * renamed {@code url}, {@code name}, {@code version} in 8be803e. Nested profiles were {@code
 * profile.url}, {@code branch}, {@code path}, {@code version} until 11a47e8 (v0.0.7) moved
 * everything to today's {@code chart.path}, {@code kustomize.path} and {@code profile.source}.
 * {@code spec.name} existed from v0.0.7 to v0.0.11; {@code spec.version} was never a field but
 * every profile of that time wrote it. Profile files said {@code apiVersion:
 * profiles.fluxcd.io/v1alpha1} (and once {@code packages.weave.works/v1alpha1}), {@code kind:
 * Profile}. ProfileInstallation was ProfileSubscription until v0.0.7, with {@code profileURL},
 * {@code branch}, {@code path}, {@code version} (renamed {@code tag} in v0.0.6), {@code
 * profile_catalog_description}, {@code values} (until v0.0.8) and {@code valuesFrom} (until
 * v0.0.10). Catalog entries had {@code version} (until v0.0.7) and {@code catalog} (renamed
 * {@code catalogSource} in v0.0.11).
 */
final class History {
  private History() {}

  static final String CURRENT_API_VERSION = "weave.works/v1alpha1";

  /** apiVersions a profile.yaml was written with, and the warning each deserves. */
  static final Map<String, Optional<String>> PROFILE_API_VERSIONS = Map.of(
      CURRENT_API_VERSION, Optional.empty(),
      "profiles.fluxcd.io/v1alpha1", Optional.of("deprecated: 'profiles.fluxcd.io/v1alpha1' is"
          + " the API group before the rename to weave.works; write weave.works/v1alpha1"),
      "packages.weave.works/v1alpha1", Optional.of("deprecated: 'packages.weave.works/v1alpha1'"
          + " was used briefly; write weave.works/v1alpha1"));

  /** The custom resources were only ever served as weave.works/v1alpha1. */
  static final Map<String, Optional<String>> RESOURCE_API_VERSIONS =
      Map.of(CURRENT_API_VERSION, Optional.empty());

  /** Remote chart coordinates at the artifact's top level, the oldest form. */
  static final List<String> HELM_FIELDS = List.of("helm_url", "helm_chart",
      "helm_chart_version");

  /** Where the model's remote-chart fields are in the oldest, artifact-level form. */
  static final Map<String, String> HELM_RENAMES = Map.of("chart.url", "helm_url",
      "chart.name", "helm_chart", "chart.version", "helm_chart_version");

  /** ObjectMeta fields a user may write; none is kept. */
  private static final List<String> META_IGNORED = List.of("labels", "annotations",
      "generateName", "ownerReferences", "finalizers");

  /** ObjectMeta fields the API server writes: present when a resource is read back. */
  private static final List<String> META_SERVER = List.of("creationTimestamp", "uid",
      "resourceVersion", "generation", "deletionTimestamp", "deletionGracePeriodSeconds",
      "managedFields", "selfLink", "clusterName");

  private static final String ARTIFACT_KIND = "deprecated: 'kind' is the older form (before"
      + " v0.0.7); an artifact's kind is now given by which of chart, kustomize or profile it"
      + " sets";

  /** Checks {@code apiVersion} against {@code accepted}, warning about older ones. */
  static void apiVersion(NodeReader.Fields doc, Map<String, Optional<String>> accepted) {
    doc.requiredString("apiVersion").ifPresent(v -> {
      if (accepted.containsKey(v)) {
        accepted.get(v).ifPresent(w -> doc.warn("apiVersion", w));
      } else {
        doc.problem("apiVersion", "expected '" + CURRENT_API_VERSION + "', found '"
            + ControlCharacters.visible(v) + "'");
      }
    });
  }

  /**
   * Checks {@code kind}: {@code current} kinds are accepted, {@code older} ones (older name
   * to today's) with a warning.
   */
  static void kind(NodeReader.Fields doc, Set<String> current, Map<String, String> older) {
    doc.requiredString("kind").ifPresent(k -> {
      if (older.containsKey(k)) {
        doc.warn("kind", "deprecated: kind '" + k + "' is the older name of " + older.get(k)
            + "; read as " + older.get(k));
      } else if (!current.contains(k)) {
        doc.problem("kind", "expected " + String.join(" or ",
            new TreeSet<>(current).stream().map(a -> "'" + a + "'").toList()) + ", found '"
            + ControlCharacters.visible(k) + "'");
      }
    });
  }

  /**
   * The {@code metadata} mapping, accepting every ObjectMeta field: {@code name}, {@code
   * namespace} when {@code namespaced} (else ignored with a warning), the user-written ones
   * ignored with a warning, the server-written ones ignored silently.
   */
  static Optional<NodeReader.Fields> metadata(NodeReader.Fields doc, boolean namespaced) {
    List<String> keys = new ArrayList<>(List.of("name",
        (namespaced ? "" : NodeReader.HISTORICAL) + "namespace"));
    META_IGNORED.forEach(k -> keys.add(NodeReader.HISTORICAL + k));
    META_SERVER.forEach(k -> keys.add(NodeReader.HISTORICAL + k));
    return doc.requiredMapping("metadata", keys.toArray(String[]::new)).map(m -> {
      if (!namespaced) {
        m.warn("namespace", "ignored: a profile has no namespace; each installation chooses"
            + " its own");
      }
      META_IGNORED.forEach(k -> m.warn(k, "ignored: metadata." + k + " is not kept"));
      return m;
    });
  }

  /** {@code spec.name} of v0.0.7 to v0.0.11: redundant when it equals metadata.name. */
  static void specName(NodeReader.Fields spec, Optional<String> metadataName) {
    spec.string("name").ifPresent(n -> {
      if (metadataName.isPresent() && !metadataName.get().equals(n)) {
        spec.problem("name", "spec.name '" + ControlCharacters.visible(n) + "' differs from"
            + " metadata.name '" + ControlCharacters.visible(metadataName.get()) + "'; a"
            + " profile's name is metadata.name (spec.name existed only in v0.0.7 to v0.0.11):"
            + " remove spec.name");
      } else {
        spec.warn("name", "deprecated and ignored: spec.name repeats metadata.name, which is"
            + " the profile's name");
      }
    });
  }

  /**
   * The artifact's older {@code kind}, checked against what the artifact sets ({@code
   * shape}); empty, with a problem, when it does not fit, and empty when there is none.
   */
  static Optional<String> artifactKind(NodeReader.Fields a, String shape) {
    if (!a.has("kind")) {
      return Optional.empty();
    }
    return a.string("kind").filter(k -> {
      boolean helm = HELM_FIELDS.contains(shape);
      boolean localChart = shape.equals("chart") && a.node("chart")
          .flatMap(c -> NodeReader.peekString(c, "path")).isPresent();
      Boolean fits = switch (k) {
        case "Kustomize" -> shape.equals("kustomize") || shape.equals("path");
        case "HelmChart" -> shape.equals("chart") || shape.equals("path") || helm;
        case "HelmChartLocal" -> shape.equals("path") || localChart;
        case "HelmChartRemote" -> helm || shape.equals("chart") && !localChart;
        case "Profile" -> shape.equals("profile");
        default -> null;
      };
      if (fits == null) {
        a.problem("kind", "unknown artifact kind '" + ControlCharacters.visible(k) + "'; the"
            + " older form knew HelmChart, HelmChartLocal, HelmChartRemote, Kustomize and"
            + " Profile, and today an artifact's kind is given by which of chart, kustomize or"
            + " profile it sets");
        return false;
      }
      if (!fits) {
        a.problem("kind", "kind '" + k + "' does not match what the artifact sets ("
            + (localChart ? "chart.path" : shape) + ")");
        return false;
      }
      a.warn("kind", ARTIFACT_KIND);
      return true;
    });
  }

  /** Warns once when a chart uses the helm_* spelling of url, name and version. */
  static void chartSpellings(NodeReader.Fields chart) {
    HELM_FIELDS.stream().filter(chart::written).findFirst().ifPresent(k -> chart.warn(k,
        "deprecated: helm_url, helm_chart and helm_chart_version are the older spelling of"
            + " chart.url, chart.name and chart.version; read as such"));
  }

  /** Where the model's chart fields are in {@code chart}, which may use older spellings. */
  static Map<String, String> chartRenames(NodeReader.Fields chart) {
    Map<String, String> renames = new java.util.HashMap<>();
    HELM_RENAMES.forEach((model, old) -> {
      if (chart.has(old)) {
        renames.put(model, "chart." + old);
      }
    });
    return renames;
  }

  /** Field {@code current} of a chart, or its older spelling {@code old}; one is required. */
  static Optional<String> spelled(NodeReader.Fields chart, String current, String old) {
    if (chart.has(old)) {
      if (chart.has(current)) {
        chart.problem(old, "chart." + old + " is the older spelling of chart." + current
            + "; set only chart." + current);
        return Optional.empty();
      }
      return chart.string(old);
    }
    return chart.requiredString(current);
  }

  /**
   * A nested profile's source: today's {@code profile.source}, or the older {@code
   * profile.url}, {@code branch}, {@code path} and {@code version} (a tag), never both.
   */
  static Optional<ProfileSource> nestedSource(NodeReader r, NodeReader.Fields p) {
    List<String> old = new ArrayList<>();
    for (String k : List.of("url", "branch", "path", "version")) {
      if (p.has(k)) {
        old.add(k);
      }
    }
    if (p.has("source") || old.isEmpty()) {
      for (String k : old) {
        p.problem(k, "profile." + k + " is the older form of profile.source."
            + (k.equals("version") ? "tag" : k) + "; set only profile.source");
      }
      // version: a range of tags, only here (a nested profile's source), not in records.
      return p.requiredMapping("source", "url", "tag", "branch", "path", "version")
          .filter(s -> old.isEmpty())
          .flatMap(s -> Documents.readSource(r, s));
    }
    p.warn(old.get(0), "deprecated: profile.url, branch, path and version are the older form"
        + " (before v0.0.7) of profile.source.url, branch, path and tag; read as such");
    Optional<String> url = p.requiredString("url");
    Optional<String> tag = p.string("version");
    Optional<String> branch = p.string("branch");
    Optional<String> path = p.string("path");
    if (url.isEmpty()) {
      return Optional.empty();
    }
    return r.build(p.path(), () -> ProfileSource.builder().url(url.get()).tag(tag)
        .branch(branch).path(path).build(), Map.of("tag", "version"));
  }
}
