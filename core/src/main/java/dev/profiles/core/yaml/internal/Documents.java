package dev.profiles.core.yaml.internal;

import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.CatalogReference;
import dev.profiles.core.model.CatalogRepository;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.KustomizeArtifact;
import dev.profiles.core.model.LocalChartArtifact;
import dev.profiles.core.model.NestedProfileArtifact;
import dev.profiles.core.model.PctlConfig;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfileRules;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.model.RemoteChartArtifact;
import dev.profiles.core.model.UpdatePolicy;
import dev.profiles.core.rules.ControlCharacters;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.core.yaml.ReadResult;
import dev.profiles.core.yaml.YamlLimits;
import dev.profiles.core.yaml.internal.NodeReader.Item;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** The four document formats: their fields, in the order they are written. */
public final class Documents {
  public static final String API_VERSION = "weave.works/v1alpha1";
  private static final String[] ARTIFACT_FIELDS = {"name", "chart", "kustomize", "profile",
      "dependsOn", "~path", "~kind", "~helm_url", "~helm_chart", "~helm_chart_version"};

  private Documents() {}

  // ---- profile.yaml -------------------------------------------------------------------------

  public static ReadResult<ProfileDefinition> readProfile(String source, byte[] content,
      YamlLimits limits, boolean lenient, Optional<String> directoryName)
      throws InvalidDocumentException {
    NodeReader.Parsed parsed = NodeReader.parse(source, content, limits, lenient);
    NodeReader r = parsed.reader();
    Optional<ProfileDefinition> result = r.mapping(parsed.root(), "",
        "apiVersion", "kind", "metadata", "spec", "~status").flatMap(doc -> {
          History.apiVersion(doc, History.PROFILE_API_VERSIONS);
          History.kind(doc, Set.of("ProfileDefinition", "Profile"),
              Map.of("Profile", "ProfileDefinition"));
          Optional<NodeReader.Fields> metadata = History.metadata(doc, false);
          Optional<String> name = metadata.flatMap(m -> m.requiredString("name"));
          ProfileDefinition.Builder b = ProfileDefinition.builder();
          Optional<String> description = Optional.empty();
          SortedMap<Integer, Artifact> artifacts = new TreeMap<>();
          Set<String> artifactNames = new HashSet<>();
          Optional<NodeReader.Fields> specFields = doc.requiredMapping("spec", "description",
              "maintainer", "prerequisites", "artifacts", "~name", "~version");
          if (specFields.isPresent()) {
            NodeReader.Fields spec = specFields.get();
            description = spec.requiredString("description");
            description.ifPresent(b::description);
            spec.string("maintainer").ifPresent(b::maintainer);
            b.addAllPrerequisites(spec.strings("prerequisites"));
            History.specName(spec, name);
            spec.warn("version", "deprecated and ignored: a profile's version comes from its git"
                + " tag");
            spec.required("artifacts");
            for (Item item : spec.list("artifacts")) {
              NodeReader.peekString(item.node(), "name").ifPresent(artifactNames::add);
              readArtifact(r, item).ifPresent(a -> artifacts.put(item.index(), a));
            }
            b.addAllArtifacts(artifacts.values());
          }
          name.ifPresent(b::name);
          if (!r.ok()) {
            // Report the whole-profile rules on what could be read, next to the other problems.
            r.violations(ProfileRules.violations(name, description, artifacts, artifactNames),
                "");
            return Optional.empty();
          }
          Optional<ProfileDefinition> profile = r.build("", b::build);
          profile.ifPresent(p -> directoryName.filter(d -> !d.equals(p.name()))
              .ifPresent(d -> metadata.ifPresent(m -> m.problem("name",
                  "profile name '" + p.name() + "' must equal its directory name '"
                      + ControlCharacters.visible(d) + "'"))));
          return profile;
        });
    r.throwIfProblems();
    return new ReadResult<>(result.orElseThrow(), r.warnings());
  }

