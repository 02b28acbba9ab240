/**
 * Command-line benchmark: {@link dev.profiles.benchmarks.cli.CliBenchmark} times the packaged
 * {@code profiles} distribution as whole processes — {@code profiles add} against {@code git
 * clone --depth 1}, and {@code profiles version} with and without each start-up measure.
 */
package dev.profiles.benchmarks.cli;
