/**
 * Git resolution benchmark: {@link dev.profiles.benchmarks.git.GitResolveBenchmark} compares a
 * cold and a warm resolve with {@code git clone --depth 1} over smart HTTP on loopback.
 */
package dev.profiles.benchmarks.git;