  private static Optional<Artifact> readArtifact(NodeReader r, Item item) {
    return r.mapping(item.node(), item.path(), ARTIFACT_FIELDS).flatMap(a -> {
          Optional<String> name = a.requiredString("name");
          List<String> dependsOn = new ArrayList<>();
          for (Item dep : a.list("dependsOn")) {
            r.mapping(dep.node(), dep.path(), "name")
                .flatMap(d -> d.requiredString("name")).ifPresent(dependsOn::add);
          }
          // Which fields say what the artifact is: today one of chart, kustomize, profile; in
          // the form before v0.0.7 also an artifact-level path, or helm_url and friends.
          for (String shape : List.of("chart", "kustomize", "profile")) {
            if (a.written(shape) && !a.has(shape)) {
              // Almost always an indentation slip: its fields written beside it, not under it,
              // where they would be read as other fields of the artifact (path: the old form).
              String fields = switch (shape) {
                case "chart" -> "path, or url, name and version";
                case "kustomize" -> "path";
                default -> "source";
              };
              a.problem(shape, "'" + shape + "' has no value: its fields (" + fields
                  + ") belong on the lines below it, indented under it");
              return Optional.empty();
            }
          }
          List<String> shapes = new ArrayList<>();
          for (String shape : List.of("chart", "kustomize", "profile", "path")) {
            if (a.has(shape)) {
              shapes.add(shape);
            }
          }
          History.HELM_FIELDS.stream().filter(a::has).findFirst().ifPresent(shapes::add);
          if (shapes.isEmpty()) {
            a.problem("an artifact sets exactly one of chart, kustomize, profile; found none");
            return Optional.empty();
          }
          if (shapes.equals(List.of("chart", "path"))) {
            a.problem("path", "path and chart must not be set together: a chart is either"
                + " local (chart.path, formerly path) or remote (chart.url, name and version)");
            return Optional.empty();
          }
          if (shapes.size() > 1) {
            boolean old = shapes.contains("path") || History.HELM_FIELDS.contains(shapes.get(1));
            a.problem(shapes.get(1), "an artifact sets exactly one of chart, kustomize, profile"
                + (old ? " (or, in the older form, path or helm_url)" : "") + "; found "
                + String.join(" and ", shapes));
            return Optional.empty();
          }
          String shape = shapes.get(0);
          Optional<String> kind = History.artifactKind(a, shape);
          if (name.isEmpty() || (a.has("kind") && kind.isEmpty())) {
            return Optional.empty();
          }
          return switch (shape) {
            case "chart" -> readChart(r, a, name.get(), dependsOn, item.path());
            case "kustomize" -> a.requiredMapping("kustomize", "path")
                .flatMap(k -> k.requiredString("path"))
                .flatMap(path -> kustomize(r, item.path(), name.get(), dependsOn, path));
            case "profile" -> a.requiredMapping("profile", "source", "~url", "~branch", "~path",
                    "~version")
                .flatMap(p -> History.nestedSource(r, p))
                .flatMap(src -> r.build(item.path(), () -> NestedProfileArtifact.builder()
                    .name(name.get()).dependsOn(dependsOn).source(src).build()));
            case "path" -> {
              Optional<String> path = a.string("path");
              if (path.isEmpty()) {
                yield Optional.empty();
              }
              if (kind.filter("Kustomize"::equals).isPresent()) {
                a.warn("path", "deprecated: with kind Kustomize this is the older form (before"
                    + " v0.0.7) of kustomize.path; read as kustomize.path");
                yield r.build(item.path(), () -> KustomizeArtifact.builder().name(name.get())
                    .dependsOn(dependsOn).path(path.get()).build(),
                    Map.of("kustomize.path", "path"));
              }
              a.warn("path", kind.isPresent()
                  ? "deprecated: with kind " + kind.get() + " this is the older form (before"
                      + " v0.0.7) of chart.path; read as chart.path"
                  : "deprecated: a path without kind is read as a local Helm chart (chart.path),"
                      + " its only meaning before artifacts had a kind; write chart.path, or"
                      + " kustomize.path for a directory of plain YAML");
              yield r.build(item.path(), () -> LocalChartArtifact.builder().name(name.get())
                  .dependsOn(dependsOn).path(path.get()).build(), Map.of("chart.path", "path"));
            }
            default -> {
              // helm_url, helm_chart, helm_chart_version at the artifact's top level.
              a.warn(shape, "deprecated: helm_url, helm_chart and helm_chart_version are the"
                  + " oldest form of chart.url, chart.name and chart.version; read as such");
              Optional<String> url = a.requiredString("helm_url");
              Optional<String> chartName = a.requiredString("helm_chart");
              Optional<String> version = a.requiredString("helm_chart_version");
              if (url.isEmpty() || chartName.isEmpty() || version.isEmpty()) {
                yield Optional.empty();
              }
              yield r.build(item.path(), () -> RemoteChartArtifact.builder().name(name.get())
                  .dependsOn(dependsOn).url(url.get()).chartName(chartName.get())
                  .chartVersion(version.get()).build(), History.HELM_RENAMES);
            }
          };
        });
  }

