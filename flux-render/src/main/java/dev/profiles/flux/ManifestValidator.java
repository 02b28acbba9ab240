package dev.profiles.flux;

import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.yaml.DocumentProblem;
import dev.profiles.flux.internal.Crds;
import dev.profiles.flux.internal.ManifestDocuments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks Kubernetes manifests against the CRD schemas bundled with this module: the current Flux
 * APIs (source, helm, kustomize) and the Profiles {@code weave.works/v1alpha1} kinds.
 *
 * <p>It does what the API server would do with strict field validation, before anything is
 * committed: types, required fields, enums, patterns, lengths and bounds, the CRDs' CEL rules
 * (every one of them: the validator evaluates the CEL subset they use, and refuses to load a CRD
 * with a rule outside it, see {@link UnsupportedCrdRuleException}), unknown and duplicate
 * fields, and ObjectMeta names. An object whose API
 * group is a bundled CRD's but whose version is not served (such as the {@code v2beta1}
 * HelmRelease the original tools wrote) is a problem too. Objects of other groups (core
 * Kubernetes, kustomize's {@code kustomization.yaml}) are not checked.
 *
 * <p>Only {@code .yaml}, {@code .yml} and {@code .json} files are read, and files inside a Helm
 * chart (a directory with a {@code Chart.yaml} at or above them) are skipped: chart templates are
 * not manifests.
 *
 * <pre>{@code
 * List<DocumentProblem> problems = ManifestValidator.bundled().validate(renderedFiles);
 * problems.forEach(System.err::println);
 * // apps/x/kustomize-flux.yaml:9:3: spec.prune: required value
 * }</pre>
 */
public final class ManifestValidator {
  private static final ManifestValidator BUNDLED = new ManifestValidator();

  private ManifestValidator() {}

  /**
   * The validator for the bundled CRDs (each compiled when first needed, then shared).
   *
   * @throws UnsupportedCrdRuleException (from {@link #validate} and {@link #kinds}) if a bundled
   *     CRD held a rule outside the CEL subset the validator evaluates (a packaging defect the
   *     module's tests rule out): rules are never skipped
   */
  public static ManifestValidator bundled() {
    Crds.bundled();
    return BUNDLED;
  }

  /** Every {@code apiVersion kind} this validator checks, such as {@code helm.toolkit.fluxcd.io/v2 HelmRelease}. */
  public Set<String> kinds() {
    return Crds.bundled().kinds();
  }

  /** Validates every manifest of {@code files}; empty when all are valid. */
  public List<DocumentProblem> validate(RenderedFiles files) {
    return validate(files.toMap());
  }

  /**
   * Validates every manifest of {@code files} (path to content, UTF-8), in path order; empty
   * when all are valid.
   */
  public List<DocumentProblem> validate(Map<String, byte[]> files) {
    TreeMap<String, byte[]> sorted = new TreeMap<>(files);
    Set<String> chartDirs = new HashSet<>();
    for (String path : sorted.keySet()) {
      if (path.equals("Chart.yaml") || path.endsWith("/Chart.yaml")) {
        chartDirs.add(path.substring(0, path.length() - "Chart.yaml".length()));
      }
    }
    List<DocumentProblem> problems = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : sorted.entrySet()) {
      String path = e.getKey();
      if (isManifest(path) && !insideChart(path, chartDirs)) {
        problems.addAll(validate(path, new String(e.getValue(), StandardCharsets.UTF_8)));
      }
    }
    return problems;
  }

  /**
   * Validates the documents of one YAML text; {@code source} names it in problems.
   *
   * <pre>{@code
   * ManifestValidator.bundled().validate("hr.yaml", Files.readString(Path.of("hr.yaml")));
   * }</pre>
   */
  public List<DocumentProblem> validate(String source, String yaml) {
    return ManifestDocuments.validate(source, yaml);
  }

  private static boolean isManifest(String path) {
    return path.endsWith(".yaml") || path.endsWith(".yml") || path.endsWith(".json");
  }

  private static boolean insideChart(String path, Set<String> chartDirs) {
    for (String dir : chartDirs) {
      if (path.startsWith(dir)) {
        return true;
      }
    }
    return false;
  }
}
