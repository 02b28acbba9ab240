/**
 * Preview benchmarks: {@link dev.profiles.benchmarks.preview.PreviewBenchmark} renders the
 * 1,000-artifact profile and previews it at Flux level (target: under 2 s).
 */
package dev.profiles.benchmarks.preview;