  private static Optional<Artifact> kustomize(NodeReader r, String path, String name,
      List<String> dependsOn, String dir) {
    return r.build(path, () -> KustomizeArtifact.builder().name(name).dependsOn(dependsOn)
        .path(dir).build());
  }

  private static Optional<Artifact> readChart(NodeReader r, NodeReader.Fields a, String name,
      List<String> dependsOn, String path) {
    return a.requiredMapping("chart", "url", "name", "version", "defaultValues", "path",
            "~helm_url", "~helm_chart", "~helm_chart_version")
        .flatMap(c -> {
          Optional<String> values = c.string("defaultValues");
          values.ifPresent(v -> checkValues(r, c, v));
          History.chartSpellings(c);
          if (c.has("path")) {
            for (String remoteOnly : List.of("url", "name", "version", "helm_url", "helm_chart",
                "helm_chart_version")) {
              if (c.has(remoteOnly)) {
                c.problem(remoteOnly, "chart." + remoteOnly + " must not be set together with"
                    + " chart.path: a chart is either local (path) or remote (url, name,"
                    + " version)");
              }
            }
            Optional<String> local = c.string("path");
            if (!r.ok() || local.isEmpty()) {
              return Optional.empty();
            }
            return r.build(path, () -> LocalChartArtifact.builder().name(name)
                .dependsOn(dependsOn).path(local.get()).defaultValues(values).build());
          }
          if (!c.has("url") && !c.has("helm_url")) {
            c.problem("a chart sets either chart.path (local) or chart.url, chart.name and"
                + " chart.version (remote); found neither path nor url");
            return Optional.empty();
          }
          Optional<String> url = History.spelled(c, "url", "helm_url");
          Optional<String> chartName = History.spelled(c, "name", "helm_chart");
          Optional<String> version = History.spelled(c, "version", "helm_chart_version");
          if (url.isEmpty() || chartName.isEmpty() || version.isEmpty()) {
            return Optional.empty();
          }
          return r.build(path, () -> RemoteChartArtifact.builder().name(name)
              .dependsOn(dependsOn).url(url.get()).chartName(chartName.get())
              .chartVersion(version.get()).defaultValues(values).build(),
              History.chartRenames(c));
        });
  }

  /** Default values are Helm values: they must themselves be a YAML mapping. */
  private static void checkValues(NodeReader r, NodeReader.Fields chart, String values) {
    try {
      NodeReader.Parsed parsed = NodeReader.parse(chart.path("defaultValues"),
          values.getBytes(java.nio.charset.StandardCharsets.UTF_8), r.limits(), true);
      if (!(parsed.root() instanceof org.snakeyaml.engine.v2.nodes.MappingNode)
          && !NodeReader.isNull(parsed.root())) {
        chart.problem("defaultValues", "defaultValues must be a YAML mapping of Helm values");
      }
    } catch (InvalidDocumentException e) {
      chart.problem("defaultValues", "defaultValues is not valid YAML: "
          + e.problems().get(0).message()
          + (e.problems().get(0).line() > 0 ? " (line " + e.problems().get(0).line()
              + " of the value)" : ""));
    }
  }

