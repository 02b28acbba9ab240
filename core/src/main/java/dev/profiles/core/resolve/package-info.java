/**
 * What installing needs from wherever profiles live: a {@link
 * dev.profiles.core.resolve.ProfileResolver} that turns a source into a {@link
 * dev.profiles.core.resolve.ResolvedProfile} tree with read access to each profile's files.
 *
 * <p>Failures are typed subclasses of {@link dev.profiles.core.resolve.ResolveException}
 * (repository not found, authentication failed, unknown or changed host key, missing ref,
 * path or profile.yaml, unsafe content, size limits, profile cycles, transport failures), so
 * callers can react to each; an invalid profile.yaml surfaces as the reader's located
 * {@link dev.profiles.core.yaml.InvalidDocumentException}.
 */
package dev.profiles.core.resolve;
