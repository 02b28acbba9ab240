/**
 * Expanders for previews: {@link dev.profiles.preview.HelmReleaseExpander} renders a
 * HelmRelease's chart offline with the embedded Helm, {@link
 * dev.profiles.preview.KustomizationExpander} builds a Kustomization's path with kustomize.
 * Both are registered for {@link java.util.ServiceLoader} as
 * {@link dev.profiles.core.preview.ObjectExpander}s.
 */
package dev.profiles.preview;
