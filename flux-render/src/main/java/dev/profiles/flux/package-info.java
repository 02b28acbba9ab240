/**
 * Flux rendering and validation for Profiles: {@link dev.profiles.flux.FluxRenderer} turns a
 * resolved profile into the Flux manifests of an installation, and {@link
 * dev.profiles.flux.ManifestValidator} checks any manifests against the vendored Flux CRD
 * schemas.
 */
package dev.profiles.flux;
