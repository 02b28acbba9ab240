package dev.profiles.it;

import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.Signature;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.flux.FluxRenderer;
import dev.profiles.git.GitProfiles;
import dev.profiles.git.gitops.GitOpsRepositories;
import dev.profiles.git.gitops.JGitOpsRepository;
import dev.profiles.testing.git.GitOpsRepoFixture;
import dev.profiles.testing.git.ProfileRepoFixture;
import java.nio.file.Path;

/**
 * A GitOps repository bootstrapped for Flux, an upstream profile repository, and the SDK wired
 * with the real JGit resolver and the Flux renderer.
 */
final class GitOpsFixture implements AutoCloseable {
  static final Signature BOT = Signature.of("Bot", "bot@example.com");

  final Path gitops;
  private final GitOpsRepoFixture gitopsRepo;
  final ProfileRepoFixture upstream;
  final GitProfiles git;
  final JGitOpsRepository repo;
  final Profiles profiles;

  GitOpsFixture(Path tmp, boolean bootstrap) throws Exception {
    gitops = tmp.resolve("gitops");
    // The repository's user authors commits that name no author: the SDK never invents one.
    gitopsRepo = GitOpsRepoFixture.create(gitops).withUser("Ops", "ops@example.com");
    upstream = ProfileRepoFixture.create(tmp.resolve("upstream.git"));
    git = GitProfiles.builder().cacheDirectory(tmp.resolve("cache")).build();
    repo = GitOpsRepositories.open(gitops);
    // The fixtures' catalog entries point at loopback file:// repositories: opted in.
    profiles = Profiles.builder().resolver(git.asResolver()).renderer(new FluxRenderer())
        .versionLister(git.asVersionLister())
        .sourcePolicy(SourcePolicy.defaults().allowLocalSources(true)).build();
    if (bootstrap) {
      profiles.bootstrap(repo).author(BOT)
          .gitRepository(GitRepositoryReference.of("flux-system", "flux-system")).call();
    }
  }

  String url() {
    return upstream.url();
  }

  @Override
  public void close() throws Exception {
    repo.close();
    git.close();
    upstream.close();
    gitopsRepo.close();
  }
}
