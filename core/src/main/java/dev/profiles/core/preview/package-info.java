/**
 * Previews: what an install, upgrade, uninstall or refresh will do to the cluster, computed
 * before anything is written — the Flux objects expanded into Kubernetes objects ({@link
 * dev.profiles.core.preview.ObjectExpander}), compared field by field, with a risk report.
 */
package dev.profiles.core.preview;
