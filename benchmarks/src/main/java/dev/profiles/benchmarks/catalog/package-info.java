/**
 * Catalog benchmarks: {@link dev.profiles.benchmarks.catalog.CatalogSearchBenchmark} measures
 * search over a 100,000-entry {@link dev.profiles.core.catalog.CatalogIndex}. Results and how to
 * run them: {@code docs/benchmarks.md}, section Catalog.
 */
package dev.profiles.benchmarks.catalog;
