/**
 * Profile versions: {@link dev.profiles.core.version.Version} (semver 2.0 with optional
 * {@code v}) and {@link dev.profiles.core.version.VersionTag} ({@code <profile>/<semver>} git
 * tags).
 */
package dev.profiles.core.version;
