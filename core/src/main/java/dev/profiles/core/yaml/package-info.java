/**
 * Reading and writing Profiles documents with SnakeYAML Engine: strict, safe, located errors
 * ({@link dev.profiles.core.yaml.InvalidDocumentException}), deterministic output. Entry point:
 * {@link dev.profiles.core.yaml.ProfileYaml}.
 */
package dev.profiles.core.yaml;
