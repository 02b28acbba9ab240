package dev.profiles.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.InstallRefusedException;
import dev.profiles.core.install.ListResult;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.InvalidModelException;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.UntrustedSourceException;
import dev.profiles.core.yaml.DocumentProblem;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.flux.FluxRenderer;
import dev.profiles.testing.git.ProfileYamls;
import dev.profiles.testing.git.RepoState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hand-edited installation records are refused located (listing reports them per
 * installation), catalog entries with local URLs or tags that are not versions are refused,
 * and every command's {@code call()} throws only the {@link ProfilesException} family.
 */
class RecordsAndCatalogEntriesTest {
  @TempDir
  Path tmp;
  private GitOpsFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new GitOpsFixture(tmp, true);
    f.upstream.file("app/m/a.yaml", "a: 1\n")
        .profile("app", ProfileYamls.profile("app").kustomize("web", "m").toYaml())
        .commit("v1").tag("app/v1.0.0").tag("app/v1.1.0");
  }

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  /** Profiles with the default source policy: local catalog entries are not allowed. */
  private Profiles strict() {
    return Profiles.builder().resolver(f.git.asResolver()).renderer(new FluxRenderer()).build();
  }

  private CatalogEntry entry(String url, String tag) {
    return CatalogEntry.builder().name("app").tag(tag).url(url).catalogSource("cat").build();
  }

  private void assertUntouched(ThrowingCallable call, Class<? extends Throwable> type,
      String... parts) throws Exception {
    RepoState before = RepoState.capture(f.gitops);
    assertThatThrownBy(call).isInstanceOf(type).satisfies(e -> {
      for (String part : parts) {
        assertThat(e.getMessage()).contains(part);
      }
    });
    assertThat(RepoState.capture(f.gitops)).isEqualTo(before);
  }

  private void installFromCatalog(String name) throws Exception {
    f.profiles.install(f.repo).author(GitOpsFixture.BOT).name(name)
        .fromCatalog(entry(f.url(), "app/v1.0.0")).call();
  }

  private void editAndCommit(String path, String from, String to) throws Exception {
    Path file = f.gitops.resolve(path);
    Files.writeString(file, Files.readString(file).replace(from, to));
    try (Git git = Git.open(f.gitops.toFile())) {
      git.commit().setAll(true).setMessage("hand edit").setAuthor("u", "u@example.com")
          .setCommitter("u", "u@example.com").setSign(false).call();
    }
  }

  // ---- catalog entries ----

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aCatalogEntryWithALocalUrlIsRefusedUnlessAllowed(boolean fileUrl) throws Exception {
    String url = fileUrl ? f.url() : f.upstream.directory().toString();
    assertUntouched(() -> strict().install(f.repo).name("app").fromCatalog(entry(url,
        "app/v1.0.0")).call(), UntrustedSourceException.class, "catalog entry 'app'",
        "local source", "Allow local sources explicitly");
  }

  @Test
  void aCatalogEntryWithAnUnsafeSchemeIsRefused() throws Exception {
    assertUntouched(() -> strict().install(f.repo).name("app")
        .fromCatalog(entry("ext::sh -c id", "app/v1.0.0")).call(),
        UntrustedSourceException.class, "catalog entry 'app'");
  }

  @Test
  void allowingLocalSourcesInstallsTheEntry() throws Exception {
    installFromCatalog("app");
    assertThat(f.gitops.resolve("app/profile-installation.yaml")).exists();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../v1.0.0", "a/b/v1.0.0", "app/v1.0.0/x", "/v1.0.0", "Bad_Name/v1.0.0",
      "app/latest"})
  void aCatalogEntryWhoseTagIsNotAVersionIsRefused(String tag) throws Exception {
    assertUntouched(() -> f.profiles.install(f.repo).name("app").fromCatalog(entry(f.url(), tag))
        .call(), InstallRefusedException.class, "catalog entry 'app'", "not a version tag");
  }

  @Test
  void aCatalogEntryWithAControlCharacterInItsTagCannotEvenBeBuilt() {
    assertThatThrownBy(() -> entry(f.url(), "app/v1.0.0\n"))
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("U+000A");
  }

  // ---- hand-edited records ----

  @Test
  void aRecordWhoseNameIsNotItsDirectoryIsRefusedLocatedOnUpgradeAndReinstall()
      throws Exception {
    installFromCatalog("app");
    editAndCommit("app/profile-installation.yaml", "name: app\n", "name: other\n");

    assertUntouched(() -> f.profiles.upgrade(f.repo).installation("app").toVersion("v1.1.0")
        .call(), InvalidDocumentException.class,
        "app/profile-installation.yaml:4:9: metadata.name: is 'other', but the record is in"
            + " directory 'app'");
    assertUntouched(() -> f.profiles.install(f.repo).name("app").replaceExisting(true)
        .fromCatalog(entry(f.url(), "app/v1.0.0")).call(), InstallRefusedException.class,
        "'app' holds installation 'other', not 'app' (app/profile-installation.yaml:4:9:"
            + " metadata.name)");
  }

  @Test
  void aRecordWhoseCatalogVersionIsNotItsTagIsRefusedLocated() throws Exception {
    installFromCatalog("app");
    editAndCommit("app/profile-installation.yaml", "version: v1.0.0", "version: v0.9.0");
    assertUntouched(() -> f.profiles.upgrade(f.repo).installation("app").toVersion("v1.1.0")
        .call(), InvalidDocumentException.class, "spec.catalog.version: is v0.9.0, but"
            + " spec.source.tag 'app/v1.0.0' is another version");
  }

  @Test
  void aRecordWhoseSourcePathEscapesIsRefusedLocated() throws Exception {
    installFromCatalog("app");
    editAndCommit("app/profile-installation.yaml", "path: app", "path: ../../etc");
    assertUntouched(() -> f.profiles.upgrade(f.repo).installation("app").toVersion("v1.1.0")
        .call(), InvalidDocumentException.class, "app/profile-installation.yaml:",
        "spec.source.path");
  }

  @Test
  void listingReportsEachInconsistentRecordAndKeepsTheOthers() throws Exception {
    installFromCatalog("good");
    installFromCatalog("bad");
    editAndCommit("bad/profile-installation.yaml", "name: bad\n", "name: good\n");

    ListResult r = f.profiles.list(f.repo).call();

    assertThat(r.installations()).singleElement()
        .satisfies(i -> assertThat(i.directory()).isEqualTo("good"));
    assertThat(r.problems()).singleElement().satisfies((DocumentProblem p) -> {
      assertThat(p.source()).isEqualTo("bad/profile-installation.yaml");
      assertThat(p.line()).isEqualTo(4);
      assertThat(p.path()).isEqualTo("metadata.name");
    });
  }

  // ---- only the ProfilesException family ----

  @ParameterizedTest
  @ValueSource(strings = {"../outside", "/abs", "a/../../b", " "})
  void upgradeAndListRefuseDirectoriesOutsideTheRepositoryTyped(String dir) throws Exception {
    assertUntouched(() -> f.profiles.upgrade(f.repo).installation(dir).toVersion("v1.1.0")
        .call(), InstallRefusedException.class, "installation directory");
    assertUntouched(() -> f.profiles.list(f.repo).under(dir).call(),
        InstallRefusedException.class, "under");
  }

  @Test
  void missingOptionsAreTypedRefusals() throws Exception {
    assertUntouched(() -> f.profiles.upgrade(f.repo).call(), InstallRefusedException.class,
        "name the installation directory");
    assertUntouched(() -> f.profiles.upgrade(f.repo).installation("app").call(),
        InstallRefusedException.class, "choose exactly one");
    assertUntouched(() -> f.profiles.install(f.repo).name("app").call(),
        InstallRefusedException.class, "needs a source or a catalog entry");
    assertUntouched(() -> f.profiles.install(f.repo).source(ProfileSource.ofTag(f.url(),
        "app/v1.0.0")).call(), InstallRefusedException.class, "needs a name");
  }

  @Test
  void aRendererThatThrowsARuntimeExceptionIsReportedAsAProfilesException() throws Exception {
    Profiles broken = Profiles.builder().resolver(f.git.asResolver()).renderer(request -> {
      throw new IllegalStateException("renderer bug");
    }).build();
    assertUntouched(() -> broken.install(f.repo).name("app")
        .source(ProfileSource.ofTag(f.url(), "app/v1.0.0")).call(), ProfilesException.class,
        "install failed: IllegalStateException: renderer bug");
  }

  @Test
  void buildersReportMissingPartsAsConfigurationErrors() {
    assertThatThrownBy(() -> Profiles.builder().build())
        .isInstanceOf(ProfilesConfigurationException.class);
    assertThatThrownBy(() -> Profiles.builder().sourcePolicy(null))
        .isInstanceOf(ProfilesConfigurationException.class);
  }
}
