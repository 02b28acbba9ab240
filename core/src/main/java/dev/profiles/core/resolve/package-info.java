/**
 * What installing needs from wherever profiles live: a {@link
 * dev.profiles.core.resolve.ProfileResolver} that turns a source into a {@link
 * dev.profiles.core.resolve.ResolvedProfile} tree with read access to each profile's files.
 */
package dev.profiles.core.resolve;
