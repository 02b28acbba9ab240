package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.InstallRefusedException.Reason;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.CatalogReference;
import dev.profiles.core.model.ImmutableProfileInstallation;
import dev.profiles.core.model.ImmutableProfileSource;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ProfileResolver;
import dev.profiles.core.rules.ContainedPaths;
import dev.profiles.core.version.Version;
import dev.profiles.core.version.VersionTag;
import java.util.List;
import java.util.Optional;

/**
 * Upgrades an installation to another version (catalog installs), or refreshes a branch
 * install, by three-way merge: base = what was installed, theirs = a fresh render of the new
 * version, ours = the installation directory as the user has it now. User edits that do not
 * clash with upstream changes survive; clashes are written with conflict markers and listed.
 *
 * <p>A clean result is committed in one commit. With conflicts nothing is committed: the merged
 * files (markers included) are left in the working tree, unstaged, for the user to resolve and
 * commit. Every other failure leaves the repository exactly as it was.
 *
 * <p>The installation record ({@code profile-installation.yaml}) is replaced, not merged: it is
 * the SDK's state. Manifests written by the original pctl (or by an older renderer) are first
 * brought to the renderer's current conventions ({@link ManifestRenderer#migrate}: retired Flux
 * API versions wherever they occur, formatting, defaults written out) so that they are not
 * mistaken for user edits.
 *
 * <p>Base: for a version upgrade, a fresh render of the installed version (so installations
 * written by the original pctl can be upgraded); for a refresh, the files the last install,
 * upgrade or refresh recorded as its baseline (its pristine render, before merging user edits),
 * found through the commit trailer {@code Profiles-Installation: <directory>}.
 *
 * <pre>{@code
 * UpgradeResult r = profiles.upgrade(repo).installation("my-nginx").toVersion("v0.2.0").call();
 * UpgradeResult r2 = profiles.upgrade(repo).installation("my-nginx").toLatest(finder).call();
 * UpgradeResult r3 = profiles.upgrade(repo).installation("dev-tools").refresh().call();
 * }</pre>
 */
public final class UpgradeCommand extends CommitOptions<UpgradeCommand> {
  private final ProfileResolver resolver;
  private final ManifestRenderer renderer;
  private final GitOpsRepository repository;
  private Optional<String> directory = Optional.empty();
  private Optional<String> version = Optional.empty();
  private Optional<UpdateFinder> latest = Optional.empty();
  private boolean refresh;

  UpgradeCommand(ProfileResolver resolver, ManifestRenderer renderer,
      GitOpsRepository repository) {
    this.resolver = resolver;
    this.renderer = renderer;
    this.repository = repository;
  }

  @Override
  UpgradeCommand self() {
    return this;
  }

  /** The installation directory, relative to the repository root (e.g. {@code my-nginx}). */
  public UpgradeCommand installation(String directory) {
    this.directory = Optional.of(directory);
    return this;
  }

  /** Upgrade a catalog install to {@code version} (e.g. {@code v0.2.0}). */
  public UpgradeCommand toVersion(String version) {
    this.version = Optional.of(version);
    return this;
  }

  /** Upgrade a catalog install to the highest version {@code finder} offers. */
  public UpgradeCommand toLatest(UpdateFinder finder) {
    this.latest = Optional.of(finder);
    return this;
  }

  /** Refresh a branch install to the branch's current head. */
  public UpgradeCommand refresh() {
    this.refresh = true;
    return this;
  }

  /**
   * Runs the upgrade or refresh.
   *
   * @throws InstallRefusedException when the options are missing or contradict each other, or
   *     the installation directory has uncommitted changes (nothing was written)
   * @throws dev.profiles.core.yaml.InvalidDocumentException when the installation record is
   *     invalid or inconsistent (its {@code metadata.name} does not name its directory, a
   *     catalog version that is not its tag's), located
   * @throws ProfilesException for every other failure; the repository is then as it was
   */
  public UpgradeResult call() throws ProfilesException {
    return Guard.call("upgrade", this::run);
  }

