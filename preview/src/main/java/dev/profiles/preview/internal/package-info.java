/** Implementation of the expanders: chart sources, values merging, Helm and kustomize runs. Not API. */
package dev.profiles.preview.internal;
