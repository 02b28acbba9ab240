package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchException;

import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.install.Signature;
import dev.profiles.core.memory.InMemoryGitOpsRepository;
import dev.profiles.core.memory.InMemoryProfileDirectory;
import dev.profiles.core.memory.InMemoryProfileResolver;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.KustomizeArtifact;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.flux.FluxRenderer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each SDK message whose advice names Java API is given the command line's advice instead
 * ({@link Main#forTerminal}); the exceptions come from the real SDK, so a rewording of the
 * SDK's text fails here rather than reaching a terminal user as advice about Java methods. (A
 * missing commit identity, worded by the git module, is pinned by {@code CliInstallTest}.)
 */
class TerminalAdviceTest {
  private final InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create();
  private final Profiles profiles = Profiles.builder().resolver(new InMemoryProfileResolver())
      .renderer(new FluxRenderer()).build();

  private static String advice(Exception e) {
    return Main.forTerminal(e, e.getMessage());
  }

  @Test
  void noGitRepositoryKnownNamesTheFlagAndBootstrap() {
    Exception e = catchException(() -> profiles.install(repo)
        .source(ProfileSource.ofTag("https://example.com/p", "p/v1.0.0")).name("p").call());
    assertThat(advice(e)).isEqualTo("no Flux GitRepository is known for this GitOps"
        + " repository: give --git-repository NS/NAME, or record it once with profiles"
        + " bootstrap --git-repository NS/NAME");
  }

  @Test
  void aLocalCatalogEntryNamesTheFlag() {
    CatalogEntry entry = CatalogEntry.builder().name("nginx").tag("nginx/v0.1.0")
        .url("file:///srv/profiles").catalogSource("cat").build();
    Exception e = catchException(() -> profiles.install(repo).fromCatalog(entry).name("n")
        .gitRepository(GitRepositoryReference.of("flux-system", "flux")).call());
    assertThat(advice(e)).endsWith("Allow local sources with --allow-local-sources if you"
        + " trust it.").doesNotContain("Profiles.builder");
  }

  @Test
  void aVersionForABranchInstallNamesLatestAndAReinstall() throws Exception {
    InMemoryProfileResolver resolver = new InMemoryProfileResolver();
    ProfileSource branch = ProfileSource.ofBranch("https://example.com/p", "main", "web");
    resolver.put(branch, ProfileDefinition.builder().name("web").description("d")
        .addArtifacts(KustomizeArtifact.builder().name("web").path("m").build()).build(),
        InMemoryProfileDirectory.ofText(Map.of("m/a.yaml", "a: 1\n")));
    Profiles sdk = Profiles.builder().resolver(resolver).renderer(new FluxRenderer()).build();
    InMemoryGitOpsRepository configured = InMemoryGitOpsRepository.create()
        .withConfiguredUser(Signature.of("Ops", "ops@example.com"));
    sdk.install(configured).source(branch).name("web")
        .gitRepository(GitRepositoryReference.of("flux-system", "flux")).call();
    Exception e = catchException(() -> sdk.upgrade(configured).installation("web")
        .toVersion("v0.2.0").call());
    assertThat(advice(e)).isEqualTo("'web' follows branch main, which has no versions: upgrade"
        + " it with --latest to the branch's current head, or reinstall it from a tag (profiles"
        + " add --replace --profile-tag TAG ...) to upgrade by version");
  }

  @Test
  void aDirectoryWithOtherContentNamesReplace() throws Exception {
    InMemoryGitOpsRepository configured = InMemoryGitOpsRepository.create()
        .withConfiguredUser(Signature.of("Ops", "ops@example.com"));
    configured.writeFile("d/a.yaml", "a: 1\n");
    configured.commitAll("user", Signature.of("Ops", "ops@example.com"));
    Exception e = catchException(() -> Profiles.directory(configured).directory("d")
        .files(RenderedFiles.of(Map.of("d/a.yaml", "a: 2\n".getBytes()))).call());
    assertThat(advice(e)).isEqualTo("d exists with other content; replace it with --replace"
        + " (it is rewritten wholly)");
  }
}
