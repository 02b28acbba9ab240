/**
 * Preview benchmarks: {@link dev.profiles.benchmarks.preview.PreviewBenchmark} renders the
 * 1,000-artifact profile and previews it at Flux level (target: under 2 s), and {@link
 * dev.profiles.benchmarks.preview.ChartExpandBenchmark} expands a HelmRelease whose chart comes
 * from an HTTP chart repository on loopback (target: the whole upgrade preview under 1 s warm;
 * this measures the expansion part).
 */
package dev.profiles.benchmarks.preview;
