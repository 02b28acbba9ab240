/**
 * Profile versions: {@link dev.profiles.core.version.Version} (semver 2.0 with optional
 * {@code v}), {@link dev.profiles.core.version.VersionTag} ({@code <profile>/<semver>} git
 * tags) and {@link dev.profiles.core.version.VersionConstraint} (npm/Helm ranges such as
 * {@code >=1.2 <2}, {@code ^1.2}, {@code 1.2.x}).
 */
package dev.profiles.core.version;
