/**
 * Install and upgrade benchmarks (JMH): a whole install into a GitOps repository that already
 * holds 10,000 files, and an upgrade of a 500-file installation carrying 50 user edits.
 */
package dev.profiles.benchmarks.install;
