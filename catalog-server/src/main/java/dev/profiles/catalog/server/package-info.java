/**
 * The catalog server: serves the catalog HTTP API (spec §6) from an in-memory {@link
 * dev.profiles.core.catalog.CatalogIndex} fed by {@code ProfileCatalogSource} files in a
 * directory, rescanned on an interval, with per-source problems on {@code GET /v1/status}.
 * Start it with {@link dev.profiles.catalog.server.CatalogServer#builder()}, or run the jar.
 */
package dev.profiles.catalog.server;