  static Optional<ProfileSource> readSource(NodeReader r, NodeReader.Fields s) {
    Optional<String> url = s.requiredString("url");
    Optional<String> tag = s.string("tag");
    Optional<String> branch = s.string("branch");
    Optional<String> path = s.string("path");
    Optional<String> version = s.string("version");
    if (url.isEmpty()) {
      return Optional.empty();
    }
    return r.build(s.path(), () -> ProfileSource.builder()
        .url(url.get()).tag(tag).branch(branch).path(path).version(version).build());
  }

  public static String writeProfile(ProfileDefinition p) {
    List<Fields> artifacts = new ArrayList<>();
    for (Artifact a : p.artifacts()) {
      Fields f = new Fields().put("name", a.name());
      a.accept(new Artifact.Visitor<Void>() {
        @Override
        public Void remoteChart(RemoteChartArtifact c) {
          f.put("chart", new Fields().put("url", c.url()).put("name", c.chartName())
              .put("version", c.chartVersion()).put("defaultValues", c.defaultValues()));
          return null;
        }

        @Override
        public Void localChart(LocalChartArtifact c) {
          f.put("chart", new Fields().put("path", c.path())
              .put("defaultValues", c.defaultValues()));
          return null;
        }

        @Override
        public Void kustomize(KustomizeArtifact k) {
          f.put("kustomize", new Fields().put("path", k.path()));
          return null;
        }

        @Override
        public Void profile(NestedProfileArtifact n) {
          f.put("profile", new Fields().put("source", source(n.source())));
          return null;
        }
      });
      f.putList("dependsOn", a.dependsOn().stream().map(d -> new Fields().put("name", d))
          .toList());
      artifacts.add(f);
    }
    return YamlEmitter.DOCUMENTS.write(header("ProfileDefinition",
        new Fields().put("name", p.name()))
        .put("spec", new Fields().put("description", p.description())
            .put("maintainer", p.maintainer())
            .putList("prerequisites", p.prerequisites())
            .putList("artifacts", artifacts))
        .toMap());
  }

  private static Fields header(String kind, Fields metadata) {
    return new Fields().put("apiVersion", API_VERSION).put("kind", kind)
        .put("metadata", metadata);
  }

  private static Fields source(ProfileSource s) {
    return new Fields().put("url", s.url()).put("tag", s.tag()).put("branch", s.branch())
        .put("path", s.path()).put("version", s.version());
  }

  // ---- profile-installation.yaml ------------------------------------------------------------

  private static final List<String> SUBSCRIPTION_SOURCE = List.of("profileURL", "branch", "path",
      "version", "tag");

  public static ReadResult<ProfileInstallation> readInstallation(String source, byte[] content,
      YamlLimits limits, boolean lenient) throws InvalidDocumentException {
    NodeReader.Parsed parsed = NodeReader.parse(source, content, limits, lenient);
    NodeReader r = parsed.reader();
    // pctl wrote these objects with a Kubernetes serializer (creationTimestamp: null,
    // status: {}), and a record read back from a cluster carries server fields: all ignored.
    Optional<ProfileInstallation> result = r.mapping(parsed.root(), "",
        "apiVersion", "kind", "metadata", "spec", "~status").flatMap(doc -> {
          History.apiVersion(doc, History.RESOURCE_API_VERSIONS);
          History.kind(doc, Set.of("ProfileInstallation"),
              Map.of("ProfileSubscription", "ProfileInstallation"));
          var b = ProfileInstallation.builder();
          History.metadata(doc, true).ifPresent(m -> {
            m.requiredString("name").ifPresent(b::name);
            m.string("namespace").ifPresent(b::namespace);
          });
          doc.requiredMapping("spec", "source", "catalog", "gitRepository", "configMap",
                  "updatePolicy",
                  "~profileURL", "~branch", "~path", "~version", "~tag",
                  "~profile_catalog_description", "~values", "~valuesFrom")
              .ifPresent(spec -> {
                installationSource(r, spec).ifPresent(b::source);
                installationCatalog(r, spec).ifPresent(b::catalog);
                spec.mapping("gitRepository", "name", "namespace")
                    .flatMap(g -> readGitRepository(r, g)).ifPresent(b::gitRepository);
                spec.string("configMap").ifPresent(b::configMap);
                spec.mapping("updatePolicy", "range", "preReleases", "pinned", "minimumAge")
                    .flatMap(p -> readUpdatePolicy(r, p)).ifPresent(b::updatePolicy);
                spec.warn("values", "ignored: spec.values was removed in v0.0.8; give Helm"
                    + " values in the ConfigMap named by spec.configMap, keyed by artifact name");
                spec.warn("valuesFrom", "ignored: spec.valuesFrom was replaced by"
                    + " spec.configMap in v0.0.10 (a ConfigMap keyed by artifact name)");
              });
          return r.ok() ? r.build("", b::build) : Optional.empty();
        });
    r.throwIfProblems();
    return new ReadResult<>(result.orElseThrow(), r.warnings());
  }

