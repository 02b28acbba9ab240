package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.InstallRefusedException.Reason;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.CatalogReference;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ProfileResolver;
import dev.profiles.core.rules.ContainedPaths;
import dev.profiles.core.version.Version;
import dev.profiles.core.version.VersionTag;
import java.util.List;
import java.util.Optional;

/**
 * Upgrades an installation to another version, or refreshes a branch install, by three-way
 * merge: base = what was installed, theirs = a fresh render of the new version, ours = the
 * installation directory as the user has it now. User edits that do not clash with upstream
 * changes survive; clashes are written with conflict markers and listed.
 *
 * <p>Which way forward fits which installation:
 * <ul>
 *   <li>installed from a tag (url + tag, or a catalog entry): {@link #toVersion(String)} (the
 *       tag keeps its form: {@code nginx/v0.1.0} becomes {@code nginx/v0.2.0}, a bare {@code
 *       v0.1.0} becomes {@code v0.2.0}), {@link #toLatest()} (the highest release tag of the
 *       profile in its repository, through the {@link Profiles}' {@link VersionLister}), or
 *       for catalog installs {@link #toLatest(UpdateFinder)} (the highest version the catalog
 *       offers);
 *   <li>installed from a branch: {@link #refresh()} to the branch's current head.
 * </ul>
 * Asking for the other kind is refused with {@link InstallRefusedException} naming the one
 * that fits.
 *
 * <p>A clean result is committed in one commit. With conflicts nothing is committed: the merged
 * files (markers included) are left in the working tree, unstaged, for the user to resolve and
 * commit. Every other failure leaves the repository exactly as it was. A {@link
 * #dryRun(boolean) dry run} computes the same and writes nothing.
 *
 * <p>The installation record ({@code profile-installation.yaml}) is replaced, not merged: it is
 * the SDK's state ({@link Installation}). Manifests written by the original pctl (or by an
 * older renderer) are first brought to the renderer's current conventions ({@link
 * ManifestRenderer#migrate}) so that they are not mistaken for user edits.
 *
 * <p>Base: for a version upgrade, a fresh render of the installed version (so installations
 * written by the original pctl can be upgraded); for a refresh, the baseline the last install,
 * upgrade or refresh recorded ({@link Change#baseline()}, its pristine render).
 *
 * <pre>{@code
 * UpgradeResult r = profiles.upgrade(repo).installation("my-nginx").toVersion("v0.2.0").call();
 * UpgradeResult r2 = profiles.upgrade(repo).installation("my-nginx").toLatest().call();
 * UpgradeResult r3 = profiles.upgrade(repo).installation("dev-tools").refresh().call();
 * }</pre>
 */
public final class UpgradeCommand extends CommitOptions<UpgradeCommand> {
  private final ProfileResolver resolver;
  private final ManifestRenderer renderer;
  private final Optional<Merger> merger;
  private final Optional<VersionLister> versionLister;
  private final GitOpsRepository repository;
  private Optional<String> directory = Optional.empty();
  private Optional<String> version = Optional.empty();
  private Optional<UpdateFinder> latest = Optional.empty();
  private boolean latestTag;
  private boolean refresh;
  private boolean dryRun;

  UpgradeCommand(ProfileResolver resolver, ManifestRenderer renderer, Optional<Merger> merger,
      Optional<VersionLister> versionLister, GitOpsRepository repository) {
    this.resolver = resolver;
    this.renderer = renderer;
    this.merger = merger;
    this.versionLister = versionLister;
    this.repository = repository;
  }

  @Override
  UpgradeCommand self() {
    return this;
  }

  /** The repository this command changes (a preview checks it is its own). */
  GitOpsRepository repository() {
    return repository;
  }

  /** The installation directory, relative to the repository root (e.g. {@code my-nginx}). */
  public UpgradeCommand installation(String directory) {
    this.directory = Optional.of(directory);
    return this;
  }

  /**
   * Upgrade a tag install (url + tag, or catalog) to {@code version} (e.g. {@code v0.2.0});
   * the tag keeps its profile prefix and its {@code v}. The whole tag ({@code nginx/v0.2.0})
   * is accepted too when its profile is the installed one's; another profile's is refused.
   */
  public UpgradeCommand toVersion(String version) {
    if (version == null) {
      throw new dev.profiles.core.ProfilesConfigurationException("version must not be null");
    }
    this.version = Optional.of(version);
    return this;
  }

  /** Upgrade a catalog install to the highest version {@code finder} offers. */
  public UpgradeCommand toLatest(UpdateFinder finder) {
    if (finder == null) {
      throw new dev.profiles.core.ProfilesConfigurationException("finder must not be null");
    }
    this.latest = Optional.of(finder);
    return this;
  }

  /**
   * Upgrade a tag install to the highest release (not pre-release) tag of its profile in its
   * repository, as the {@link Profiles}' {@link VersionLister} lists them.
   */
  public UpgradeCommand toLatest() {
    this.latestTag = true;
    return this;
  }

