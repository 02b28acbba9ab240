package dev.profiles.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.Signature;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.flux.FluxRenderer;
import dev.profiles.git.GitProfiles;
import dev.profiles.git.gitops.GitOpsRepositories;
import dev.profiles.git.gitops.JGitOpsRepository;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.GitOpsRepoFixture;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import dev.profiles.testing.junit.ProfilesTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ProfilesTest
class NginxInstallTest {
  @Test
  void installsAProfileServedOverHttp(ProfileRepoFixture upstream, GitHttpServer server,
      GitOpsRepoFixture gitops, @TempDir Path cache) throws Exception {
    upstream.profile("nginx", ProfileYamls.profile("nginx").kustomize("app", "manifests").toYaml())
        .file("nginx/manifests/deploy.yaml", "kind: Deployment\n")
        .commit("nginx 0.1.0").tag("nginx/v0.1.0");
    Signature bot = Signature.of("Bot", "bot@example.com");

    try (GitProfiles git = GitProfiles.builder().allowHttp(true).cacheDirectory(cache).build();
        JGitOpsRepository repo = GitOpsRepositories.open(gitops.directory())) {
      Profiles profiles = Profiles.builder().resolver(git.asResolver())
          .renderer(new FluxRenderer()).build();
      profiles.bootstrap(repo).author(bot)
          .gitRepository(GitRepositoryReference.of("flux-system", "flux-system")).call();
      profiles.install(repo).author(bot).name("my-nginx")
          .source(ProfileSource.ofTag(server.url("profiles.git"), "nginx/v0.1.0")).call();
    }

    assertThat(Files.exists(gitops.directory().resolve("my-nginx"))).isTrue();
    assertThat(gitops.git().status().call().isClean()).isTrue();
  }
}