  /** {@code spec.source}, or the ProfileSubscription's flat profileURL, branch, path, tag. */
  private static Optional<ProfileSource> installationSource(NodeReader r,
      NodeReader.Fields spec) {
    List<String> old = SUBSCRIPTION_SOURCE.stream().filter(spec::has).toList();
    if (spec.has("source") || old.isEmpty()) {
      old.forEach(k -> spec.problem(k, "spec." + k + " is the ProfileSubscription form of"
          + " spec.source." + (k.equals("profileURL") ? "url" : k.equals("version") ? "tag" : k)
          + "; set only spec.source"));
      return spec.requiredMapping("source", "url", "tag", "branch", "path")
          .filter(s -> old.isEmpty())
          .flatMap(s -> readSource(r, s));
    }
    spec.warn(old.get(0), "deprecated: spec.profileURL, branch, path and tag (earlier"
        + " version) are the ProfileSubscription form (before v0.0.7) of spec.source.url,"
        + " branch, path and tag; read as such");
    if (spec.has("version") && spec.has("tag")) {
      spec.problem("tag", "spec.version is the older name of spec.tag (renamed in v0.0.6);"
          + " set only one");
      return Optional.empty();
    }
    Optional<String> url = spec.requiredString("profileURL");
    Optional<String> tag = spec.has("tag") ? spec.string("tag") : spec.string("version");
    Optional<String> branch = spec.string("branch");
    Optional<String> path = spec.string("path");
    if (url.isEmpty()) {
      return Optional.empty();
    }
    return r.build(spec.path(), () -> ProfileSource.builder().url(url.get()).tag(tag)
        .branch(branch).path(path).build(), Map.of("url", "profileURL",
            "tag", spec.has("tag") ? "tag" : "version"));
  }

  /** {@code spec.catalog}, or the ProfileSubscription's profile_catalog_description. */
  private static Optional<CatalogReference> installationCatalog(NodeReader r,
      NodeReader.Fields spec) {
    if (spec.has("catalog") && spec.has("profile_catalog_description")) {
      spec.problem("profile_catalog_description", "spec.profile_catalog_description is the"
          + " older form of spec.catalog; set only spec.catalog");
      return Optional.empty();
    }
    if (spec.has("profile_catalog_description")) {
      spec.warn("profile_catalog_description", "deprecated: the ProfileSubscription form"
          + " (before v0.0.7) of spec.catalog; read as spec.catalog");
      return spec.mapping("profile_catalog_description", "catalog", "version", "profile",
          "~profile_name", "~name").flatMap(c -> {
            List<String> spellings = List.of("profile", "profile_name", "name").stream()
                .filter(c::has).toList();
            if (spellings.size() > 1) {
              c.problem(spellings.get(1), "profile, profile_name and name are spellings of one"
                  + " field; set only profile");
              return Optional.empty();
            }
            Optional<String> cat = c.requiredString("catalog");
            Optional<String> prof = c.requiredString(spellings.isEmpty() ? "profile"
                : spellings.get(0));
            Optional<String> ver = c.requiredString("version");
            if (cat.isEmpty() || prof.isEmpty() || ver.isEmpty()) {
              return Optional.empty();
            }
            return r.build(c.path(), () -> CatalogReference.of(cat.get(), prof.get(),
                ver.get()));
          });
    }
    return spec.mapping("catalog", "catalog", "profile", "version").flatMap(c -> {
      Optional<String> cat = c.requiredString("catalog");
      Optional<String> prof = c.requiredString("profile");
      Optional<String> ver = c.requiredString("version");
      if (cat.isEmpty() || prof.isEmpty() || ver.isEmpty()) {
        return Optional.empty();
      }
      return r.build(c.path(), () -> CatalogReference.of(cat.get(), prof.get(), ver.get()));
    });
  }

