package dev.profiles.core.install;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.preview.ObjectExpander;
import dev.profiles.core.preview.Preview;
import dev.profiles.core.preview.PreviewException;
import dev.profiles.core.preview.internal.Engine;
import java.util.List;
import java.util.Optional;

/**
 * Previews what an install, upgrade (or refresh) or uninstall will do to the cluster, before
 * anything is written: the command is run as a {@link InstallCommand#dryRun(boolean) dry run},
 * and the {@link Change} it would commit is compared with the repository as it is — every
 * manifest of the installation directory on both sides, Flux objects expanded by the {@link
 * ObjectExpander}s into what they deploy (Flux objects are part of the result too, they are
 * applied as well), paired by id, diffed field by field, with a risk report.
 *
 * <p>Never writes: the GitOps repository stays byte-for-byte as it was. Each command refuses
 * what its real run would refuse (an existing target, uncommitted changes), with the same
 * typed errors. A manifest that does not parse is a located {@link
 * dev.profiles.core.yaml.InvalidDocumentException}; an expander's failure a {@link
 * PreviewException} naming the Flux object.
 *
 * <pre>{@code
 * Preview p = profiles.preview(repo)
 *     .of(profiles.upgrade(repo).installation("my-nginx").toVersion("v0.2.0"))
 *     .call();
 * Preview q = profiles.preview(repo).of(profiles.install(repo).source(src).name("web")).call();
 * Preview r = profiles.preview(repo).of(profiles.uninstall(repo).installation("web")).call();
 * }</pre>
 */
public final class PreviewCommand {
  private final GitOpsRepository repository;
  private List<ObjectExpander> expanders;
  private Optional<Body> body = Optional.empty();

  /** One of the commands a preview is of. */
  @FunctionalInterface
  private interface Body {
    Preview run(Engine engine) throws ProfilesException;
  }

  PreviewCommand(GitOpsRepository repository, List<ObjectExpander> expanders) {
    this.repository = repository;
    this.expanders = expanders;
  }

  /**
   * Preview this install (run as a dry run, whatever {@code install} is set to; it is left set
   * as it was; it must be of this preview's repository).
   */
  public PreviewCommand of(InstallCommand install) {
    same(required(install, "install").repository());
    body = Optional.of(engine -> {
      InstallResult r = asDryRun(install.isDryRun(), install::dryRun, install::call);
      return engine.preview(repository, Optional.of(r.change()), r.directory(),
          r.change().message(), List.of());
    });
    return this;
  }

  /**
   * Preview this upgrade or refresh (run as a dry run). An installation already up to date
   * previews as nothing changing; files the merge could not resolve are listed as {@link
   * Preview#conflicts()} and their objects left out of both sides.
   */
  public PreviewCommand of(UpgradeCommand upgrade) {
    same(required(upgrade, "upgrade").repository());
    body = Optional.of(engine -> {
      UpgradeResult r = asDryRun(upgrade.isDryRun(), upgrade::dryRun, upgrade::call);
      String what = r.change().map(Change::message).orElse(r.directory() + " is up to date ("
          + r.to().source().tag().orElse(r.to().source().effectiveBranch().orElse("?")) + ")");
      return engine.preview(repository, r.change(), r.directory(), what, r.conflicts());
    });
    return this;
  }

  /** Preview this uninstall (run as a dry run): every object of the installation removed. */
  public PreviewCommand of(UninstallCommand uninstall) {
    same(required(uninstall, "uninstall").repository());
    body = Optional.of(engine -> {
      UninstallResult r = asDryRun(uninstall.isDryRun(), uninstall::dryRun, uninstall::call);
      return engine.preview(repository, Optional.of(r.change()), r.directory(),
          r.change().message(), List.of());
    });
    return this;
  }

  /**
   * Preview a change computed elsewhere (a dry run's {@link InstallResult#change()}); it must
   * name its {@link Change#installation() installation} directory, the part of the repository
   * compared.
   */
  public PreviewCommand of(Change change) {
    return of(change, List.of());
  }

  /**
   * Preview a change computed elsewhere whose merge left {@code conflicts} (repository-relative
   * files with conflict markers, as {@link UpgradeResult#conflicts()} lists them): they are
   * listed as {@link Preview#conflicts()} and their objects left out of both sides, as {@link
   * #of(UpgradeCommand)} does.
   */
  public PreviewCommand of(Change change, List<String> conflicts) {
    Change c = required(change, "change");
    List<String> conflicting = List.copyOf(required(conflicts, "conflicts"));
    String dir = c.installation().orElseThrow(() -> new ProfilesConfigurationException(
        "a previewed change names its installation directory (Change.installation())"));
    body = Optional.of(engine -> engine.preview(repository, Optional.of(c), dir, c.message(),
        conflicting));
    return this;
  }

  /**
   * The expanders for this preview, replacing the {@link Profiles}' ({@code
   * Profiles.builder().expanders(...)}, else the {@link java.util.ServiceLoader} ones); an
   * empty list previews at Flux level.
   */
  public PreviewCommand expanders(List<ObjectExpander> expanders) {
    List<ObjectExpander> list = required(expanders, "expanders");
    if (list.stream().anyMatch(java.util.Objects::isNull)) {
      throw new ProfilesConfigurationException("expanders must not contain null");
    }
    this.expanders = List.copyOf(list);
    return this;
  }

  /**
   * Computes the preview.
   *
   * @throws InstallRefusedException when the previewed command would refuse (nothing written)
   * @throws PreviewException when a Flux object cannot be expanded from its inputs
   * @throws ProfilesException for every other failure (a manifest that does not parse,
   *     located); the repository is never written
   */
  public Preview call() throws ProfilesException {
    Body b = body.orElseThrow(() -> new ProfilesConfigurationException(
        "say what to preview: of(install), of(upgrade), of(uninstall) or of(change)"));
    return Guard.call("preview", () -> b.run(new Engine(expanders)));
  }

  private void same(GitOpsRepository other) {
    if (other != repository) {
      throw new ProfilesConfigurationException("a preview is of a command on the same GitOps"
          + " repository: profiles.preview(repo).of(profiles.install(repo)...)");
    }
  }

  private static <T> T required(T value, String name) {
    if (value == null) {
      throw new ProfilesConfigurationException(name + " must not be null");
    }
    return value;
  }

  /** A command's {@code call()}. */
  private interface Call<R> {
    R call() throws ProfilesException;
  }

  /** Runs {@code call} as a dry run, then sets the command's dry run back to {@code was}. */
  private static <R> R asDryRun(boolean was, java.util.function.Consumer<Boolean> dryRun,
      Call<R> call) throws ProfilesException {
    dryRun.accept(true);
    try {
      return call.call();
    } finally {
      dryRun.accept(was);
    }
  }
}
