/**
 * Implementation of the {@code dev.profiles.flux} API: the artifact tree and naming rules, the
 * hand-modelled Flux objects, the deterministic YAML writer, and the structural-schema validator.
 * Not an API: anything here may change without notice.
 */
package dev.profiles.flux.internal;
