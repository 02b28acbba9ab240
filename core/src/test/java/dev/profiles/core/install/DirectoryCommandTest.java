package dev.profiles.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.InstallRefusedException.Reason;
import dev.profiles.core.memory.InMemoryGitOpsRepository;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link DirectoryCommand}: one generated directory, committed with every command's rules. */
class DirectoryCommandTest {
  static final Signature BOT = Signature.of("Bot", "bot@example.com");

  static RenderedFiles files(String dir, String content) {
    return RenderedFiles.builder().put(dir + "/a.yaml", content).put(dir + "/sub/b.yaml", "b\n")
        .build();
  }

  @Test
  void writesOnceThenTheSameFilesAreUnchangedAndOthersNeedReplacing() throws Exception {
    InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create();
    DirectoryResult first = Profiles.directory(repo).directory("gen/").files(files("gen", "1\n"))
        .author(BOT).message("Generate").call();
    assertThat(first.directory()).isEqualTo("gen");
    assertThat(first.commit()).isPresent();
    assertThat(repo.commits()).singleElement().satisfies(c -> {
      assertThat(c.message()).isEqualTo("Generate");
      assertThat(c.installation()).isEmpty();
    });
    Object after = repo.snapshot();
    DirectoryResult again = Profiles.directory(repo).directory("gen")
        .files(files("gen", "1\n")).author(BOT).call();
    assertThat(again.unchanged()).isTrue();
    assertThat(repo.snapshot()).isEqualTo(after);

    assertThatThrownBy(() -> Profiles.directory(repo).directory("gen")
        .files(files("gen", "2\n")).author(BOT).call())
        .isInstanceOfSatisfying(InstallRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TARGET_EXISTS));
    assertThat(repo.snapshot()).isEqualTo(after);

    // Replacing removes what the new files do not have.
    RenderedFiles fewer = RenderedFiles.builder().put("gen/a.yaml", "3\n").build();
    Profiles.directory(repo).directory("gen").files(fewer).author(BOT).replaceExisting(true)
        .call();
    assertThat(repo.snapshot().workTree().paths()).contains("gen/a.yaml")
        .doesNotContain("gen/sub/b.yaml");
  }

  @Test
  void neverReplacesTheConfigurationOrAProfileInstallationEvenWhenAskedTo() throws Exception {
    InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create().withConfiguredUser(BOT);
    repo.writeFile(".pctl/config.yaml", "gitRepository: {namespace: a, name: b}\n");
    repo.writeFile("web/profile-installation.yaml", "kind: ProfileInstallation\n");
    repo.writeFile("apps/web2/profile-installation.yaml", "kind: ProfileInstallation\n");
    repo.commitAll("setup", BOT);
    Object before = repo.snapshot();
    for (String dir : List.of(".pctl", ".pctl/x")) {
      assertThatThrownBy(() -> Profiles.directory(repo).directory(dir).files(files(dir, "1\n"))
          .replaceExisting(true).call())
          .isInstanceOfSatisfying(InstallRefusedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_OPTIONS))
          .hasMessageContaining("inside .pctl/");
    }
    // The installation itself, a directory inside it, and one that holds an installation.
    for (String[] c : new String[][] {{"web", "web"}, {"web/artifacts", "web"},
        {"apps", "apps/web2"}}) {
      assertThatThrownBy(() -> Profiles.directory(repo).directory(c[0])
          .files(files(c[0], "1\n")).replaceExisting(true).call())
          .isInstanceOfSatisfying(InstallRefusedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.TARGET_EXISTS))
          .hasMessage("directory '" + c[0] + "' would replace files of the profile"
              + " installation '" + c[1] + "'; write it elsewhere (or remove the installation"
              + " first)");
    }
    assertThat(repo.snapshot()).isEqualTo(before);
    Profiles.directory(repo).directory("webs").files(files("webs", "1\n")).call();
  }

  @Test
  void aDryRunWritesNothingAndAFailedCommitLeavesNothing() throws Exception {
    InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create().withConfiguredUser(BOT);
    Object before = repo.snapshot();
    DirectoryResult dry = Profiles.directory(repo).directory("gen").files(files("gen", "1\n"))
        .dryRun(true).call();
    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.commit()).isEmpty();
    assertThat(dry.change().files().paths()).containsExactly("gen/a.yaml", "gen/sub/b.yaml");
    assertThat(repo.snapshot()).isEqualTo(before);
    repo.failNextCommit(new ProfilesException("no space left"));
    assertThatThrownBy(() -> Profiles.directory(repo).directory("gen")
        .files(files("gen", "1\n")).call()).hasMessageContaining("no space left");
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void noAuthorAndNoUserIsMissingAuthor() {
    InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create();
    Object before = repo.snapshot();
    assertThatThrownBy(() -> Profiles.directory(repo).directory("gen")
        .files(files("gen", "1\n")).call())
        .isInstanceOfSatisfying(InstallRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_AUTHOR));
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void uncommittedChangesAreRefusedEvenForTheSameFiles() throws Exception {
    InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create().withConfiguredUser(BOT);
    Profiles.directory(repo).directory("gen").files(files("gen", "1\n")).call();
    repo.deleteFile("gen/sub/b.yaml");
    Object before = repo.snapshot();
    assertThatThrownBy(() -> Profiles.directory(repo).directory("gen")
        .files(files("gen", "1\n")).call())
        .isInstanceOfSatisfying(InstallRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.UNCOMMITTED_CHANGES);
          assertThat(e.getMessage()).contains("gen/sub/b.yaml");
        });
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Property(tries = 300)
  void anyDirectoryIsWrittenInsideTheRepositoryOrRefusedAsInvalid(
      @ForAll("directories") String directory) throws Exception {
    InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create().withConfiguredUser(BOT);
    Object before = repo.snapshot();
    RenderedFiles content = RenderedFiles.builder().put("x/f.yaml", "f\n").build();
    try {
      DirectoryResult r = Profiles.directory(repo).directory(directory).files(content).call();
      assertThat(r.directory()).isEqualTo("x");
      assertThat(repo.commits()).hasSize(1);
    } catch (InstallRefusedException e) {
      assertThat(e.reason()).isEqualTo(Reason.INVALID_OPTIONS);
      assertThat(repo.snapshot()).isEqualTo(before);
    }
  }

  @Provide
  Arbitrary<String> directories() {
    return Arbitraries.oneOf(Arbitraries.of("x", "x/", "./x", "x/.", "/x", "../x", ".", "",
            ".git", "x/../x", "y", "x\\y"),
        Arbitraries.strings().withChars("x./\\\n").ofMaxLength(8),
        Arbitraries.strings().ofMaxLength(20));
  }
}