  private UpgradeResult run() throws ProfilesException {
    String given = directory.orElseThrow(() -> new InstallRefusedException(
        Reason.INVALID_OPTIONS, "name the installation directory to upgrade"));
    Optional<String> dirProblem = ContainedPaths.problem(given);
    if (dirProblem.isPresent()) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS,
          "installation directory: " + dirProblem.get());
    }
    String dir = ContainedPaths.normalize(given);
    if ((version.isPresent() ? 1 : 0) + (latest.isPresent() ? 1 : 0) + (refresh ? 1 : 0) != 1) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS,
          "choose exactly one of toVersion, toLatest and refresh");
    }
    String recordPath = dir + "/" + InstallCommand.INSTALLATION_FILE;
    byte[] recordBytes = repository.readFile(recordPath).orElseThrow(() ->
        new ProfilesException("no installation at '" + dir + "': " + recordPath + " is missing"));
    ProfileInstallation from = InstallationRecords.read(recordPath, recordBytes);
    List<String> dirty = repository.uncommittedChanges(dir);
    if (!dirty.isEmpty()) {
      throw new InstallRefusedException(Reason.UNCOMMITTED_CHANGES, "'" + dir
          + "' has uncommitted changes; commit your edits first so the upgrade can merge them");
    }
    Optional<ProfileInstallation> target = target(from);
    if (target.isEmpty()) {
      return UpgradeResult.builder().directory(dir).from(from).to(from).build();
    }
    ProfileInstallation to = target.get();
    String outDir = dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : ".";

    RenderRequest toRequest = request(to, outDir);
    RenderRequest installedRequest = refresh ? toRequest : request(from, outDir);
    RenderedFiles base = refresh
        ? repository.baseline(dir).orElseThrow(() ->
            new ProfilesException("cannot refresh '" + dir + "': no commit on HEAD records its"
                + " baseline (trailer " + GitOpsRepository.INSTALLATION_TRAILER + ": " + dir
                + "); was it installed by this SDK? Reinstall it with replaceExisting(true)"))
        : renderer.render(installedRequest);
    RenderedFiles theirs = renderer.render(toRequest);
    RenderedFiles.Builder oursBuilder = RenderedFiles.builder();
    for (String path : repository.listFiles(dir)) {
      oursBuilder.put(path, repository.readFile(path).orElseThrow(() -> new ProfilesException(
          "'" + path + "' is not a regular file (a link?); upgrades merge regular files only")));
    }
    RenderedFiles ours = oursBuilder.build();

    // The record is the SDK's own state, not user content: it is replaced, never merged.
    // Files written by another renderer (the original pctl) or an older version are brought to
    // today's conventions first, so that what differs only in form is not taken for an edit.
    RenderedFiles migrated = renderer.migrate(installedRequest, without(ours, recordPath));
    MergedFiles merged = repository.merge(without(base, recordPath), migrated,
        without(theirs, recordPath));
    merged = MergedFiles.builder().from(merged).files(with(merged.files(), recordPath,
        theirs.bytes(recordPath).orElseThrow())).build();
    var result = UpgradeResult.builder().directory(dir).from(from).to(to)
        .conflicts(merged.conflicts()).warnings(toRequest.profile().allWarnings());
    if (merged.files().equals(ours)) {
      return result.build();
    }
    String what = (refresh ? "Refresh " : "Upgrade ") + dir + " to "
        + to.source().tag().orElse(to.source().effectiveBranch().orElse("?"));
    Change change = installationChange(merged.files(), List.of(dir), what, dir, theirs);
    if (merged.conflicts().isEmpty()) {
      result.commit(repository.commit(change));
    } else {
      result.commitMessage(repository.write(change));
    }
    return result.build();
  }

  private static RenderedFiles without(RenderedFiles files, String path) {
    RenderedFiles.Builder out = RenderedFiles.builder();
    files.forEach((p, bytes) -> {
      if (!p.equals(path)) {
        out.put(p, bytes);
      }
    });
    return out.build();
  }

  private static RenderedFiles with(RenderedFiles files, String path, byte[] content) {
    RenderedFiles.Builder out = RenderedFiles.builder();
    files.forEach(out::put);
    return out.put(path, content).build();
  }

  private RenderRequest request(ProfileInstallation installation, String outDir)
      throws ProfilesException {
    return RenderRequest.builder().installation(installation)
        .profile(resolver.resolve(installation.source())).outputDirectory(outDir).build();
  }

  /** The installation record after the upgrade; empty when there is nothing newer. */
  private Optional<ProfileInstallation> target(ProfileInstallation from)
      throws ProfilesException {
    if (refresh) {
      if (from.source().isTag()) {
        throw new InstallRefusedException(Reason.INVALID_OPTIONS, "'" + from.name()
            + "' is pinned to tag " + from.source().tag().get() + "; upgrade it by version");
      }
      return Optional.of(from);
    }
    CatalogReference catalog = from.catalog().orElseThrow(() -> new InstallRefusedException(
        Reason.INVALID_OPTIONS, "'" + from.name() + "' was not installed from a catalog; only"
            + " catalog installs can be upgraded by version"));
    Version current = Version.tryParse(catalog.version()).orElseThrow(() ->
        new ProfilesException("installed version '" + catalog.version() + "' is not semver"));
    Version wanted;
    if (version.isPresent()) {
      wanted = Version.tryParse(version.get()).orElseThrow(() -> new InstallRefusedException(
          Reason.INVALID_OPTIONS, "'" + version.get() + "' is not a semantic version"));
    } else {
      Optional<Version> highest = Version.highest(latest.get().availableUpdates(catalog).stream()
          .map(CatalogEntry::versionTag).flatMap(Optional::stream).map(VersionTag::version)
          .toList());
      if (highest.isEmpty() || highest.get().comparePrecedence(current) <= 0) {
        return Optional.empty();
      }
      wanted = highest.get();
    }
    if (wanted.equals(current)) {
      return Optional.empty();
    }
    String oldTag = from.source().tag().orElseThrow(() -> new ProfilesException(
        "catalog install '" + from.name() + "' has no tag in its source"));
    String newTag = VersionTag.parse(oldTag).flatMap(VersionTag::profileName)
        .map(n -> VersionTag.of(n, wanted).toString()).orElse(wanted.toString());
    ProfileSource source = ImmutableProfileSource.copyOf(from.source()).withTag(newTag);
    return Optional.of(ImmutableProfileInstallation.copyOf(from).withSource(source)
        .withCatalog(CatalogReference.of(catalog.catalog(), catalog.profile(),
            wanted.toString())));
  }
}
