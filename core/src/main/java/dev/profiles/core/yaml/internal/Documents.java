package dev.profiles.core.yaml.internal;

import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.CatalogReference;
import dev.profiles.core.model.CatalogRepository;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.ImmutableCatalogEntry;
import dev.profiles.core.model.ImmutableProfileDefinition;
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
import dev.profiles.core.rules.ControlCharacters;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.core.yaml.YamlLimits;
import dev.profiles.core.yaml.internal.DocumentWriter.Fields;
import dev.profiles.core.yaml.internal.NodeReader.Item;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** The four document formats: their fields, in the order they are written. */
public final class Documents {
  public static final String API_VERSION = "weave.works/v1alpha1";
  private static final Set<String> API_VERSIONS = Set.of(API_VERSION);
  private static final String[] ARTIFACT_FIELDS =
      {"name", "chart", "kustomize", "profile", "dependsOn"};

  private Documents() {}

  // ---- profile.yaml -------------------------------------------------------------------------

  public static ProfileDefinition readProfile(String source, byte[] content, YamlLimits limits,
      boolean lenient, Optional<String> directoryName) throws InvalidDocumentException {
    NodeReader.Parsed parsed = NodeReader.parse(source, content, limits, lenient);
    NodeReader r = parsed.reader();
    Optional<ProfileDefinition> result = r.mapping(parsed.root(), "",
        "apiVersion", "kind", "metadata", "spec").flatMap(doc -> {
          doc.expect("apiVersion", API_VERSIONS);
          doc.expect("kind", Set.of("ProfileDefinition", "Profile"));
          Optional<String> name = doc.requiredMapping("metadata", "name")
              .flatMap(m -> m.requiredString("name"));
          ImmutableProfileDefinition.Builder b = ProfileDefinition.builder();
          Optional<String> description = Optional.empty();
          SortedMap<Integer, Artifact> artifacts = new TreeMap<>();
          Set<String> artifactNames = new HashSet<>();
          Optional<NodeReader.Fields> specFields = doc.requiredMapping("spec", "description",
              "maintainer", "prerequisites", "artifacts");
          if (specFields.isPresent()) {
            NodeReader.Fields spec = specFields.get();
            description = spec.requiredString("description");
            description.ifPresent(b::description);
            spec.string("maintainer").ifPresent(b::maintainer);
            b.addAllPrerequisites(spec.strings("prerequisites"));
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
              .ifPresent(d -> doc.mapping("metadata", "name").ifPresent(m -> m.problem("name",
                  "profile name '" + p.name() + "' must equal its directory name '"
                      + ControlCharacters.visible(d) + "'"))));
          return profile;
        });
    r.throwIfProblems();
    return result.orElseThrow();
  }

  private static Optional<Artifact> readArtifact(NodeReader r, Item item) {
    return r.mapping(item.node(), item.path(), ARTIFACT_FIELDS).flatMap(a -> {
          Optional<String> name = a.requiredString("name");
          List<String> dependsOn = new ArrayList<>();
          for (Item dep : a.list("dependsOn")) {
            r.mapping(dep.node(), dep.path(), "name")
                .flatMap(d -> d.requiredString("name")).ifPresent(dependsOn::add);
          }
          List<String> kinds = new ArrayList<>();
          for (String kind : List.of("chart", "kustomize", "profile")) {
            if (a.has(kind)) {
              kinds.add(kind);
            }
          }
          if (kinds.isEmpty()) {
            a.problem("an artifact sets exactly one of chart, kustomize, profile; found none");
            return Optional.empty();
          }
          if (kinds.size() > 1) {
            a.problem(kinds.get(1), "an artifact sets exactly one of chart, kustomize, profile;"
                + " found " + String.join(" and ", kinds));
            return Optional.empty();
          }
          if (name.isEmpty()) {
            return Optional.empty();
          }
          return switch (kinds.get(0)) {
            case "chart" -> readChart(r, a, name.get(), dependsOn, item.path());
            case "kustomize" -> a.requiredMapping("kustomize", "path")
                .flatMap(k -> k.requiredString("path"))
                .flatMap(path -> r.build(item.path(), () -> KustomizeArtifact.builder()
                    .name(name.get()).dependsOn(dependsOn).path(path).build()));
            default -> a.requiredMapping("profile", "source")
                .flatMap(p -> p.requiredMapping("source", "url", "tag", "branch", "path"))
                .flatMap(s -> readSource(r, s))
                .flatMap(src -> r.build(item.path(), () -> NestedProfileArtifact.builder()
                    .name(name.get()).dependsOn(dependsOn).source(src).build()));
          };
        });
  }

