/**
 * Rendering benchmarks: {@link dev.profiles.benchmarks.render.RenderBenchmark} renders a
 * 1,000-artifact profile with {@code FluxRenderer} (target: under 50 ms) and validates the result.
 */
package dev.profiles.benchmarks.render;
