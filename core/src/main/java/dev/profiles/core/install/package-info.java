/**
 * Installing, upgrading, uninstalling and listing profiles in a GitOps repository.
 *
 * <p>{@link dev.profiles.core.install.Profiles} is the entry point; it hands out {@link
 * dev.profiles.core.install.BootstrapCommand}, {@link dev.profiles.core.install.InstallCommand},
 * {@link dev.profiles.core.install.UpgradeCommand}, {@link
 * dev.profiles.core.install.UninstallCommand} and {@link dev.profiles.core.install.ListCommand},
 * each run by {@code call()}; install, upgrade and uninstall also do dry runs. The rules of an
 * installation (its directory, its record {@code profile-installation.yaml}, its files and the
 * change that writes them) live in one type, {@link dev.profiles.core.install.Installation}.
 *
 * <p>The commands depend only on interfaces that other modules implement: a {@link
 * dev.profiles.core.resolve.ProfileResolver} (profiles-git), a {@link
 * dev.profiles.core.install.ManifestRenderer} (profiles-flux-render) turning a {@link
 * dev.profiles.core.install.RenderRequest} into {@link dev.profiles.core.install.RenderedFiles}
 * relative to the installation, a {@link dev.profiles.core.install.GitOpsRepository}
 * (profiles-git, JGit) applying a {@link dev.profiles.core.install.Change} all or nothing, a
 * {@link dev.profiles.core.install.Merger} (profiles-git, found as a service), and optionally a
 * {@link dev.profiles.core.install.VersionLister} (profiles-git) and an {@link
 * dev.profiles.core.install.UpdateFinder} (profiles-catalog-client). In-memory implementations
 * are in {@code dev.profiles.core.memory}. Rendering is pure: it writes nothing, so installing
 * can be all or nothing.
 */
package dev.profiles.core.install;
