/**
 * Installing, upgrading and listing profiles in a GitOps repository.
 *
 * <p>{@link dev.profiles.core.install.Profiles} is the entry point; it hands out {@link
 * dev.profiles.core.install.BootstrapCommand}, {@link dev.profiles.core.install.InstallCommand},
 * {@link dev.profiles.core.install.UpgradeCommand} and {@link
 * dev.profiles.core.install.ListCommand}, each run by {@code call()}. They depend only on
 * interfaces that other modules implement: a {@link dev.profiles.core.resolve.ProfileResolver}
 * (profiles-git), a {@link dev.profiles.core.install.ManifestRenderer} (profiles-flux-render)
 * turning a {@link dev.profiles.core.install.RenderRequest} into {@link
 * dev.profiles.core.install.RenderedFiles}, a {@link dev.profiles.core.install.GitOpsRepository}
 * (profiles-git, JGit) applying a {@link dev.profiles.core.install.Change} all or nothing, and
 * optionally an {@link dev.profiles.core.install.UpdateFinder} (profiles-catalog-client).
 * Rendering is pure: it writes nothing, so installing can be all or nothing.
 */
package dev.profiles.core.install;
