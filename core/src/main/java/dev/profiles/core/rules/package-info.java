/**
 * Rules shared by the model, the YAML reader and the renderers: Kubernetes names, paths that
 * must stay inside a profile directory, and dependency cycles. Each rule answers with an
 * {@code Optional} problem text so callers can collect every problem rather than stop at the
 * first.
 */
package dev.profiles.core.rules;
