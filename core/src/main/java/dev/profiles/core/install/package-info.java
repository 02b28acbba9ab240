/**
 * The contract between installing and rendering: a {@link
 * dev.profiles.core.install.ManifestRenderer} turns a {@link
 * dev.profiles.core.install.RenderRequest} (an installation record plus the resolved profile
 * tree) into {@link dev.profiles.core.install.RenderedFiles}, the exact files to commit to the
 * GitOps repository. Rendering is pure: it writes nothing, so installing can be all-or-nothing.
 */
package dev.profiles.core.install;
