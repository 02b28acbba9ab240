package dev.profiles.flux.internal;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.RenderException;
import dev.profiles.core.install.RenderProblem;
import dev.profiles.core.install.RenderRequest;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.KustomizeArtifact;
import dev.profiles.core.model.LocalChartArtifact;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.RemoteChartArtifact;
import dev.profiles.core.resolve.ProfileDirectory;
import dev.profiles.core.rules.ContainedPaths;
import dev.profiles.flux.internal.ArtifactTree.Leaf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders one installation: spec §4 layout, objects and names. See {@code docs/flux-render.md}. */
public final class InstallationRenderer {
  /** Reconcile interval of every Flux object we emit. */
  static final String INTERVAL = "5m";

  /** Key of the default-values ConfigMap. */
  static final String DEFAULT_VALUES_KEY = "default-values.yaml";

  private static final String HELM_DIR = "helm-chart";
  private static final GitRepositoryReference MISSING_GIT_REPOSITORY =
      GitRepositoryReference.of("missing", "missing");

  private final RenderRequest request;
  private final ProfileInstallation installation;
  private final String namespace;
  private final GitRepositoryReference gitRepository;
  /** The installation directory, repository-relative: what Flux paths name. */
  private final String repoDir;
  private final List<RenderProblem> problems = new ArrayList<>();
  /** Local chart directories without Chart.yaml: refused after the manifests are validated. */
  private final List<RenderProblem> notCharts = new ArrayList<>();
  private final RenderedFiles.Builder files = RenderedFiles.builder();
  private final List<Runnable> copies = new ArrayList<>();
  private final java.util.Set<String> generated = new java.util.TreeSet<>();

  private InstallationRenderer(RenderRequest request) {
    this.request = request;
    this.installation = request.installation();
    this.namespace = installation.namespace();
    if (installation.gitRepository().isEmpty()) {
      problems.add(new RenderProblem("", "installation '" + installation.name() + "' names no"
          + " GitRepository (spec.gitRepository): the Flux objects need the GitRepository that"
          + " syncs the GitOps repository"));
    }
    this.gitRepository = installation.gitRepository().orElse(MISSING_GIT_REPOSITORY);
    this.repoDir = request.installationDirectory();
  }

  /**
   * A render and which of its files are generated (manifests and kustomization wrappers), as
   * opposed to copied from the profile or the installation record.
   */
  public record Output(RenderedFiles files, java.util.Set<String> generated,
      List<RenderProblem> notCharts) {}

  /**
   * Renders {@code request}, telling generated files from copied ones, and which local chart
   * directories hold no {@code Chart.yaml} ({@link Output#notCharts()}): not refused here, so
   * that what their files are (the oldest profiles' {@code path:} copied Flux objects) is
   * judged first by the manifest validator, with its located problems.
   */
  public static Output renderWithOrigins(RenderRequest request) throws ProfilesException {
    InstallationRenderer renderer = new InstallationRenderer(request);
    RenderedFiles files = renderer.run();
    return new Output(files, java.util.Set.copyOf(renderer.generated),
        List.copyOf(renderer.notCharts));
  }

  private RenderedFiles run() throws RenderException {
    ArtifactTree tree = ArtifactTree.of(installation.name(), request.profile(), problems);
    for (Leaf leaf : tree.leaves()) {
      if (tree.named(leaf)) {
        renderLeaf(tree, leaf);
      }
    }
    // Copies go last so that a copied file can never silently replace a generated one.
    copies.forEach(Runnable::run);
    if (!problems.isEmpty()) {
      throw new RenderException(problems);
    }
    // The record is the installation's, written by core: a renderer writes manifests only.
    return files.build();
  }

  private void renderLeaf(ArtifactTree tree, Leaf leaf) {
    String name = tree.name(leaf);
    // Files are placed relative to the installation; manifests name repository paths.
    String dir = "artifacts/" + String.join("/", leaf.path());
    Artifact artifact = leaf.artifact();
    String applied;
    Optional<Flux.HealthCheck> health = Optional.empty();
    switch (artifact.kind()) {
      case REMOTE_CHART:
      case LOCAL_CHART:
        applied = dir + "/" + HELM_DIR;
        renderChart(tree, leaf, applied);
        health = Optional.of(new Flux.HealthCheck(Flux.HELM_API, "HelmRelease", name, namespace));
        break;
      case KUSTOMIZE:
        String path = ((KustomizeArtifact) artifact).path();
        if (ContainedPaths.normalize(path).equals(".")) {
          problem(leaf, "kustomize.path must name a directory inside the profile, not the profile"
              + " directory itself (its files would be mixed with the generated ones)");
          return;
        }
        applied = dir + "/" + ContainedPaths.normalize(path);
        copy(leaf, "kustomize.path", path, dir);
        break;
      default:
        throw new IllegalStateException("not a leaf: " + artifact.kind());
    }
    Flux.KustomizationSpec spec = new Flux.KustomizationSpec(
        tree.dependencies(leaf).stream().map(Flux.DependencyReference::new).toList(),
        health.map(List::of).orElse(List.of()),
        INTERVAL,
        "./" + repoDir + "/" + applied,
        true,
        gitRepositoryRef(),
        namespace);
    put(dir + "/kustomize-flux.yaml", Flux.kustomization(meta(name), spec));
    put(dir + "/kustomization.yaml", kustomization(List.of("kustomize-flux.yaml")));
  }

