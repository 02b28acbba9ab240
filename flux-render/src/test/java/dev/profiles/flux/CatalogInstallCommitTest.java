package dev.profiles.flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.DirectoryResult;
import dev.profiles.core.install.InstallRefusedException;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.install.Signature;
import dev.profiles.core.memory.InMemoryGitOpsRepository;
import dev.profiles.flux.catalog.CatalogInstallation;
import org.junit.jupiter.api.Test;

/**
 * Committing the catalog installation through the GitOps port: one commit, idempotent, refused
 * clearly, dry runs and failures write nothing (the in-memory store keeps the port's
 * guarantees; the CLI tests repeat this against a real git repository).
 */
class CatalogInstallCommitTest {
  static final Signature BOT = Signature.of("Platform Bot", "bot@example.com");

  static CatalogInstallation catalog() {
    return CatalogInstallationTest.base().build();
  }

  @Test
  void installCommitsTheDirectoryOnceAndAgainIsUnchanged() throws Exception {
    InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create();
    DirectoryResult first = catalog().install(repo).author(BOT).call();
    assertThat(first.commit()).isPresent();
    assertThat(first.unchanged()).isFalse();
    assertThat(repo.commits()).hasSize(1);
    assertThat(repo.commits().get(0).message()).startsWith("Install the profiles catalog");
    assertThat(repo.commits().get(0).author()).isEqualTo(BOT);
    assertThat(repo.commits().get(0).tree()).isEqualTo(catalog().render());
    Object after = repo.snapshot();

    DirectoryResult again = catalog().install(repo).author(BOT).call();
    assertThat(again.unchanged()).isTrue();
    assertThat(again.commit()).isEmpty();
    assertThat(repo.snapshot()).isEqualTo(after);
  }

  @Test
  void otherOptionsOverAnInstallationAreRefusedUnlessReplacing() throws Exception {
    InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create();
    catalog().install(repo).author(BOT).call();
    Object before = repo.snapshot();
    CatalogInstallation three = CatalogInstallation.builder().from(catalog()).replicas(3)
        .build();
    assertThatThrownBy(() -> three.install(repo).author(BOT).call())
        .isInstanceOfSatisfying(InstallRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(InstallRefusedException.Reason.TARGET_EXISTS);
          assertThat(e.getMessage()).contains(CatalogInstallation.DEFAULT_DIRECTORY);
        });
    assertThat(repo.snapshot()).isEqualTo(before);

    DirectoryResult replaced = three.install(repo).author(BOT).replaceExisting(true).call();
    assertThat(replaced.commit()).isPresent();
    assertThat(repo.commits()).hasSize(2);
    assertThat(repo.commits().get(1).tree()).isEqualTo(three.render());
    assertThat(replaced.change().removals()).containsExactly(
        CatalogInstallation.DEFAULT_DIRECTORY);
  }

  @Test
  void aDryRunWritesNothingAndReturnsTheChange() throws Exception {
    InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create();
    Object before = repo.snapshot();
    DirectoryResult r = catalog().install(repo).dryRun(true).call();
    assertThat(r.dryRun()).isTrue();
    assertThat(r.commit()).isEmpty();
    assertThat(r.change().files()).isEqualTo(catalog().render());
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void noAuthorAndNoConfiguredUserIsMissingAuthorAndWritesNothing() throws Exception {
    InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create();
    Object before = repo.snapshot();
    assertThatThrownBy(() -> catalog().install(repo).call())
        .isInstanceOfSatisfying(InstallRefusedException.class, e -> assertThat(e.reason())
            .isEqualTo(InstallRefusedException.Reason.MISSING_AUTHOR));
    assertThat(repo.snapshot()).isEqualTo(before);
    repo.withConfiguredUser(BOT);
    assertThat(catalog().install(repo).call().commit()).isPresent();
    assertThat(repo.commits().get(0).author()).isEqualTo(BOT);
  }

  @Test
  void uncommittedChangesInTheDirectoryAreRefused() throws Exception {
    InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create().withConfiguredUser(BOT);
    catalog().install(repo).call();
    repo.writeFile(CatalogInstallation.DEFAULT_DIRECTORY + "/manifests/extra.yaml", "a: b\n");
    Object before = repo.snapshot();
    assertThatThrownBy(() -> CatalogInstallation.builder().from(catalog()).replicas(4).build()
        .install(repo).replaceExisting(true).call())
        .isInstanceOfSatisfying(InstallRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(InstallRefusedException.Reason.UNCOMMITTED_CHANGES);
          assertThat(e.getMessage()).contains("extra.yaml");
        });
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void theGitRepositoryOfPctlConfigIsTheFluxKustomizationsSourceUnlessOneIsSet()
      throws Exception {
    InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create().withConfiguredUser(BOT);
    repo.writeFile(".pctl/config.yaml", "gitRepository:\n  namespace: gitops\n"
        + "  name: cluster-repo\n");
    repo.commitAll("bootstrap", BOT);
    String flux = CatalogInstallation.DEFAULT_DIRECTORY + "/profiles-catalog.yaml";
    DirectoryResult r = catalog().install(repo).dryRun(true).call();
    assertThat(r.change().files().text(flux).orElseThrow())
        .contains("name: cluster-repo\n    namespace: gitops");
    DirectoryResult explicit = CatalogInstallation.builder().from(catalog())
        .gitRepository(dev.profiles.core.model.GitRepositoryReference.of("flux-system", "x"))
        .build().install(repo).dryRun(true).call();
    assertThat(explicit.change().files().text(flux).orElseThrow())
        .contains("name: x\n    namespace: flux-system");

    repo.writeFile(".pctl/config.yaml", "gitRepository: [broken\n");
    repo.commitAll("break it", BOT);
    assertThatThrownBy(() -> catalog().install(repo))
        .isInstanceOf(dev.profiles.core.yaml.InvalidDocumentException.class)
        .hasMessageContaining(".pctl/config.yaml");
  }

  @Test
  void aFailingCommitLeavesTheRepositoryAsItWas() throws Exception {
    InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create().withConfiguredUser(BOT);
    Object before = repo.snapshot();
    repo.failNextCommit(new ProfilesException("disk full"));
    assertThatThrownBy(() -> catalog().install(repo).call())
        .isInstanceOf(ProfilesException.class).hasMessageContaining("disk full");
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void theDirectoryCommandRefusesFilesOutsideItsDirectoryAndBadDirectories() throws Exception {
    InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create().withConfiguredUser(BOT);
    RenderedFiles outside = RenderedFiles.builder().put("a/x.yaml", "a: 1\n")
        .put("b/y.yaml", "b: 1\n").build();
    for (var command : java.util.List.of(
        Profiles.directory(repo).directory("a").files(outside),
        Profiles.directory(repo).directory("../a").files(outside),
        Profiles.directory(repo).directory(".").files(outside),
        Profiles.directory(repo).directory("a").files(RenderedFiles.builder().build()),
        Profiles.directory(repo).files(outside),
        Profiles.directory(repo).directory("a").files(outside).push(true))) {
      Object before = repo.snapshot();
      assertThatThrownBy(command::call).isInstanceOfSatisfying(InstallRefusedException.class,
          e -> assertThat(e.reason()).isEqualTo(InstallRefusedException.Reason.INVALID_OPTIONS));
      assertThat(repo.snapshot()).isEqualTo(before);
    }
  }
}
