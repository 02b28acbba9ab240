/**
 * Catalog semantics shared by the catalog server and its clients: the in-memory {@link
 * dev.profiles.core.catalog.CatalogIndex} (search, deterministic order, {@code latest},
 * available updates by semver precedence) and the {@link
 * dev.profiles.core.catalog.RepositoryScanner} seam through which profile repositories are
 * turned into catalog entries.
 */
package dev.profiles.core.catalog;
