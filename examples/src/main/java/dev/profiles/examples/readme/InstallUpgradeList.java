package dev.profiles.examples.readme;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.InstallResult;
import dev.profiles.core.install.ListResult;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.Signature;
import dev.profiles.core.install.UpgradeResult;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.flux.FluxRenderer;
import dev.profiles.git.GitCredentials;
import dev.profiles.git.GitProfiles;
import dev.profiles.git.gitops.GitOpsRepositories;
import dev.profiles.git.gitops.JGitOpsRepository;
import java.nio.file.Path;

public class InstallUpgradeList {
  public static void main(String[] args) throws ProfilesException {
    Signature bot = Signature.of("Platform Bot", "platform-bot@example.com");
    try (GitProfiles git = GitProfiles.builder()                   // profiles-git: reads profiles
            .cacheDirectory(Path.of("/var/cache/profiles"))
            .credentials("github.com", GitCredentials.token(System.getenv("GIT_TOKEN")))
            .build();
         JGitOpsRepository repo = GitOpsRepositories.open(Path.of("/srv/gitops"))) {
      Profiles profiles = Profiles.builder()
          .resolver(git.asResolver())
          .versionLister(git.asVersionLister())                    // toLatest() reads tags
          .renderer(new FluxRenderer())                            // profiles-flux-render
          .build();

      // Once per GitOps repository: which Flux GitRepository syncs it (.pctl/config.yaml).
      profiles.bootstrap(repo).author(bot)
          .gitRepository(GitRepositoryReference.of("flux-system", "flux-system")).call();

      InstallResult installed = profiles.install(repo).author(bot)
          .source(ProfileSource.ofTag("https://github.com/org/profiles", "nginx/v0.1.0"))
          .name("my-nginx").namespace("web").configMap("my-nginx-values")
          .call();                                                 // one commit, or nothing
      installed.warnings().forEach(System.err::println);           // fields of older formats

      UpgradeResult upgraded = profiles.upgrade(repo).author(bot)
          .installation("my-nginx").toVersion("v0.2.0").call();    // three-way merge
      upgraded.conflicts().forEach(System.err::println);           // none when committed

      ListResult all = profiles.list(repo).call();                 // every installation
      all.installations().forEach(i -> System.out.println(i.directory()));

      profiles.uninstall(repo).author(bot).installation("my-nginx").dryRun(true).call();
    }
  }
}
