/**
 * The Profiles SDK core: the exception hierarchy shared by every module.
 *
 * <p>The model lives in {@link dev.profiles.core.model}, versions in
 * {@link dev.profiles.core.version}, reading and writing documents in
 * {@link dev.profiles.core.yaml} and the rules shared by the model and the renderers (Kubernetes names, contained paths, dependency graphs) in
 * {@link dev.profiles.core.rules}.
 */
package dev.profiles.core;
