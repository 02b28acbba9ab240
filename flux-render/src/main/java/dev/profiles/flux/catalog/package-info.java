/**
 * The catalog's own installation, the GitOps way (the equivalent of {@code pctl install}): the
 * Profiles CRDs, the catalog controller's Deployment, its Service, least-privilege RBAC and a
 * Flux Kustomization, rendered as one directory of a GitOps repository and committed through
 * {@link dev.profiles.core.install.DirectoryCommand}.
 */
package dev.profiles.flux.catalog;
