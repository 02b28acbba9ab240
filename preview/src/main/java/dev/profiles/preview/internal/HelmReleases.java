package dev.profiles.preview.internal;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.preview.ExpansionContext;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.PreviewException;
import dev.profiles.preview.ExpanderSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Expands one HelmRelease: locates its chart, merges its values, renders it with Helm. */
public final class HelmReleases {
  private static final Logger LOG = LoggerFactory.getLogger(HelmReleases.class);
  private static final int MAX_RELEASE_NAME = 53;

  private final ExpanderSettings settings;
  private final Downloads downloads;

  public HelmReleases(ExpanderSettings settings, Downloads downloads) {
    this.settings = settings;
    this.downloads = downloads;
  }

  /** A located name for messages: {@code HelmRelease team/web (team/web/HelmRelease.yaml)}. */
  public static String who(KubeObject o) {
    return o.id().kind() + " " + (o.id().namespace().isEmpty() ? "" : o.id().namespace() + "/")
        + o.id().name() + o.file().map(f -> " (" + f + ")").orElse("");
  }

  /**
   * {@link #who(KubeObject)}, naming the file the object is written in even when it reached
   * the expander through a Kustomization's build (which knows no files): the declared object
   * of the same kind and name (the build may have set its namespace).
   */
  static String who(KubeObject o, ExpansionContext context) {
    if (o.file().isPresent()) {
      return who(o);
    }
    Optional<String> file = context.objects().stream()
        .filter(d -> d.file().isPresent() && d.id().kind().equals(o.id().kind())
            && d.id().apiVersion().equals(o.id().apiVersion())
            && d.id().name().equals(o.id().name())
            && (d.id().namespace().isEmpty() || d.id().namespace().equals(o.id().namespace())))
        .map(d -> d.file().get()).findFirst();
    return who(file.isEmpty() ? o : KubeObject.builder().from(o).file(file).build());
  }

  /** The objects the release installs: the chart's CRDs, then its rendered templates. */
  public List<KubeObject> expand(KubeObject release, ExpansionContext context)
      throws ProfilesException, NotExpandable {
    String who = who(release, context);
    Optional<String> noHelm = HelmCharts.unavailable();
    if (noHelm.isPresent()) {
      throw new NotExpandable(noHelm.get());
    }
    Map<String, Object> spec = Trees.map(release.content(), "spec");
    if (!Trees.list(spec, "postRenderers").isEmpty()) {
      throw new NotExpandable("spec.postRenderers are not applied by a preview");
    }
    String namespace = release.id().namespace().isEmpty() ? "default" : release.id().namespace();
    Optional<String> target = Trees.text(spec, "targetNamespace").filter(t -> !t.isEmpty());
    String releaseNamespace = target.orElse(namespace);
    String releaseName = Trees.text(spec, "releaseName").filter(n -> !n.isEmpty())
        .orElseGet(() -> shorten(target.map(t -> t + "-").orElse("") + release.id().name()));
    Map<String, Object> values = ReleaseValues.of(who, release, namespace, context,
        settings.maxInputBytes());
    try (SideFiles files = new SideFiles(context, settings.maxInputBytes())) {
      Chart chart = locate(who, release, spec, namespace, context, files);
      Path work = files.work();
      Path repositoryConfig = Files.writeString(work.resolve("repositories.yaml"), "");
      Optional<Path> valuesFile = Optional.empty();
      if (!values.isEmpty()) {
        valuesFile = Optional.of(Files.writeString(work.resolve("values.yaml"),
            Yamls.write(values)));
      }
      String chartWho = who + ": chart " + chart.display();
      String rendered = HelmCharts.template(chartWho, chart.path(), releaseName,
          releaseNamespace, valuesFile, repositoryConfig);
      List<Object> crdDocuments = List.of();
      String crdPolicy = Trees.text(Trees.map(spec, "install"), "crds").orElse("Create");
      if (!crdPolicy.equals("Skip")) {
        String crds = HelmCharts.crds(chartWho, chart.path());
        crdDocuments = Yamls.readAll(chartWho + ": crds/", crds, settings.maxOutputBytes(),
            settings.maxDocuments());
      }
      long size = rendered.length();
      if (size > settings.maxOutputBytes()) {
        throw new PreviewException(chartWho + ": rendered output of " + size
            + " characters is over the limit of " + settings.maxOutputBytes());
      }
      List<Object> documents = Yamls.readAll(chartWho + ": rendered output", rendered,
          settings.maxOutputBytes(), settings.maxDocuments());
      if (documents.size() + crdDocuments.size() > settings.maxDocuments()) {
        throw new PreviewException(chartWho + ": more than " + settings.maxDocuments()
            + " objects");
      }
      List<Map<String, Object>> crdSources = new ArrayList<>();
      for (Object d : crdDocuments) {
        if (d instanceof Map<?, ?> m) {
          crdSources.add(Trees.stringKeyed(chartWho, m));
        }
      }
      for (KubeObject o : context.objects()) {
        if (o.id().kind().equals("CustomResourceDefinition")) {
          crdSources.add(o.content());
        }
      }
      for (Object d : documents) {
        if (d instanceof Map<?, ?> m && "CustomResourceDefinition".equals(m.get("kind"))) {
          crdSources.add(Trees.stringKeyed(chartWho, m));
        }
      }
      Manifests manifests = Manifests.knowing(crdSources);
      List<KubeObject> out = new ArrayList<>(manifests.objects(chartWho + ": crds/",
          crdDocuments, release.id(), ""));
      out.addAll(manifests.objects(chartWho + ": rendered output", documents, release.id(),
          releaseNamespace));
      LOG.debug("{}: {} objects from chart {}", who, out.size(), chart.display());
      return out;
    } catch (IOException e) {
      throw new PreviewException(who + ": cannot prepare the chart: " + e.getMessage(), e);
    }
  }

