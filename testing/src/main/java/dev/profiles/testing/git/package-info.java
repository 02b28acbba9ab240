/**
 * Loopback git servers and repository fixtures, the git half of the test kit (like OkHttp's
 * mockwebserver, but for git): {@link dev.profiles.testing.git.ProfileRepoFixture} builds
 * profile repositories programmatically ({@link dev.profiles.testing.git.ProfileYamls} writes
 * their {@code profile.yaml}), {@link dev.profiles.testing.git.GitHttpServer} (smart HTTP, with
 * optional basic auth, TLS and fault injection) and {@link dev.profiles.testing.git.GitSshServer}
 * serve them on 127.0.0.1 ({@link dev.profiles.testing.git.SshAgent} holds SSH keys in a real
 * ssh-agent), {@link dev.profiles.testing.git.GitOpsRepoFixture} is a GitOps
 * repository to install into and {@link dev.profiles.testing.git.RepoState} proves it unchanged.
 * Nothing here depends on {@code profiles-git}: the servers speak git through JGit, so any
 * client can be tested against them.
 *
 * <pre>{@code
 * try (ProfileRepoFixture repo = ProfileRepoFixture.create(root.resolve("profiles.git"));
 *     GitHttpServer server = GitHttpServer.builder(root).start()) {
 *   repo.profile("nginx", ProfileYamls.profile("nginx").kustomize("app", "manifests").toYaml())
 *       .file("nginx/manifests/deploy.yaml", "kind: Deployment\n")
 *       .commit("nginx 0.1.0").tag("nginx/v0.1.0");
 *   String url = server.url("profiles.git"); // http://127.0.0.1:PORT/git/profiles.git
 * }
 * }</pre>
 */
package dev.profiles.testing.git;