  /** Refresh a branch install to the branch's current head. */
  public UpgradeCommand refresh() {
    this.refresh = true;
    return this;
  }

  /** Whether this is set to be a dry run (for {@link PreviewCommand}, which puts it back). */
  boolean isDryRun() {
    return dryRun;
  }

  /**
   * Compute the upgrade, refuse as a real run would, but write nothing: {@link #call()} returns
   * the {@link UpgradeResult#change() change} it would commit (or write with conflicts).
   */
  public UpgradeCommand dryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  /**
   * Runs the upgrade or refresh.
   *
   * @throws InstallRefusedException when the options are missing, contradict each other or do
   *     not fit the installation, the directory holds no installation, or it has uncommitted
   *     changes (nothing was written)
   * @throws dev.profiles.core.yaml.InvalidDocumentException when the installation record is
   *     invalid or inconsistent (its {@code metadata.name} does not name its directory, a
   *     catalog version that is not its tag's), located
   * @throws ProfilesException for every other failure; the repository is then as it was
   */
  public UpgradeResult call() throws ProfilesException {
    return Guard.call("upgrade", this::run);
  }

  private UpgradeResult run() throws ProfilesException {
    Installation inst = Installation.at(directory.orElseThrow(() -> new InstallRefusedException(
        Reason.INVALID_OPTIONS, "name the installation directory to upgrade")));
    String dir = inst.directory();
    if ((version.isPresent() ? 1 : 0) + (latest.isPresent() ? 1 : 0) + (latestTag ? 1 : 0)
        + (refresh ? 1 : 0) != 1) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS,
          "choose exactly one of toVersion, toLatest and refresh");
    }
    ProfileInstallation from = inst.readRecord(repository).orElseThrow(() ->
        new InstallRefusedException(Reason.NOT_AN_INSTALLATION, "no installation at '" + dir
            + "': " + inst.recordPath() + " is missing"));
    InstallCommand.refuseUncommitted(repository, dir,
        "commit your edits first so the upgrade can merge them");
    Optional<ProfileInstallation> target = target(from);
    if (target.isEmpty()) {
      return UpgradeResult.builder().directory(dir).from(from).to(from).dryRun(dryRun).build();
    }
    ProfileInstallation to = target.get();
    Merger merge = merger.orElseThrow(() -> new InstallRefusedException(Reason.INVALID_OPTIONS,
        "upgrading merges files, and no Merger is known: put profiles-git on the class path"
            + " or set Profiles.builder().merger(...)"));

    RenderRequest toRequest = inst.request(to, resolver.resolve(to.source()));
    RenderRequest installedRequest = refresh ? toRequest
        : inst.request(from, resolver.resolve(from.source()));
    RenderedFiles base = refresh
        ? inst.baseline(repository).orElseThrow(() -> new InstallRefusedException(
            Reason.NOT_AN_INSTALLATION, "cannot refresh '" + dir + "': no commit on HEAD"
                + " records its baseline; was it installed by this SDK? Reinstall it with"
                + " replaceExisting(true)"))
        : renderer.render(installedRequest);
    RenderedFiles theirs = renderer.render(toRequest);
    RenderedFiles ours = inst.files(repository);

    // Files written by another renderer (the original pctl) or an older version are brought to
    // today's conventions first, so that what differs only in form is not taken for an edit.
    RenderedFiles migrated = renderer.migrate(installedRequest, ours);
    MergedFiles merged = merge.merge(base, migrated, theirs);
    var result = UpgradeResult.builder().directory(dir).from(from).to(to).dryRun(dryRun)
        .conflicts(merged.conflicts().stream().map(p -> dir + "/" + p).toList())
        .warnings(toRequest.profile().allWarnings());
    RenderedFiles placed = inst.place(to, merged.files());
    RenderedFiles.Builder now = RenderedFiles.builder();
    ours.forEach((p, b) -> now.put(dir + "/" + p, b));
    repository.readFile(inst.recordPath()).ifPresent(b -> now.put(inst.recordPath(), b));
    if (placed.equals(now.build())) {
      return result.build();
    }
    String what = (refresh ? "Refresh " : "Upgrade ") + dir + " to "
        + to.source().tag().orElse(to.source().effectiveBranch().orElse("?"));
    Change change = inst.change(this, to, merged.files(), theirs, true, what);
    result.change(change);
    if (dryRun) {
      return result.build();
    }
    if (merged.conflicts().isEmpty()) {
      result.commit(repository.commit(change));
    } else {
      result.commitMessage(repository.write(change));
    }
    return result.build();
  }

  /** The installation record after the upgrade; empty when there is nothing newer. */
  private Optional<ProfileInstallation> target(ProfileInstallation from)
      throws ProfilesException {
    ProfileSource source = from.source();
    if (refresh) {
      if (source.isTag()) {
        throw new InstallRefusedException(Reason.UNSUPPORTED_UPGRADE, "'" + from.name()
            + "' is pinned to tag " + source.tag().get() + ", so there is nothing to refresh:"
            + " upgrade it with toVersion(\"<version>\") or toLatest()"
            + (from.catalog().isPresent() ? " or toLatest(updateFinder)" : ""));
      }
      return Optional.of(from);
    }
    if (!source.isTag()) {
      throw new InstallRefusedException(Reason.UNSUPPORTED_UPGRADE, "'" + from.name()
          + "' follows branch " + source.effectiveBranch().orElse("?") + ", which has no"
          + " versions: refresh() it to the branch's current head, or reinstall it from a tag"
          + " (install with a tag source and replaceExisting(true)) to upgrade by version");
    }
    String oldTagName = source.tag().get();
    VersionTag oldTag = VersionTag.parse(oldTagName).orElseThrow(() ->
        new InstallRefusedException(Reason.UNSUPPORTED_UPGRADE, "'" + from.name()
            + "' is pinned to tag '" + oldTagName + "', which is not a version tag"
            + " (<profile>/<semver> or <semver>), so it has no next version: reinstall it from"
            + " a version tag with replaceExisting(true)"));
    Version current = oldTag.version();
    Optional<CatalogReference> catalog = from.catalog();
    if (latest.isPresent() && catalog.isEmpty()) {
      throw new InstallRefusedException(Reason.UNSUPPORTED_UPGRADE, "'" + from.name()
          + "' was not installed from a catalog, so a catalog has no updates for it: upgrade"
          + " it with toLatest() (its repository's tags) or toVersion(\"<version>\")");
    }
    String newTag;
    Version wanted;
    if (version.isPresent()) {
      String text = versionOfTag(version.get(), oldTag);
      Version asked = Version.tryParse(text).orElseThrow(() ->
          new InstallRefusedException(Reason.INVALID_OPTIONS, "'"
              + dev.profiles.core.rules.ControlCharacters.visible(text)
              + "' is not a semantic version"));
      wanted = asked.withPrefix(current.hasPrefix());
      newTag = tag(oldTag, wanted);
    } else if (latest.isPresent()) {
      Optional<Version> highest = Version.highest(latest.get().availableUpdates(catalog.get())
          .stream().map(CatalogEntry::versionTag).flatMap(Optional::stream)
          .map(VersionTag::version).toList());
      if (highest.isEmpty() || highest.get().comparePrecedence(current) <= 0) {
        return Optional.empty();
      }
      wanted = highest.get().withPrefix(current.hasPrefix());
      newTag = tag(oldTag, wanted);
    } else {
      VersionLister lister = versionLister.orElseThrow(() -> new InstallRefusedException(
          Reason.INVALID_OPTIONS, "toLatest() reads the repository's tags, and no"
              + " VersionLister is known: set Profiles.builder().versionLister("
              + "gitProfiles.asVersionLister())"));
      Optional<VersionTag> best = Optional.empty();
      for (VersionTag t : lister.versionTags(source.url())) {
        if (t.profileName().equals(oldTag.profileName()) && !t.version().isPreRelease()
            && (best.isEmpty() || t.version().comparePrecedence(best.get().version()) > 0)) {
          best = Optional.of(t);
        }
      }
      if (best.isEmpty() || best.get().version().comparePrecedence(current) <= 0) {
        return Optional.empty();
      }
      wanted = best.get().version();
      newTag = best.get().toString();
    }
    if (wanted.equals(current)) {
      return Optional.empty();
    }
    ProfileSource newSource = ProfileSource.builder().from(source).tag(newTag).build();
    ProfileInstallation.Builder out = ProfileInstallation.builder().from(from).source(newSource);
    catalog.ifPresent(c -> out.catalog(CatalogReference.of(c.catalog(), c.profile(),
        wanted.toString())));
    return Optional.of(out.build());
  }

  /**
   * The version {@code asked} names: itself, or the version of a whole tag ({@code
   * nginx/v0.2.0}) of the installed profile.
   */
  private static String versionOfTag(String asked, VersionTag installed)
      throws InstallRefusedException {
    int slash = asked.lastIndexOf('/');
    if (slash < 0) {
      return asked;
    }
    String profile = asked.substring(0, slash);
    if (!installed.profileName().equals(Optional.of(profile))) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS, "'"
          + dev.profiles.core.rules.ControlCharacters.visible(asked) + "' is a tag of profile '"
          + dev.profiles.core.rules.ControlCharacters.visible(profile)
          + "', and the installation is tagged " + installed + ": give the version alone");
    }
    return asked.substring(slash + 1);
  }

  private static String tag(VersionTag old, Version wanted) {
    return old.profileName().map(n -> VersionTag.of(n, wanted).toString())
        .orElse(VersionTag.bare(wanted).toString());
  }
}