  /** A chart on disk (directory or archive) and how to name it in messages. */
  private record Chart(Path path, String display) {}

  private Chart locate(String who, KubeObject release, Map<String, Object> spec,
      String namespace, ExpansionContext context, SideFiles files)
      throws ProfilesException, NotExpandable {
    Map<String, Object> chartRef = Trees.map(spec, "chartRef");
    if (!chartRef.isEmpty()) {
      String kind = Trees.text(chartRef, "kind").orElse("");
      String name = Trees.text(chartRef, "name").orElse("");
      String ns = Trees.text(chartRef, "namespace").orElse(namespace);
      if (kind.equals("OCIRepository")) {
        KubeObject repo = context.find("OCIRepository", ns, name).orElseThrow(() ->
            new PreviewException(who + ": spec.chartRef: OCIRepository " + ns + "/" + name
                + " is not declared in the repository"));
        return fromOciRepository(who, repo);
      }
      if (kind.equals("HelmChart")) {
        KubeObject chart = context.find("HelmChart", ns, name).orElseThrow(() ->
            new PreviewException(who + ": spec.chartRef: HelmChart " + ns + "/" + name
                + " is not declared in the repository"));
        return fromChartTemplate(who(chart), Trees.map(chart.content(), "spec"), ns, context,
            files);
      }
      throw new PreviewException(who + ": spec.chartRef.kind '" + kind
          + "' is not OCIRepository or HelmChart");
    }
    Map<String, Object> template = Trees.map(Trees.map(spec, "chart"), "spec");
    if (template.isEmpty()) {
      throw new PreviewException(who + ": neither spec.chart.spec nor spec.chartRef is set");
    }
    return fromChartTemplate(who, template, namespace, context, files);
  }

