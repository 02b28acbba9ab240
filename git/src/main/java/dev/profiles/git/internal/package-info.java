/**
 * Implementation of {@code dev.profiles.git}: cache, transports, tree reading, resolution. Not
 * an API; may change at any time.
 */
package dev.profiles.git.internal;