  private static Optional<UpdatePolicy> readUpdatePolicy(NodeReader r, NodeReader.Fields p) {
    UpdatePolicy.Builder b = UpdatePolicy.builder();
    p.string("range").ifPresent(b::range);
    p.bool("preReleases").ifPresent(b::preReleases);
    p.bool("pinned").ifPresent(b::pinned);
    p.string("minimumAge").ifPresent(b::minimumAge);
    return r.build(p.path(), b::build);
  }

  private static Optional<GitRepositoryReference> readGitRepository(NodeReader r,
      NodeReader.Fields g) {
    Optional<String> name = g.requiredString("name");
    Optional<String> namespace = g.requiredString("namespace");
    if (name.isEmpty() || namespace.isEmpty()) {
      return Optional.empty();
    }
    return r.build(g.path(),
        () -> GitRepositoryReference.of(namespace.get(), name.get()));
  }

  public static String writeInstallation(ProfileInstallation i) {
    Fields spec = new Fields().put("source", source(i.source()));
    i.catalog().ifPresent(c -> spec.put("catalog", new Fields().put("catalog", c.catalog())
        .put("profile", c.profile()).put("version", c.version())));
    i.gitRepository().ifPresent(g -> spec.put("gitRepository", gitRepository(g)));
    spec.put("configMap", i.configMap());
    i.updatePolicy().ifPresent(p -> spec.put("updatePolicy", new Fields().put("range", p.range())
        .putBool("preReleases", p.preReleases()).putBool("pinned", p.pinned())
        .put("minimumAge", p.minimumAge())));
    return YamlEmitter.DOCUMENTS.write(header("ProfileInstallation",
        new Fields().put("name", i.name()).put("namespace", i.namespace()))
        .put("spec", spec).toMap());
  }

  private static Fields gitRepository(GitRepositoryReference g) {
    return new Fields().put("name", g.name()).put("namespace", g.namespace());
  }

  // ---- ProfileCatalogSource -----------------------------------------------------------------