  private Chart fromChartTemplate(String who, Map<String, Object> template, String namespace,
      ExpansionContext context, SideFiles files) throws ProfilesException, NotExpandable {
    String chart = Trees.text(template, "chart").orElse("");
    if (chart.isEmpty()) {
      throw new PreviewException(who + ": spec.chart.spec.chart is empty");
    }
    String version = Trees.text(template, "version").orElse("*");
    Map<String, Object> sourceRef = Trees.map(template, "sourceRef");
    String kind = Trees.text(sourceRef, "kind").orElse("");
    List<String> valuesFiles = new ArrayList<>();
    for (Object f : Trees.list(template, "valuesFiles")) {
      valuesFiles.add(String.valueOf(f));
    }
    Trees.text(template, "valuesFile").filter(f -> !f.isEmpty()).ifPresent(valuesFiles::add);
    if (!valuesFiles.isEmpty() && !kind.equals("GitRepository")) {
      throw new NotExpandable("spec.chart.spec.valuesFiles of a packaged chart are not applied"
          + " by a preview");
    }
    String name = Trees.text(sourceRef, "name").orElse("");
    String ns = Trees.text(sourceRef, "namespace").orElse(namespace);
    switch (kind) {
      case "HelmRepository" -> {
        KubeObject repo = context.find("HelmRepository", ns, name).orElseThrow(() ->
            new PreviewException(who + ": chart " + chart + ": HelmRepository " + ns + "/"
                + name + " is not declared in the repository"));
        Map<String, Object> repoSpec = Trees.map(repo.content(), "spec");
        String url = Trees.text(repoSpec, "url").orElseThrow(() ->
            new PreviewException(who(repo) + ": spec.url is not set"));
        if (!Trees.map(repoSpec, "secretRef").isEmpty()
            || !Trees.map(repoSpec, "certSecretRef").isEmpty()) {
          throw new NotExpandable(who(repo) + " needs credentials (secretRef); a preview does"
              + " not use them");
        }
        if ("oci".equals(repoSpec.get("type")) || url.startsWith("oci://")) {
          if (version.equals("*") || Versions.isRange(version)) {
            throw new NotExpandable("chart " + chart + " version '" + version + "' from an OCI"
                + " repository: a preview expands exact versions");
          }
          String reference = url.replaceAll("/+$", "") + "/" + chart;
          Path archive = downloads.fromOci(who, reference, version,
              Trees.flag(repoSpec, "insecure"));
          return new Chart(archive, reference + ":" + version);
        }
        Path archive = downloads.fromHelmRepository(who, url, chart, version);
        return new Chart(archive, chart + " " + version + " from " + url);
      }
      case "GitRepository" -> {
        Set<String> gitOps = GitOpsRepos.of(context, settings.gitOpsRepositories());
        if (!gitOps.contains(ns + "/" + name)) {
          throw new NotExpandable("its chart is in GitRepository " + ns + "/" + name
              + ", not the GitOps repository, whose files a preview does not have");
        }
        String path = SideFiles.normalise(chart, who + ": spec.chart.spec.chart");
        files.copyTree(path);
        Path local = files.local(path);
        if (!Files.isRegularFile(local.resolve("Chart.yaml"))) {
          throw new PreviewException(who + ": spec.chart.spec.chart: no Chart.yaml at '" + path
              + "' in the GitOps repository");
        }
        if (!valuesFiles.isEmpty()) {
          replaceChartValues(who, local, valuesFiles, Trees.flag(template,
              "ignoreMissingValuesFiles"), files);
        }
        return new Chart(local, path);
      }
      default -> throw new NotExpandable("charts from a " + (kind.isEmpty() ? "source without kind"
          : kind) + " are not expanded by a preview");
    }
  }

  /**
   * What source-controller does with {@code valuesFiles}: the chart's values become those files
   * merged in order (the chart's own {@code values.yaml} only if listed); paths are relative
   * to the repository root.
   */
  private void replaceChartValues(String who, Path chart, List<String> valuesFiles,
      boolean ignoreMissing, SideFiles files) throws ProfilesException {
    Map<String, Object> merged = new java.util.LinkedHashMap<>();
    for (String file : valuesFiles) {
      String path = SideFiles.normalise(file, who + ": spec.chart.spec.valuesFiles");
      Optional<byte[]> content = files.read(path);
      if (content.isEmpty()) {
        if (ignoreMissing) {
          continue;
        }
        throw new PreviewException(who + ": spec.chart.spec.valuesFiles: no file '" + path
            + "' in the GitOps repository");
      }
      merged = Trees.merge(merged, Yamls.readMap(who + ": " + path,
          new String(content.get(), StandardCharsets.UTF_8), settings.maxInputBytes()));
    }
    try {
      Files.writeString(chart.resolve("values.yaml"), Yamls.write(merged));
    } catch (IOException e) {
      throw new PreviewException(who + ": cannot prepare the chart's values: " + e.getMessage(),
          e);
    }
  }

  private Chart fromOciRepository(String who, KubeObject repo)
      throws PreviewException, NotExpandable {
    Map<String, Object> spec = Trees.map(repo.content(), "spec");
    String url = Trees.text(spec, "url").orElseThrow(() ->
        new PreviewException(who(repo) + ": spec.url is not set"));
    if (!Trees.map(spec, "secretRef").isEmpty()) {
      throw new NotExpandable(who(repo) + " needs credentials (secretRef); a preview does not"
          + " use them");
    }
    Map<String, Object> ref = Trees.map(spec, "ref");
    Optional<String> digest = Trees.text(ref, "digest");
    Optional<String> semver = Trees.text(ref, "semver");
    String tag;
    if (digest.isPresent()) {
      tag = digest.get();
    } else if (semver.isPresent()) {
      if (Versions.isRange(semver.get())) {
        throw new NotExpandable(who(repo) + ": spec.ref.semver '" + semver.get()
            + "' is a range: a preview expands exact versions");
      }
      tag = semver.get();
    } else {
      tag = Trees.text(ref, "tag").orElse("latest");
    }
    Path archive = downloads.fromOci(who, url, tag, Trees.flag(spec, "insecure"));
    return new Chart(archive, url + ":" + tag);
  }

  /** helm-controller's shortening of a release name over Helm's 53 characters. */
  static String shorten(String name) {
    if (name.length() <= MAX_RELEASE_NAME) {
      return name;
    }
    String hash = Downloads.sha256(name.getBytes(StandardCharsets.UTF_8));
    return name.substring(0, 40) + "-" + hash.substring(0, 12);
  }
}