  private static Optional<Artifact> readChart(NodeReader r, NodeReader.Fields a, String name,
      List<String> dependsOn, String path) {
    return a.requiredMapping("chart", "url", "name", "version", "defaultValues", "path")
        .flatMap(c -> {
          Optional<String> values = c.string("defaultValues");
          values.ifPresent(v -> checkValues(r, c, v));
          if (c.has("path")) {
            for (String remoteOnly : List.of("url", "name", "version")) {
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
          if (!c.has("url")) {
            c.problem("a chart sets either chart.path (local) or chart.url, chart.name and"
                + " chart.version (remote); found neither path nor url");
            return Optional.empty();
          }
          Optional<String> url = c.requiredString("url");
          Optional<String> chartName = c.requiredString("name");
          Optional<String> version = c.requiredString("version");
          if (url.isEmpty() || chartName.isEmpty() || version.isEmpty()) {
            return Optional.empty();
          }
          return r.build(path, () -> RemoteChartArtifact.builder().name(name)
              .dependsOn(dependsOn).url(url.get()).chartName(chartName.get())
              .chartVersion(version.get()).defaultValues(values).build());
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

  private static Optional<ProfileSource> readSource(NodeReader r, NodeReader.Fields s) {
    Optional<String> url = s.requiredString("url");
    Optional<String> tag = s.string("tag");
    Optional<String> branch = s.string("branch");
    Optional<String> path = s.string("path");
    if (url.isEmpty()) {
      return Optional.empty();
    }
    return r.build(s.path(), () -> ProfileSource.builder()
        .url(url.get()).tag(tag).branch(branch).path(path).build());
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
    return DocumentWriter.write(header("ProfileDefinition", new Fields().put("name", p.name()))
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
        .put("path", s.path());
  }

  // ---- profile-installation.yaml ------------------------------------------------------------

  public static ProfileInstallation readInstallation(String source, byte[] content,
      YamlLimits limits, boolean lenient) throws InvalidDocumentException {
    NodeReader.Parsed parsed = NodeReader.parse(source, content, limits, lenient);
    NodeReader r = parsed.reader();
    // pctl wrote these objects with a Kubernetes serializer: tolerate its empty leftovers.
    Optional<ProfileInstallation> result = r.mapping(parsed.root(), "",
        "apiVersion", "kind", "metadata", "spec", "status").flatMap(doc -> {
          doc.expect("apiVersion", API_VERSIONS);
          doc.expect("kind", Set.of("ProfileInstallation"));
          var b = ProfileInstallation.builder();
          doc.requiredMapping("metadata", "name", "namespace", "creationTimestamp")
              .ifPresent(m -> {
                m.requiredString("name").ifPresent(b::name);
                m.string("namespace").ifPresent(b::namespace);
              });
          doc.requiredMapping("spec", "source", "catalog", "gitRepository", "configMap")
              .ifPresent(spec -> {
                spec.requiredMapping("source", "url", "tag", "branch", "path")
                    .flatMap(s -> readSource(r, s)).ifPresent(b::source);
                spec.mapping("catalog", "catalog", "profile", "version").ifPresent(c -> {
                  Optional<String> cat = c.requiredString("catalog");
                  Optional<String> prof = c.requiredString("profile");
                  Optional<String> ver = c.requiredString("version");
                  if (cat.isPresent() && prof.isPresent() && ver.isPresent()) {
                    r.build(c.path(), () -> CatalogReference.of(cat.get(), prof.get(),
                        ver.get())).ifPresent(b::catalog);
                  }
                });
                spec.mapping("gitRepository", "name", "namespace")
                    .flatMap(g -> readGitRepository(r, g)).ifPresent(b::gitRepository);
                spec.string("configMap").ifPresent(b::configMap);
              });
          return r.ok() ? r.build("", b::build) : Optional.empty();
        });
    r.throwIfProblems();
    return result.orElseThrow();
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
    return DocumentWriter.write(header("ProfileInstallation",
        new Fields().put("name", i.name()).put("namespace", i.namespace()))
        .put("spec", spec).toMap());
  }

  private static Fields gitRepository(GitRepositoryReference g) {
    return new Fields().put("name", g.name()).put("namespace", g.namespace());
  }

  // ---- ProfileCatalogSource -----------------------------------------------------------------

  public static ProfileCatalogSource readCatalogSource(String source, byte[] content,
      YamlLimits limits, boolean lenient) throws InvalidDocumentException {
    NodeReader.Parsed parsed = NodeReader.parse(source, content, limits, lenient);
    NodeReader r = parsed.reader();
    Optional<ProfileCatalogSource> result = r.mapping(parsed.root(), "",
        "apiVersion", "kind", "metadata", "spec").flatMap(doc -> {
          doc.expect("apiVersion", API_VERSIONS);
          doc.expect("kind", Set.of("ProfileCatalogSource"));
          var b = ProfileCatalogSource.builder();
          doc.requiredMapping("metadata", "name", "namespace").ifPresent(m -> {
            m.requiredString("name").ifPresent(b::name);
            m.string("namespace").ifPresent(b::namespace);
          });
          doc.mapping("spec", "profiles", "repositories").ifPresent(spec -> {
            for (Item item : spec.list("profiles")) {
              r.mapping(item.node(), item.path(), "name", "description", "maintainer",
                  "prerequisites", "tag", "url", "catalogSource").ifPresent(e -> {
                    ImmutableCatalogEntry.Builder eb = CatalogEntry.builder();
                    Optional<String> name = e.requiredString("name");
                    name.ifPresent(eb::name);
                    e.string("description").ifPresent(eb::description);
                    e.string("maintainer").ifPresent(eb::maintainer);
                    eb.addAllPrerequisites(e.strings("prerequisites"));
                    e.string("tag").ifPresent(eb::tag);
                    e.string("url").ifPresent(eb::url);
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
    return result.orElseThrow();
  }

  public static String writeCatalogSource(ProfileCatalogSource s) {
    List<Fields> profiles = s.profiles().stream().map(e -> new Fields().put("name", e.name())
        .put("description", e.description()).put("maintainer", e.maintainer())
        .putList("prerequisites", e.prerequisites()).put("tag", e.tag()).put("url", e.url())
        .put("catalogSource", e.catalogSource())).toList();
    List<Fields> repos = s.repositories().stream().map(r -> new Fields().put("url", r.url())
        .put("secretRef", r.secretRef().map(n -> new Fields().put("name", n))
            .orElseGet(Fields::new))).toList();
    return DocumentWriter.write(header("ProfileCatalogSource",
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
    return DocumentWriter.write(f.toMap());
  }
}
