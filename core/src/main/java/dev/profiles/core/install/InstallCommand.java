package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.InstallRefusedException.Reason;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.CatalogReference;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.InvalidModelException;
import dev.profiles.core.model.PctlConfig;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.model.UpdatePolicy;
import dev.profiles.core.resolve.ProfileResolver;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.resolve.UntrustedSourceException;
import dev.profiles.core.rules.ContainedPaths;
import dev.profiles.core.rules.KubernetesNames;
import dev.profiles.core.rules.SafeUrls;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.core.rules.SourceUrls;
import dev.profiles.core.version.VersionTag;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.core.yaml.ProfileYaml;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Installs one profile into a GitOps repository: resolve → render → write → commit, all or
 * nothing.
 *
 * <p>It refuses, before anything is written, when the installation directory exists (unless
 * {@link #replaceExisting(boolean) replacing} an installation of the same name), when that
 * directory has uncommitted changes, when no Flux GitRepository is known, or when resolving,
 * rendering or validating fails. On any failure the repository's working tree, index and refs
 * are exactly as before.
 *
 * <pre>{@code
 * InstallResult r = profiles.install(repo)
 *     .source(ProfileSource.ofTag("https://github.com/org/profiles", "nginx/v0.1.0"))
 *     .name("my-nginx")
 *     .namespace("web")
 *     .configMap("my-nginx-values")
 *     .call();
 * }</pre>
 */
public final class InstallCommand extends CommitOptions<InstallCommand> {
  /** The installation record's file name: {@link Installation#RECORD_FILE}. */
  public static final String INSTALLATION_FILE = Installation.RECORD_FILE;

  private final ProfileResolver resolver;
  private final ManifestRenderer renderer;
  private final SourcePolicy sourcePolicy;
  private final GitOpsRepository repository;
  private Optional<ProfileSource> source = Optional.empty();
  private Optional<CatalogEntry> catalogEntry = Optional.empty();
  private Optional<String> name = Optional.empty();
  private String namespace = ProfileInstallation.DEFAULT_NAMESPACE;
  private Optional<GitRepositoryReference> gitRepository = Optional.empty();
  private Optional<String> configMap = Optional.empty();
  private Optional<String> directory = Optional.empty();
  private boolean replaceExisting;
  private Optional<UpdatePolicy> updatePolicy = Optional.empty();
  private boolean dryRun;

  InstallCommand(ProfileResolver resolver, ManifestRenderer renderer, SourcePolicy sourcePolicy,
      GitOpsRepository repository) {
    this.resolver = resolver;
    this.renderer = renderer;
    this.sourcePolicy = sourcePolicy;
    this.repository = repository;
  }

  @Override
  InstallCommand self() {
    return this;
  }

  /** The repository this command changes (a preview checks it is its own). */
  GitOpsRepository repository() {
    return repository;
  }

  /** Install from a repository: url + tag, or url + branch + path. */
  public InstallCommand source(ProfileSource source) {
    this.source = Optional.of(source);
    this.catalogEntry = Optional.empty();
    return this;
  }

  /**
   * Install a catalog entry; the installation records {@code spec.catalog}. The entry was served
   * by a catalog, so {@link #call()} refuses it with {@link UntrustedSourceException} when its
   * url is local ({@code file://} or a path) and the {@link Profiles}' {@link SourcePolicy}
   * does not allow local sources, and with {@link InstallRefusedException} when its tag is not
   * a version tag ({@code <profile>/<semver>} or {@code <semver>}).
   */
  public InstallCommand fromCatalog(CatalogEntry entry) {
    this.catalogEntry = Optional.of(entry);
    this.source = Optional.empty();
    return this;
  }

  /** The installation's name: its directory and the prefix of every object. Required. */
  public InstallCommand name(String name) {
    this.name = Optional.of(name);
    return this;
  }

  /** The namespace of every object; {@code default} when not set. */
  public InstallCommand namespace(String namespace) {
    if (namespace == null) {
      throw new dev.profiles.core.ProfilesConfigurationException("namespace must not be null");
    }
    this.namespace = namespace;
    return this;
  }

  /** The Flux GitRepository syncing the GitOps repository; else from .pctl/config.yaml. */
  public InstallCommand gitRepository(GitRepositoryReference gitRepository) {
    this.gitRepository = Optional.of(gitRepository);
    return this;
  }

  /** The user's values ConfigMap (keys are artifact names). */
  public InstallCommand configMap(String configMap) {
    this.configMap = Optional.of(configMap);
    return this;
  }

  /** The directory the installation goes under; else .pctl/config.yaml's, else the root. */
  public InstallCommand directory(String directory) {
    this.directory = Optional.of(directory);
    return this;
  }

  /** Replace an existing installation of the same name instead of refusing. */
  public InstallCommand replaceExisting(boolean replace) {
    this.replaceExisting = replace;
    return this;
  }

  /**
   * The update policy recorded with the installation ({@code spec.updatePolicy}): which newer
   * versions the update planner may propose. Every newer release when not set.
   */
  public InstallCommand updatePolicy(UpdatePolicy policy) {
    if (policy == null) {
      throw new dev.profiles.core.ProfilesConfigurationException("policy must not be null");
    }
    this.updatePolicy = Optional.of(policy);
    return this;
  }

  /** Whether this is set to be a dry run (for {@link PreviewCommand}, which puts it back). */
  boolean isDryRun() {
    return dryRun;
  }

  /**
   * Compute everything, refuse as a real run would, but write nothing: {@link #call()} returns
   * the {@link InstallResult#change() change} it would commit, with no commit.
   */
  public InstallCommand dryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  /**
   * Runs the install.
   *
   * @throws InstallRefusedException when the options, the target directory or its state do
   *     not allow installing (nothing was written)
   * @throws UntrustedSourceException when a catalog entry's url is refused by the policy
   * @throws ProfilesException for every other failure (resolving, rendering, committing); the
   *     repository is then exactly as it was
   */
  public InstallResult call() throws ProfilesException {
    return Guard.call("install", this::run);
  }

  private InstallResult run() throws ProfilesException {
    String installName = name.orElseThrow(() -> new InstallRefusedException(
        Reason.INVALID_OPTIONS, "an installation needs a name"));
    PctlConfig config = Installation.config(repository);
    GitRepositoryReference flux = gitRepository.or(config::gitRepository)
        .orElseThrow(() -> new InstallRefusedException(Reason.MISSING_GIT_REPOSITORY,
            "no Flux GitRepository is known for this GitOps repository: pass"
                + " gitRepository(namespace, name) or bootstrap " + PctlConfig.PATH));
    ProfileSource resolveFrom = sourceToResolve();
    ProfileInstallation record = installation(installName, flux, resolveFrom);
    Installation target = Installation.forInstall(repository, directory, installName);
    boolean replacing = checkTarget(target, installName);
    refuseNamesakes(record, target.directory());

    ResolvedProfile profile = resolver.resolve(resolveFrom);
    RenderedFiles artifacts = renderer.render(target.request(record, profile));
    String what = profile.definition().name() + " ("
        + resolveFrom.tag().orElse(resolveFrom.effectiveBranch().orElse("?")) + ")";
    Change change = target.change(this, record, artifacts, artifacts, replacing,
        (replacing ? "Reinstall" : "Install") + " profile " + what + " as " + installName);
    var result = InstallResult.builder().installation(record).directory(target.directory())
        .profileCommit(profile.commit()).files(change.files()).change(change).dryRun(dryRun)
        .warnings(profile.allWarnings());
    if (!dryRun) {
      result.commit(repository.commit(change));
    }
    return result.build();
  }

  private ProfileSource sourceToResolve() throws ProfilesException {
    if (source.isPresent()) {
      if (source.get().isVersionRange()) {
        // The record pins what is installed; a range belongs in its update policy.
        throw new InstallRefusedException(Reason.INVALID_OPTIONS, "a version range ("
            + source.get().version().orElseThrow() + ") is for nested profile sources: install"
            + " a tag and give the range as updatePolicy(UpdatePolicy.range(...))");
      }
      return source.get();
    }
    CatalogEntry entry = catalogEntry.orElseThrow(() -> new InstallRefusedException(
        Reason.INVALID_OPTIONS, "an install needs a source or a catalog entry"));
    String what = "catalog entry '" + entry.name() + "'"
        + entry.catalogSource().map(c -> " of catalog " + c).orElse("");
    String url = entry.url().orElseThrow(() -> new InstallRefusedException(
        Reason.INVALID_OPTIONS, what + " has no url"));
    String tag = entry.tag().orElseThrow(() -> new InstallRefusedException(
        Reason.INVALID_OPTIONS, what + " has no tag"));
    checkCatalogUrl(url, what);
    VersionTag version = versionTag(tag, what);
    try {
      return ProfileSource.builder().url(url).tag(tag)
          .path(version.profileName().orElse(".")).build();
    } catch (InvalidModelException e) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS, what + ": " + e.getMessage());
    }
  }

  /**
   * A catalog serves entries over the network: one pointing at this machine's files would make
   * the catalog decide what local files are copied into the GitOps repository.
   */
  private void checkCatalogUrl(String url, String what) throws UntrustedSourceException {
    SourceUrls.Kind kind;
    try {
      kind = sourcePolicy.checkRoot(url);
    } catch (UntrustedSourceException e) {
      throw new UntrustedSourceException(what + ": "
          + e.getMessage().replaceFirst("^source: ", ""));
    }
    if (kind == SourceUrls.Kind.LOCAL && !sourcePolicy.localSourcesAllowed()) {
      throw new UntrustedSourceException(what + " points at the local source '"
          + SafeUrls.redact(url) + "'; a catalog entry may not read this machine's files."
          + " Allow local sources explicitly (Profiles.builder().sourcePolicy("
          + "SourcePolicy.defaults().allowLocalSources(true))) if you trust it.");
    }
  }

  /** The entry's tag as a version: {@code <profile>/<semver>} with a valid name, or bare. */
  private static VersionTag versionTag(String tag, String what) throws InstallRefusedException {
    Optional<VersionTag> parsed = VersionTag.parse(tag);
    Optional<String> badName = parsed.flatMap(VersionTag::profileName)
        .filter(n -> !KubernetesNames.isLabel(n));
    if (parsed.isEmpty() || badName.isPresent()) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS, what + " has tag '"
          + dev.profiles.core.rules.ControlCharacters.visible(tag) + "', which is not a version"
          + " tag (<profile>/<semver> with one '/' and a valid profile name, or <semver>)");
    }
    return parsed.get();
  }

  private ProfileInstallation installation(String installName, GitRepositoryReference flux,
      ProfileSource resolveFrom) throws InstallRefusedException {
    try {
      Optional<CatalogReference> catalog = Optional.empty();
      if (catalogEntry.isPresent()) {
        CatalogEntry e = catalogEntry.get();
        VersionTag tag = versionTag(e.tag().orElse(""), "catalog entry '" + e.name() + "'");
        String catalogName = e.catalogSource().orElseThrow(() -> new InstallRefusedException(
            Reason.INVALID_OPTIONS, "catalog entry '" + e.name() + "' names no catalog source"));
        catalog = Optional.of(CatalogReference.of(catalogName, e.name(),
            tag.version().toString()));
      }
      // The record is committed: it never carries the URL's credentials.
      return ProfileInstallation.builder().name(installName).namespace(namespace)
          .source(resolveFrom.redacted()).catalog(catalog).gitRepository(flux)
          .configMap(configMap).updatePolicy(updatePolicy).build();
    } catch (InvalidModelException e) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS,
          "invalid installation: " + e.getMessage());
    }
  }

  /** Checks the target directory; answers whether an existing installation is replaced. */
  private boolean checkTarget(Installation target, String installName)
      throws ProfilesException {
    String dir = target.directory();
    boolean exists = target.exists(repository);
    if (exists) {
      String record = target.recordPath();
      Optional<byte[]> bytes = repository.readFile(record);
      if (bytes.isEmpty()) {
        throw new InstallRefusedException(Reason.TARGET_EXISTS, "'" + dir
            + "' exists but holds no " + Installation.RECORD_FILE + ", so it is no installation"
            + " to replace; choose another name or directory");
      }
      if (!replaceExisting) {
        throw new InstallRefusedException(Reason.TARGET_EXISTS, "'" + dir
            + "' already exists; choose another name or replace the installation explicitly");
      }
      ProfileInstallation existing = ProfileYaml.strict().readInstallation(record, bytes.get());
      if (!existing.name().equals(installName)) {
        throw new InstallRefusedException(Reason.TARGET_EXISTS, "'" + dir
            + "' holds installation '" + existing.name() + "', not '" + installName + "' ("
            + InstallationRecords.locate(record, bytes.get(), "metadata.name") + ")");
      }
      target.readRecord(repository);
    }
    refuseUncommitted(repository, dir, "commit or discard them first");
    return exists;
  }

  /**
   * Refuses a second installation of the same name in the same namespace elsewhere in the
   * repository: the two would render the same Flux objects (and share an update branch).
   */
  private void refuseNamesakes(ProfileInstallation record, String dir)
      throws ProfilesException {
    for (String path : Installation.findRecords(repository, ".")) {
      String other = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : ".";
      Optional<byte[]> bytes = other.equals(dir) ? Optional.empty() : repository.readFile(path);
      if (bytes.isEmpty()) {
        continue;
      }
      ProfileInstallation existing;
      try {
        existing = InstallationRecords.read(path, bytes.get());
      } catch (InvalidDocumentException e) {
        continue; // not an installation anything renders; listing reports it
      }
      if (existing.name().equals(record.name())
          && existing.namespace().equals(record.namespace())) {
        throw new InstallRefusedException(Reason.TARGET_EXISTS, "installation '"
            + record.name() + "' in namespace '" + record.namespace() + "' already exists in '"
            + other + "'; the two would render the same Flux objects: choose another name or"
            + " namespace");
      }
    }
  }

  /** Refuses when {@code dir} has uncommitted changes that writing would destroy. */
  static void refuseUncommitted(GitOpsRepository repository, String dir, String wayForward)
      throws ProfilesException {
    List<String> dirty = repository.uncommittedChanges(dir);
    if (!dirty.isEmpty()) {
      throw new InstallRefusedException(Reason.UNCOMMITTED_CHANGES, "'" + dir
          + "' has uncommitted changes (" + String.join(", ", dirty.subList(0,
              Math.min(5, dirty.size()))) + (dirty.size() > 5 ? ", ..." : "")
          + "); " + wayForward);
    }
  }
}