  private void renderChart(ArtifactTree tree, Leaf leaf, String chartDir) {
    String name = tree.name(leaf);
    Artifact artifact = leaf.artifact();
    Optional<String> defaultValues;
    Flux.HelmChartTemplateSpec chart;
    if (artifact instanceof RemoteChartArtifact) {
      RemoteChartArtifact remote = (RemoteChartArtifact) artifact;
      defaultValues = remote.defaultValues();
      put(chartDir + "/HelmRepository.yaml", Flux.helmRepository(meta(name),
          new Flux.HelmRepositorySpec(
              remote.isOci() ? Optional.empty() : Optional.of(INTERVAL),
              remote.isOci() ? Optional.of("oci") : Optional.empty(),
              remote.url())));
      chart = new Flux.HelmChartTemplateSpec(remote.chartName(),
          new Flux.CrossNamespaceObjectReference("HelmRepository", name, namespace),
          Optional.of(remote.chartVersion()));
    } else {
      LocalChartArtifact local = (LocalChartArtifact) artifact;
      defaultValues = local.defaultValues();
      String path = ContainedPaths.normalize(local.path());
      chart = new Flux.HelmChartTemplateSpec(
          "./" + repoDir + "/" + chartDir + (path.equals(".") ? "" : "/" + path),
          gitRepositoryRef(),
          Optional.empty());
      copy(leaf, "chart.path", local.path(), chartDir);
    }
    defaultValues = defaultValues.filter(v -> !v.isBlank());
    defaultValues.ifPresent(v -> DefaultValues.problem(v).ifPresent(p -> problem(leaf, p)));

    List<Flux.ValuesReference> valuesFrom = new ArrayList<>();
    List<String> resources = new ArrayList<>(List.of("HelmRelease.yaml"));
    if (defaultValues.isPresent()) {
      String configMapName = name + "-defaultvalues";
      Flux.ConfigMap configMap = Flux.ConfigMap.of(
          meta(configMapName), Map.of(DEFAULT_VALUES_KEY, defaultValues.get()));
      put(chartDir + "/ConfigMap.yaml", configMap);
      valuesFrom.add(new Flux.ValuesReference("ConfigMap", configMapName, DEFAULT_VALUES_KEY));
      resources.add("ConfigMap.yaml");
    }
    installation.configMap().ifPresent(
        user -> valuesFrom.add(new Flux.ValuesReference("ConfigMap", user, tree.key(leaf))));
    String releaseName = tree.key(leaf);
    if (releaseName.length() > 53) {
      problem(leaf, "Helm release name '" + releaseName + "' is " + releaseName.length()
          + " characters long; Helm allows at most 53");
    }
    put(chartDir + "/HelmRelease.yaml", Flux.helmRelease(meta(name),
        new Flux.HelmReleaseSpec(
            new Flux.HelmChartTemplate(chart), INTERVAL, releaseName, valuesFrom)));
    if (artifact instanceof LocalChartArtifact) {
      // The chart's own files sit in this directory too: list only ours for kustomize.
      put(chartDir + "/kustomization.yaml", kustomization(resources));
    }
  }

  /** Schedules copying {@code path} of the leaf's profile directory to {@code targetDir}. */
  private void copy(Leaf leaf, String field, String path, String targetDir) {
    copies.add(() -> {
      ProfileDirectory directory = leaf.owner().directory();
      String source = ContainedPaths.normalize(path);
      try {
        if (!directory.isDirectory(source)) {
          problem(leaf, field + " '" + path + "' is not a directory in the profile ("
              + leaf.owner().source().location() + ")");
          return;
        }
        Map<String, byte[]> copied = new LinkedHashMap<>();
        for (String file : directory.list(source)) {
          if (ContainedPaths.problem(file).isPresent()
              || !ContainedPaths.normalize(file).equals(file)
              || !(source.equals(".") || file.startsWith(source + "/"))) {
            problem(leaf, field + " '" + path + "': the profile directory listed '" + file
                + "', which is not below it");
            continue;
          }
          String target = targetDir + "/" + file;
          if (files.contains(target)) {
            problem(leaf, field + " '" + path + "': its file '" + file
                + "' would overwrite the generated " + repoDir + "/" + target);
            continue;
          }
          byte[] content = directory.read(file);
          copied.put(file, content);
          files.put(target, content);
        }
        String chartYaml = source.equals(".") ? "Chart.yaml" : source + "/Chart.yaml";
        if (field.equals("chart.path") && !copied.containsKey(chartYaml)) {
          // Flux would fail on it in the cluster, long after the commit.
          notCharts.add(new RenderProblem(leaf.display(), field + " '" + path + "' holds no"
              + " Chart.yaml, so it is not a Helm chart (a directory of plain YAML is a"
              + " kustomize.path artifact) (" + leaf.owner().source().location() + ")"));
        }
        for (String p : KustomizationReferences.problems(source, copied)) {
          problem(leaf, field + " '" + path + "': " + p);
        }
      } catch (ProfilesException e) {
        problem(leaf, field + " '" + path + "' cannot be read: " + e.getMessage());
      }
    });
  }

  private Flux.CrossNamespaceObjectReference gitRepositoryRef() {
    return new Flux.CrossNamespaceObjectReference(
        "GitRepository", gitRepository.name(), gitRepository.namespace());
  }

  private Flux.ObjectMeta meta(String name) {
    return new Flux.ObjectMeta(name, namespace);
  }

  private static Map<String, Object> kustomization(List<String> resources) {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    k.put("kind", "Kustomization");
    k.put("resources", resources);
    return k;
  }

  private void put(String path, Object object) {
    generated.add(path);
    files.put(path, Manifests.yaml(object));
  }

  private void problem(Leaf leaf, String message) {
    problems.add(new RenderProblem(leaf.display(), message));
  }
}