  public static ReadResult<ProfileCatalogSource> readCatalogSource(String source,
      byte[] content, YamlLimits limits, boolean lenient) throws InvalidDocumentException {
    NodeReader.Parsed parsed = NodeReader.parse(source, content, limits, lenient);
    NodeReader r = parsed.reader();
    Optional<ProfileCatalogSource> result = r.mapping(parsed.root(), "",
        "apiVersion", "kind", "metadata", "spec", "~status").flatMap(doc -> {
          History.apiVersion(doc, History.RESOURCE_API_VERSIONS);
          History.kind(doc, Set.of("ProfileCatalogSource"), Map.of());
          var b = ProfileCatalogSource.builder();
          History.metadata(doc, true).ifPresent(m -> {
            m.requiredString("name").ifPresent(b::name);
            m.string("namespace").ifPresent(b::namespace);
          });
          doc.mapping("spec", "profiles", "repositories", "~foo").ifPresent(spec -> {
            spec.warn("foo", "ignored: spec.foo was a placeholder of the first scaffold");
            for (Item item : spec.list("profiles")) {
              r.mapping(item.node(), item.path(), "name", "description", "maintainer",
                  "prerequisites", "tag", "url", "catalogSource", "withdrawn", "~version",
                  "~catalog")
                  .ifPresent(e -> {
                    CatalogEntry.Builder eb = CatalogEntry.builder();
                    Optional<String> name = e.requiredString("name");
                    name.ifPresent(eb::name);
                    e.string("description").ifPresent(eb::description);
                    e.string("maintainer").ifPresent(eb::maintainer);
                    eb.addAllPrerequisites(e.strings("prerequisites"));
                    e.string("tag").ifPresent(eb::tag);
                    e.string("url").ifPresent(eb::url);
                    e.bool("withdrawn").ifPresent(eb::withdrawn);
                    e.warn("version", "ignored: profiles[].version was replaced by tag in"
                        + " v0.0.7; a catalog entry's version comes from its tag");
                    if (e.has("catalog") && e.has("catalogSource")) {
                      e.problem("catalog", "catalog is the older name of catalogSource"
                          + " (renamed in v0.0.11); set only catalogSource");
                    } else if (e.has("catalog")) {
                      e.warn("catalog", "deprecated: the older name of catalogSource (renamed"
                          + " in v0.0.11); read as catalogSource");
                      e.string("catalog").ifPresent(eb::catalogSource);
                    }
                    e.string("catalogSource").ifPresent(eb::catalogSource);
                    if (name.isPresent()) {
                      r.build(item.path(), eb::build).ifPresent(b::addProfile);
                    }
                  });
            }
            for (Item item : spec.list("repositories")) {
              r.mapping(item.node(), item.path(), "url", "secretRef").ifPresent(repo -> {
                Optional<String> url = repo.requiredString("url");
                Optional<String> secret = repo.mapping("secretRef", "name")
                    .flatMap(s -> s.requiredString("name"));
                url.flatMap(u -> r.build(item.path(), () -> CatalogRepository.builder().url(u)
                    .secretRef(secret).build())).ifPresent(b::addRepository);
              });
            }
          });
          return r.ok() ? r.build("", b::build) : Optional.empty();
        });
    r.throwIfProblems();
    return new ReadResult<>(result.orElseThrow(), r.warnings());
  }

  public static String writeCatalogSource(ProfileCatalogSource s) {
    List<Fields> profiles = s.profiles().stream().map(e -> new Fields().put("name", e.name())
        .put("description", e.description()).put("maintainer", e.maintainer())
        .putList("prerequisites", e.prerequisites()).put("tag", e.tag()).put("url", e.url())
        .put("catalogSource", e.catalogSource()).putBool("withdrawn", e.withdrawn())).toList();
    List<Fields> repos = s.repositories().stream().map(r -> new Fields().put("url", r.url())
        .put("secretRef", r.secretRef().map(n -> new Fields().put("name", n))
            .orElseGet(Fields::new))).toList();
    return YamlEmitter.DOCUMENTS.write(header("ProfileCatalogSource",
        new Fields().put("name", s.name()).put("namespace", s.namespace()))
        .put("spec", new Fields().putList("profiles", profiles).putList("repositories", repos))
        .toMap());
  }

  // ---- .pctl/config.yaml --------------------------------------------------------------------

  public static PctlConfig readConfig(String source, byte[] content, YamlLimits limits,
      boolean lenient) throws InvalidDocumentException {
    NodeReader.Parsed parsed = NodeReader.parse(source, content, limits, lenient);
    NodeReader r = parsed.reader();
    Optional<PctlConfig> result = r.mapping(parsed.root(), "", "gitRepository", "defaultDir")
        .flatMap(doc -> {
          var b = PctlConfig.builder();
          doc.mapping("gitRepository", "name", "namespace")
              .flatMap(g -> readGitRepository(r, g)).ifPresent(b::gitRepository);
          doc.string("defaultDir").ifPresent(b::defaultDir);
          return r.ok() ? r.build("", b::build) : Optional.empty();
        });
    r.throwIfProblems();
    return result.orElseThrow();
  }

  public static String writeConfig(PctlConfig c) {
    Fields f = new Fields();
    c.gitRepository().ifPresent(g -> f.put("gitRepository", gitRepository(g)));
    f.put("defaultDir", c.defaultDir());
    return YamlEmitter.DOCUMENTS.write(f.toMap());
  }
}
