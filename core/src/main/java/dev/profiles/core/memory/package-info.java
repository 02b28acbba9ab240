/**
 * In-memory implementations of the ports the install commands use, for tests and for dry runs
 * or previews that must not touch a real repository: {@link
 * dev.profiles.core.memory.InMemoryGitOpsRepository} (a GitOps repository: working tree,
 * commits, branches, baselines), {@link dev.profiles.core.memory.InMemoryProfileResolver}
 * (profiles by source, and their version tags) and {@link
 * dev.profiles.core.memory.InMemoryProfileDirectory} (a profile's files). They keep the same
 * guarantees as the real implementations: all-or-nothing changes, no invented author,
 * contained paths.
 *
 * <pre>{@code
 * InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create()
 *     .withConfiguredUser(Signature.of("Ops", "ops@example.com"));
 * InMemoryProfileResolver resolver = new InMemoryProfileResolver();
 * resolver.put(ProfileSource.ofTag("https://example.com/p", "nginx/v0.1.0"), definition, Map.of());
 * }</pre>
 */
package dev.profiles.core.memory;
