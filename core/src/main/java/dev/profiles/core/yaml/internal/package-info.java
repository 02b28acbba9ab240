/** Internals of the YAML layer; not API, may change without notice. */
package dev.profiles.core.yaml.internal;
