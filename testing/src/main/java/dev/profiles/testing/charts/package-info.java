/** Helm chart fixtures for tests: a chart repository served on loopback. */
package dev.profiles.testing.charts;
