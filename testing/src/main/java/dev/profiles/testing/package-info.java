/**
 * Unit-testing support for profile authors and platform teams, shipped as its own module like
 * OkHttp's mockwebserver: read a profile straight from a directory on disk ({@link
 * dev.profiles.testing.LocalProfiles}), render it ({@link dev.profiles.testing.ProfileTesting}),
 * and assert on both in AssertJ's style ({@link dev.profiles.testing.ProfileAssertions}).
 *
 * <pre>{@code
 * ResolvedProfile nginx = LocalProfiles.read(Path.of("profiles/nginx"));
 * assertThat(nginx.definition()).hasArtifact("crds").artifact("nginx-server").isRemoteChart().dependsOn("crds");
 * assertThat(ProfileTesting.render(nginx, "my-nginx")).hasValidManifests()
 *     .containsPath("my-nginx/artifacts/crds/kustomize-flux.yaml");
 * }</pre>
 *
 * <p>For code that resolves from git or writes to a GitOps repository, {@link
 * dev.profiles.testing.git} has loopback smart-HTTP and SSH git servers and repository
 * fixtures, and {@link dev.profiles.testing.junit.ProfilesTest} injects them into JUnit 5 tests:
 *
 * <pre>{@code
 * @ProfilesTest
 * class MyInstallTest {
 *   @Test
 *   void installs(ProfileRepoFixture upstream, GitHttpServer server, GitOpsRepoFixture gitops) {
 *     // upstream is served as server.url("profiles.git"); gitops has one commit on main
 *   }
 * }
 * }</pre>
 *
 * <p>The fast path needs no git at all: core's in-memory fakes, {@code
 * dev.profiles.core.memory.InMemoryGitOpsRepository} and {@code
 * dev.profiles.core.memory.InMemoryProfileResolver} (in {@code profiles-core}), run the install
 * commands in milliseconds; use the loopback servers and repositories here when what is tested
 * is the git side (transports, credentials, history, pushes).
 */
package dev.profiles.testing;
