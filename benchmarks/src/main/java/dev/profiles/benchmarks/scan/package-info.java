/**
 * Catalog scan benchmark: {@link dev.profiles.benchmarks.scan.CatalogScanBenchmark} scans a
 * repository with 1,000 tags with the SDK's scanner and compares it with a git CLI shallow clone
 * per tag and with a mirror clone plus {@code git cat-file --batch}, over smart HTTP on loopback.
 */
package dev.profiles.benchmarks.scan;
