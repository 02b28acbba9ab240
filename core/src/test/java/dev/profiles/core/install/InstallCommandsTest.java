package dev.profiles.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.InstallRefusedException.Reason;
import dev.profiles.core.memory.InMemoryGitOpsRepository;
import dev.profiles.core.memory.InMemoryProfileDirectory;
import dev.profiles.core.memory.InMemoryProfileResolver;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.KustomizeArtifact;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.UntrustedSourceException;
import dev.profiles.core.yaml.InvalidDocumentException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Install, upgrade, uninstall, list and bootstrap on the in-memory fakes: fast, no git. */
class InstallCommandsTest {
  static final String URL = "https://example.com/profiles";
  static final Signature OPS = Signature.of("Ops", "ops@example.com");
  static final GitRepositoryReference FLUX = GitRepositoryReference.of("flux-system", "flux");

  final InMemoryProfileResolver resolver = new InMemoryProfileResolver();
  final TestRenderer renderer = new TestRenderer();
  final InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create()
      .withConfiguredUser(OPS);
  final Profiles profiles = Profiles.builder().resolver(resolver).renderer(renderer)
      .merger(new TestMerger()).versionLister(resolver).build();

  static ProfileDefinition definition(String name) {
    return ProfileDefinition.builder().name(name).description("test profile")
        .addArtifacts(KustomizeArtifact.builder().name("web").path("manifests").build())
        .build();
  }

  void publish(String tag, String replicas) {
    String name = tag.contains("/") ? tag.substring(0, tag.indexOf('/')) : "nginx";
    resolver.put(ProfileSource.ofTag(URL, tag), definition(name), files(replicas));
  }

  static InMemoryProfileDirectory files(String replicas) {
    return InMemoryProfileDirectory.ofText(Map.of("app.yaml", "replicas: " + replicas + "\n",
        "config.yaml", "color: blue\n"));
  }

  InstallResult install(String tag) throws ProfilesException {
    return profiles.install(repo).source(ProfileSource.ofTag(URL, tag)).name("my-nginx")
        .gitRepository(FLUX).call();
  }

  String text(String path) throws ProfilesException {
    return new String(repo.readFile(path).orElseThrow());
  }

  // --- Install ---
  @Test
  void writesArtifactsAndRecordInOneCommitWithTypedMetadata() throws Exception {
    publish("nginx/v0.1.0", "1");
    InstallResult r = install("nginx/v0.1.0");
    assertThat(r.directory()).isEqualTo("my-nginx");
    assertThat(repo.listFiles(".")).containsExactly("my-nginx/artifacts/web/app.yaml",
        "my-nginx/artifacts/web/config.yaml", "my-nginx/artifacts/web/flux.yaml",
        "my-nginx/profile-installation.yaml");
    assertThat(text("my-nginx/artifacts/web/flux.yaml")).contains("path: ./my-nginx/artifacts/web");
    assertThat(repo.commits()).hasSize(1);
    var commit = repo.commits().get(0);
    assertThat(commit.installation()).contains("my-nginx");
    assertThat(commit.message()).doesNotContain("Profiles-");
    assertThat(commit.author()).isEqualTo(OPS);
    assertThat(commit.baseline().orElseThrow().paths()).containsExactly(
        "artifacts/web/app.yaml", "artifacts/web/config.yaml", "artifacts/web/flux.yaml");
    assertThat(r.commit().orElseThrow().commitId()).isEqualTo(commit.id());
    assertThat(repo.uncommittedChanges(".")).isEmpty();
  }

  @Test
  void goesUnderTheConfiguredDefaultDirectory() throws Exception {
    publish("nginx/v0.1.0", "1");
    profiles.bootstrap(repo).gitRepository(FLUX).defaultDir("clusters/dev").call();
    InstallResult r = profiles.install(repo).source(ProfileSource.ofTag(URL, "nginx/v0.1.0"))
        .name("my-nginx").call();
    assertThat(r.directory()).isEqualTo("clusters/dev/my-nginx");
    assertThat(text("clusters/dev/my-nginx/artifacts/web/flux.yaml"))
        .contains("path: ./clusters/dev/my-nginx/artifacts/web");
    assertThat(Installation.at("clusters/dev/my-nginx").readRecord(repo).orElseThrow().name())
        .isEqualTo("my-nginx");
  }

  @Test
  void dryRunReturnsTheChangeAndWritesNothing() throws Exception {
    publish("nginx/v0.1.0", "1");
    var before = repo.snapshot();
    InstallResult r = profiles.install(repo).source(ProfileSource.ofTag(URL, "nginx/v0.1.0"))
        .name("my-nginx").gitRepository(FLUX).dryRun(true).call();
    assertThat(repo.snapshot()).isEqualTo(before);
    assertThat(r.dryRun()).isTrue();
    assertThat(r.commit()).isEmpty();
    assertThat(r.change().files().paths()).contains("my-nginx/profile-installation.yaml");
    assertThat(r.change().message()).startsWith("Install profile nginx (nginx/v0.1.0)");
    assertThat(r.change().installation()).contains("my-nginx");
  }

  @Test
  void refusesAnExistingTargetAndLeavesTheRepositoryUnchanged() throws Exception {
    publish("nginx/v0.1.0", "1");
    install("nginx/v0.1.0");
    var before = repo.snapshot();
    assertThatThrownBy(() -> install("nginx/v0.1.0"))
        .isInstanceOfSatisfying(InstallRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TARGET_EXISTS));
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void refusesTheSameNameAndNamespaceElsewhereInTheRepositoryTheirFluxObjectsWouldCollide()
      throws Exception {
    publish("nginx/v0.1.0", "1");
    profiles.install(repo).source(ProfileSource.ofTag(URL, "nginx/v0.1.0")).name("my-nginx")
        .directory("clusters/prod").gitRepository(FLUX).call();
    var before = repo.snapshot();
    for (String dir : List.of(".", "clusters/dev")) {
      assertThatThrownBy(() -> profiles.install(repo)
          .source(ProfileSource.ofTag(URL, "nginx/v0.1.0")).name("my-nginx").directory(dir)
          .gitRepository(FLUX).call())
          .isInstanceOfSatisfying(InstallRefusedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.TARGET_EXISTS))
          .hasMessage("installation 'my-nginx' in namespace 'default' already exists in"
              + " 'clusters/prod/my-nginx'; the two would render the same Flux objects: choose"
              + " another name or namespace");
      assertThat(repo.snapshot()).isEqualTo(before);
    }
    // Another namespace renders other objects; replacing the installation itself is no clash.
    profiles.install(repo).source(ProfileSource.ofTag(URL, "nginx/v0.1.0")).name("my-nginx")
        .namespace("staging").directory("clusters/staging").gitRepository(FLUX).call();
    profiles.install(repo).source(ProfileSource.ofTag(URL, "nginx/v0.1.0")).name("my-nginx")
        .directory("clusters/prod").gitRepository(FLUX).replaceExisting(true).call();
    assertThat(repo.listFiles(".")).contains("clusters/prod/my-nginx/profile-installation.yaml",
        "clusters/staging/my-nginx/profile-installation.yaml");
  }

  @Test
  void refusesAnInstallationInsideTheConfigurationDirectory() throws Exception {
    publish("nginx/v0.1.0", "1");
    var before = repo.snapshot();
    for (String dir : List.of(".pctl", ".pctl/sub", "./.pctl")) {
      assertThatThrownBy(() -> profiles.install(repo)
          .source(ProfileSource.ofTag(URL, "nginx/v0.1.0")).name("x").directory(dir)
          .gitRepository(FLUX).call())
          .isInstanceOfSatisfying(InstallRefusedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_OPTIONS))
          .hasMessageContaining("inside .pctl/, which holds this repository's profiles"
              + " configuration");
    }
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void refusesToReplaceAnInstallationWithUncommittedChanges() throws Exception {
    publish("nginx/v0.1.0", "1");
    install("nginx/v0.1.0");
    repo.writeFile("my-nginx/artifacts/web/app.yaml", "replicas: 9\n");
    var before = repo.snapshot();
    assertThatThrownBy(() -> profiles.install(repo)
        .source(ProfileSource.ofTag(URL, "nginx/v0.1.0")).name("my-nginx")
        .gitRepository(FLUX).replaceExisting(true).call())
        .isInstanceOfSatisfying(InstallRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNCOMMITTED_CHANGES));
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void onANewBranchThePushedBranchGetsTheCommitAndTheCheckoutStaysAsItWas() throws Exception {
    publish("nginx/v0.1.0", "1");
    var before = repo.snapshot();
    InstallResult r = profiles.install(repo).source(ProfileSource.ofTag(URL, "nginx/v0.1.0"))
        .name("my-nginx").gitRepository(FLUX).branch("review").push(true).call();
    assertThat(r.commit().orElseThrow().branch()).isEqualTo("review");
    assertThat(r.commit().orElseThrow().pushedTo()).contains("origin");
    assertThat(repo.snapshot().workTree()).isEqualTo(before.workTree());
    assertThat(repo.commits()).isEmpty();
    assertThat(repo.commits("review")).singleElement()
        .satisfies(c -> assertThat(c.tree().paths()).contains("my-nginx/profile-installation.yaml"));
    assertThat(repo.pushed()).containsExactly("review");
  }

  @Test
  void refusesAnInventedAuthor() throws Exception {
    publish("nginx/v0.1.0", "1");
    InMemoryGitOpsRepository anonymous = InMemoryGitOpsRepository.create();
    var before = anonymous.snapshot();
    assertThatThrownBy(() -> profiles.install(anonymous)
        .source(ProfileSource.ofTag(URL, "nginx/v0.1.0")).name("my-nginx")
        .gitRepository(FLUX).call())
        .isInstanceOfSatisfying(InstallRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.MISSING_AUTHOR);
          assertThat(e.getMessage()).contains(".author(Signature.of(");
        });
    assertThat(anonymous.snapshot()).isEqualTo(before);
    Signature bot = Signature.of("Bot", "bot@example.com");
    profiles.install(anonymous).source(ProfileSource.ofTag(URL, "nginx/v0.1.0"))
        .name("my-nginx").gitRepository(FLUX).author(bot).call();
    assertThat(anonymous.commits().get(0).author()).isEqualTo(bot);
  }

  @Test
  void refusesARendererThatWritesTheRecord() throws Exception {
    publish("nginx/v0.1.0", "1");
    renderer.writeRecord = true;
    var before = repo.snapshot();
    assertThatThrownBy(() -> install("nginx/v0.1.0")).isInstanceOf(ProfilesException.class)
        .hasMessageContaining("profile-installation.yaml");
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void aFailedCommitLeavesNothingBehind() throws Exception {
    publish("nginx/v0.1.0", "1");
    var before = repo.snapshot();
    repo.failNextCommit(new ProfilesException("disk full"));
    assertThatThrownBy(() -> install("nginx/v0.1.0")).hasMessageContaining("disk full");
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void refusesALocalCatalogEntryUnderTheDefaultPolicy() throws Exception {
    CatalogEntry entry = CatalogEntry.builder().name("nginx").tag("nginx/v0.1.0")
        .url("file:///srv/profiles").catalogSource("cat").build();
    var before = repo.snapshot();
    assertThatThrownBy(() -> profiles.install(repo).fromCatalog(entry).name("my-nginx")
        .gitRepository(FLUX).call()).isInstanceOf(UntrustedSourceException.class);
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void refusesADirectoryOutsideTheRepository() {
    assertThatThrownBy(() -> profiles.install(repo).source(ProfileSource.ofTag(URL, "x/v1.0.0"))
        .name("my-nginx").gitRepository(FLUX).directory("../elsewhere").call())
        .isInstanceOfSatisfying(InstallRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_OPTIONS));
    assertThat(repo.commits()).isEmpty();
  }

  // --- Upgrade ---
  @Test
  void toVersionOfATagInstallKeepsThePrefixAndTheUsersEdit() throws Exception {
    publish("nginx/v0.1.0", "1");
    publish("nginx/v0.2.0", "2");
    install("nginx/v0.1.0");
    repo.writeFile("my-nginx/artifacts/web/config.yaml", "color: green\n");
    repo.commitAll("user edit", OPS);
    UpgradeResult r = profiles.upgrade(repo).installation("my-nginx").toVersion("v0.2.0")
        .call();
    assertThat(r.to().source().tag()).contains("nginx/v0.2.0");
    assertThat(r.commit()).isPresent();
    assertThat(text("my-nginx/artifacts/web/app.yaml")).isEqualTo("replicas: 2\n");
    assertThat(text("my-nginx/artifacts/web/config.yaml")).isEqualTo("color: green\n");
    assertThat(text("my-nginx/profile-installation.yaml")).contains("nginx/v0.2.0");
    assertThat(repo.commits().get(repo.commits().size() - 1).installation())
        .contains("my-nginx");
  }

  @Test
  void toVersionTakesTheWholeTagOfTheInstalledProfileOnly() throws Exception {
    publish("nginx/v0.1.0", "1");
    publish("nginx/v0.2.0", "2");
    publish("redis/v0.2.0", "r");
    install("nginx/v0.1.0");
    for (String other : List.of("redis/v0.2.0", "ngin/v0.2.0", "/v0.2.0", "a/nginx/v0.2.0")) {
      Object before = repo.snapshot();
      assertThatThrownBy(() -> profiles.upgrade(repo).installation("my-nginx")
          .toVersion(other).call()).as(other).isInstanceOf(InstallRefusedException.class)
          .hasMessageContaining("'" + other + "' is a tag of profile '"
              + other.substring(0, other.lastIndexOf('/')) + "', and the installation is tagged"
              + " nginx/v0.1.0: give the version alone");
      assertThat(repo.snapshot()).isEqualTo(before);
    }
    UpgradeResult r = profiles.upgrade(repo).installation("my-nginx").toVersion("nginx/v0.2.0")
        .call();
    assertThat(r.to().source().tag()).contains("nginx/v0.2.0");
    assertThat(text("my-nginx/artifacts/web/app.yaml")).isEqualTo("replicas: 2\n");
  }

  @Test
  void toVersionOfABareTagStaysBare() throws Exception {
    publish("v0.1.0", "1");
    publish("v0.2.0", "2");
    install("v0.1.0");
    UpgradeResult r = profiles.upgrade(repo).installation("my-nginx").toVersion("0.2.0")
        .call();
    assertThat(r.to().source().tag()).contains("v0.2.0");
    assertThat(text("my-nginx/artifacts/web/app.yaml")).isEqualTo("replicas: 2\n");
  }

  @Test
  void toLatestReadsTheRepositorysTagsAndSkipsPreReleasesAndOtherProfiles() throws Exception {
    publish("nginx/v0.1.0", "1");
    publish("nginx/v0.3.0", "3");
    publish("nginx/v0.10.0", "10");
    publish("nginx/v1.0.0-rc.1", "rc");
    publish("redis/v9.0.0", "9");
    install("nginx/v0.1.0");
    UpgradeResult r = profiles.upgrade(repo).installation("my-nginx").toLatest().call();
    assertThat(r.to().source().tag()).contains("nginx/v0.10.0");
    assertThat(text("my-nginx/artifacts/web/app.yaml")).isEqualTo("replicas: 10\n");
  }

  @Test
  void toLatestWhenCurrentIsUpToDateAndWritesNothing() throws Exception {
    publish("nginx/v0.1.0", "1");
    install("nginx/v0.1.0");
    var before = repo.snapshot();
    UpgradeResult r = profiles.upgrade(repo).installation("my-nginx").toLatest().call();
    assertThat(r.upToDate()).isTrue();
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void refreshOfATagInstallNamesTheVersionUpgrades() throws Exception {
    publish("nginx/v0.1.0", "1");
    install("nginx/v0.1.0");
    var before = repo.snapshot();
    assertThatThrownBy(() -> profiles.upgrade(repo).installation("my-nginx").refresh().call())
        .isInstanceOfSatisfying(InstallRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_UPGRADE);
          assertThat(e.getMessage()).contains("toVersion(").contains("toLatest()");
        });
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void versionOfABranchInstallNamesRefreshAndReinstalling() throws Exception {
    ProfileSource branch = ProfileSource.ofBranch(URL, "main", "nginx");
    resolver.put(branch, definition("nginx"), files("1"));
    profiles.install(repo).source(branch).name("my-nginx").gitRepository(FLUX).call();
    var before = repo.snapshot();
    assertThatThrownBy(() -> profiles.upgrade(repo).installation("my-nginx")
        .toVersion("v0.2.0").call())
        .isInstanceOfSatisfying(InstallRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_UPGRADE);
          assertThat(e.getMessage()).contains("refresh()").contains("reinstall it from a tag");
        });
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void refreshMergesTheBranchHeadAgainstTheRecordedBaseline() throws Exception {
    ProfileSource branch = ProfileSource.ofBranch(URL, "main", "nginx");
    resolver.put(branch, definition("nginx"), files("1"));
    profiles.install(repo).source(branch).name("my-nginx").gitRepository(FLUX).call();
    repo.writeFile("my-nginx/artifacts/web/config.yaml", "color: red\n");
    repo.commitAll("user edit", OPS);
    resolver.put(branch, definition("nginx"), files("5"));
    UpgradeResult r = profiles.upgrade(repo).installation("my-nginx").refresh().call();
    assertThat(r.conflicts()).isEmpty();
    assertThat(text("my-nginx/artifacts/web/app.yaml")).isEqualTo("replicas: 5\n");
    assertThat(text("my-nginx/artifacts/web/config.yaml")).isEqualTo("color: red\n");
  }

  @Test
  void conflictsAreWrittenUncommittedWithTheMessageToCommit() throws Exception {
    publish("nginx/v0.1.0", "1");
    publish("nginx/v0.2.0", "2");
    install("nginx/v0.1.0");
    repo.writeFile("my-nginx/artifacts/web/app.yaml", "replicas: 7\n");
    repo.commitAll("user edit", OPS);
    int commits = repo.commits().size();
    UpgradeResult r = profiles.upgrade(repo).installation("my-nginx").toVersion("v0.2.0")
        .call();
    assertThat(r.conflicts()).containsExactly("my-nginx/artifacts/web/app.yaml");
    assertThat(r.commit()).isEmpty();
    assertThat(repo.commits()).hasSize(commits);
    assertThat(text("my-nginx/artifacts/web/app.yaml")).contains("<<<<<<< ours");
    repo.commitAll(r.commitMessage().orElseThrow(), OPS);
    assertThat(repo.baseline("my-nginx").orElseThrow().text("artifacts/web/app.yaml"))
        .contains("replicas: 2\n");
  }

  @Test
  void dryRunComputesTheChangeAndWritesNothing() throws Exception {
    publish("nginx/v0.1.0", "1");
    publish("nginx/v0.2.0", "2");
    install("nginx/v0.1.0");
    var before = repo.snapshot();
    UpgradeResult r = profiles.upgrade(repo).installation("my-nginx").toVersion("v0.2.0")
        .dryRun(true).call();
    assertThat(repo.snapshot()).isEqualTo(before);
    assertThat(r.commit()).isEmpty();
    assertThat(r.change().orElseThrow().files().text("my-nginx/artifacts/web/app.yaml"))
        .contains("replicas: 2\n");
  }

  @Test
  void catalogInstallsUpgradeByVersionAndRecordTheNewVersion() throws Exception {
    publish("nginx/v0.1.0", "1");
    publish("nginx/v0.2.0", "2");
    CatalogEntry entry = CatalogEntry.builder().name("nginx").tag("nginx/v0.1.0").url(URL)
        .catalogSource("cat").build();
    profiles.install(repo).fromCatalog(entry).name("my-nginx").gitRepository(FLUX).call();
    UpgradeResult r = profiles.upgrade(repo).installation("my-nginx").toVersion("v0.2.0")
        .call();
    assertThat(r.to().catalog().orElseThrow().version()).isEqualTo("v0.2.0");
    assertThat(r.to().source().tag()).contains("nginx/v0.2.0");
  }

  @Test
  void refusesUncommittedChangesAndAMissingRecord() throws Exception {
    publish("nginx/v0.1.0", "1");
    install("nginx/v0.1.0");
    repo.writeFile("my-nginx/artifacts/web/app.yaml", "replicas: 3\n");
    var before = repo.snapshot();
    assertThatThrownBy(() -> profiles.upgrade(repo).installation("my-nginx").toLatest().call())
        .isInstanceOfSatisfying(InstallRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNCOMMITTED_CHANGES));
    assertThatThrownBy(() -> profiles.upgrade(repo).installation("other").toLatest().call())
        .isInstanceOfSatisfying(InstallRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AN_INSTALLATION));
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  // --- Uninstall ---
  @Test
  void removesTheDirectoryInOneCommitAndNothingElse() throws Exception {
    publish("nginx/v0.1.0", "1");
    install("nginx/v0.1.0");
    repo.writeFile("README.md", "hello\n");
    repo.commitAll("readme", OPS);
    UninstallResult r = profiles.uninstall(repo).installation("my-nginx").call();
    assertThat(repo.listFiles(".")).containsExactly("README.md");
    assertThat(r.installation().name()).isEqualTo("my-nginx");
    assertThat(repo.commits().get(repo.commits().size() - 1).installation())
        .contains("my-nginx");
    assertThat(repo.uncommittedChanges(".")).isEmpty();
  }

  @Test
  void dryRunWritesNothing() throws Exception {
    publish("nginx/v0.1.0", "1");
    install("nginx/v0.1.0");
    var before = repo.snapshot();
    UninstallResult r = profiles.uninstall(repo).installation("./my-nginx/").dryRun(true)
        .call();
    assertThat(r.change().removals()).containsExactly("my-nginx");
    assertThat(r.commit()).isEmpty();
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void refusesADirectoryWithoutARecord() throws Exception {
    repo.writeFile("apps/web/deploy.yaml", "kind: Deployment\n");
    repo.commitAll("apps", OPS);
    var before = repo.snapshot();
    assertThatThrownBy(() -> profiles.uninstall(repo).installation("apps/web").call())
        .isInstanceOfSatisfying(InstallRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AN_INSTALLATION));
    assertThatThrownBy(() -> profiles.uninstall(repo).installation(".").call())
        .isInstanceOf(InstallRefusedException.class);
    assertThatThrownBy(() -> profiles.uninstall(repo).installation("../x").call())
        .isInstanceOf(InstallRefusedException.class);
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void refusesARecordOfAnotherDirectory() throws Exception {
    publish("nginx/v0.1.0", "1");
    install("nginx/v0.1.0");
    repo.writeFile("copy/profile-installation.yaml", text("my-nginx/profile-installation.yaml"));
    repo.commitAll("copy", OPS);
    var before = repo.snapshot();
    assertThatThrownBy(() -> profiles.uninstall(repo).installation("copy").call())
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("metadata.name");
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void refusesUncommittedChanges() throws Exception {
    publish("nginx/v0.1.0", "1");
    install("nginx/v0.1.0");
    repo.writeFile("my-nginx/notes.txt", "mine\n");
    var before = repo.snapshot();
    assertThatThrownBy(() -> profiles.uninstall(repo).installation("my-nginx").call())
        .isInstanceOfSatisfying(InstallRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNCOMMITTED_CHANGES));
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  // --- ListAndBootstrap ---
  @Test
  void listsEveryInstallationAndReportsBrokenRecords() throws Exception {
    publish("nginx/v0.1.0", "1");
    install("nginx/v0.1.0");
    profiles.install(repo).source(ProfileSource.ofTag(URL, "nginx/v0.1.0")).name("b")
        .directory("clusters").gitRepository(FLUX).call();
    repo.writeFile("broken/profile-installation.yaml", "kind: [\n");
    ListResult r = profiles.list(repo).call();
    assertThat(r.installations()).extracting(InstalledProfile::directory)
        .containsExactly("clusters/b", "my-nginx");
    assertThat(r.problems()).hasSize(1);
    assertThat(r.problems().get(0).source()).isEqualTo("broken/profile-installation.yaml");
    assertThat(profiles.list(repo).under("clusters").call().installations()).hasSize(1);
  }

  @Test
  void tagInstallsListTheNewerReleaseTagsOfTheirProfileOncePerRepository() throws Exception {
    for (String tag : List.of("nginx/v0.1.0", "nginx/v0.2.0", "nginx/v0.3.0-rc.1",
        "nginx/v0.4.0", "nginx/v1.0.0", "redis/v9.0.0")) {
      publish(tag, "1");
    }
    install("nginx/v0.2.0");
    profiles.install(repo).source(ProfileSource.ofTag(URL, "nginx/v1.0.0")).name("current")
        .gitRepository(FLUX).call();
    int[] asked = {0};
    Profiles counting = Profiles.builder().resolver(resolver).renderer(renderer)
        .merger(new TestMerger()).versionLister(url -> {
          asked[0]++;
          return resolver.versionTags(url);
        }).build();

    ListResult r = counting.list(repo).withTagUpdates().call();

    assertThat(r.problems()).isEmpty();
    assertThat(r.installations()).extracting(InstalledProfile::directory)
        .containsExactly("current", "my-nginx");
    assertThat(r.installations().get(1).newerTags()).extracting(Object::toString)
        .containsExactly("nginx/v1.0.0", "nginx/v0.4.0");
    assertThat(r.installations().get(0).newerTags()).isEmpty();
    assertThat(asked[0]).isEqualTo(1);
    assertThat(profiles.list(repo).call().installations())
        .allSatisfy(i -> assertThat(i.newerTags()).isEmpty());
  }

  @Test
  void aRepositoryWhoseTagsCannotBeReadIsAProblemOfTheListingNotAFailure() throws Exception {
    publish("nginx/v0.1.0", "1");
    install("nginx/v0.1.0");
    Profiles failing = Profiles.builder().resolver(resolver).renderer(renderer)
        .merger(new TestMerger()).versionLister(url -> {
          throw new ProfilesException("repository " + url + " unreachable");
        }).build();

    ListResult r = failing.list(repo).withTagUpdates().call();

    assertThat(r.installations()).singleElement()
        .satisfies(i -> assertThat(i.newerTags()).isEmpty());
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo("my-nginx/profile-installation.yaml");
      assertThat(p.message()).contains("cannot look up newer tags").contains("unreachable");
    });
    Profiles withoutLister = Profiles.builder().resolver(resolver).renderer(renderer)
        .merger(new TestMerger()).build();
    assertThatThrownBy(() -> withoutLister.list(repo).withTagUpdates())
        .isInstanceOf(dev.profiles.core.ProfilesConfigurationException.class)
        .hasMessageContaining("VersionLister");
  }

  @Test
  void bootstrapCommitsTheConfigAndRefusesUncommittedEdits() throws Exception {
    CommitResult c = profiles.bootstrap(repo).gitRepository(FLUX).defaultDir("apps").call();
    assertThat(c.branch()).isEqualTo("main");
    assertThat(Installation.config(repo).defaultDir()).contains("apps");
    assertThat(repo.commits().get(0).installation()).isEmpty();
    repo.writeFile(".pctl/config.yaml", "defaultDir: x\n");
    var before = repo.snapshot();
    assertThatThrownBy(() -> profiles.bootstrap(repo).defaultDir("y").call())
        .isInstanceOfSatisfying(InstallRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNCOMMITTED_CHANGES));
    assertThat(repo.snapshot()).isEqualTo(before);
  }

  @Test
  void bootstrapChecksTheDefaultDirectoryAsAnInstallsAndWritesItInOneSpelling()
      throws Exception {
    for (String bad : List.of(".git", ".git/x", ".pctl", ".pctl/x", "../x", "/abs")) {
      assertThatThrownBy(() -> profiles.bootstrap(repo).gitRepository(FLUX).defaultDir(bad)
          .call())
          .isInstanceOfSatisfying(InstallRefusedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_OPTIONS))
          .hasMessageStartingWith("defaultDir: ");
    }
    assertThat(repo.commits()).isEmpty();
    profiles.bootstrap(repo).gitRepository(FLUX).defaultDir("./apps/").call();
    assertThat(Installation.config(repo).defaultDir()).contains("apps");
    for (String same : List.of("apps", "apps/", "./apps")) {
      assertThat(profiles.bootstrap(repo).gitRepository(FLUX).defaultDir(same).upToDate())
          .as(same).isTrue();
    }
  }

  @Test
  void bootstrapTellsWhenTheSettingsAreCommittedAlready() throws Exception {
    assertThat(profiles.bootstrap(repo).gitRepository(FLUX).upToDate()).isFalse();
    profiles.bootstrap(repo).gitRepository(FLUX).defaultDir("apps").call();
    assertThat(profiles.bootstrap(repo).gitRepository(FLUX).defaultDir("apps").upToDate())
        .isTrue();
    assertThat(profiles.bootstrap(repo).gitRepository(FLUX).upToDate()).isFalse();
    assertThat(profiles.bootstrap(repo).gitRepository(GitRepositoryReference.of("a", "b"))
        .defaultDir("apps").upToDate()).isFalse();
    // An uncommitted edit of the file is not up to date: call() refuses it.
    String committed = text(".pctl/config.yaml");
    repo.writeFile(".pctl/config.yaml", committed + "# edit\n");
    assertThat(profiles.bootstrap(repo).gitRepository(FLUX).defaultDir("apps").upToDate())
        .isFalse();
  }

  // --- TheInstallation ---
  @Test
  void computesItsDirectoryAndRefusesTheRootAndEscapes() throws Exception {
    Installation i = Installation.in("./clusters//dev/", "web");
    assertThat(i.directory()).isEqualTo("clusters/dev/web");
    assertThat(i.name()).isEqualTo("web");
    assertThat(i.outputDirectory()).isEqualTo("clusters/dev");
    assertThat(i.recordPath()).isEqualTo("clusters/dev/web/profile-installation.yaml");
    assertThat(Installation.in(".", "web").directory()).isEqualTo("web");
    assertThat(Installation.at("web/")).isEqualTo(Installation.at("./web"));
    assertThatThrownBy(() -> Installation.at("")).isInstanceOf(InstallRefusedException.class);
    assertThatThrownBy(() -> Installation.at("/abs")).isInstanceOf(InstallRefusedException.class)
        .hasMessageContaining("'/abs' must be relative to the GitOps repository");
    assertThatThrownBy(() -> Installation.in("../outside", "web"))
        .isInstanceOf(InstallRefusedException.class)
        .hasMessageContaining("directory: '../outside' must stay inside the GitOps repository");
    assertThatThrownBy(() -> Installation.in("a", "../b"))
        .isInstanceOf(InstallRefusedException.class);
    assertThatThrownBy(() -> Installation.in("a", "Web"))
        .isInstanceOf(InstallRefusedException.class);
  }

  @Test
  void placesRendererOutputAndBringsLegacyBaselinesToTodaysForm() throws Exception {
    publish("nginx/v0.1.0", "1");
    InstallResult r = install("nginx/v0.1.0");
    Installation i = Installation.at(r.directory());
    assertThat(i.files(repo).paths()).containsExactly("artifacts/web/app.yaml",
        "artifacts/web/config.yaml", "artifacts/web/flux.yaml");
    InMemoryGitOpsRepository legacy = InMemoryGitOpsRepository.create().withConfiguredUser(OPS);
    legacy.commit(Change.builder().message("old").installation("web")
        .files(RenderedFiles.builder().put("web/a.yaml", "a\n").build())
        .baseline(RenderedFiles.builder().put("web/a.yaml", "a\n")
            .put("web/profile-installation.yaml", "r\n").build()).build());
    assertThat(Installation.at("web").baseline(legacy).orElseThrow().paths())
        .containsExactly("a.yaml");
    // An installation named like the renderer's top directory is not mistaken for a legacy one.
    legacy.commit(Change.builder().message("new").installation("artifacts")
        .files(RenderedFiles.builder().put("artifacts/artifacts/web/a.yaml", "a\n").build())
        .baseline(RenderedFiles.builder().put("artifacts/web/a.yaml", "a\n").build()).build());
    assertThat(Installation.at("artifacts").baseline(legacy).orElseThrow().paths())
        .containsExactly("artifacts/web/a.yaml");
  }
}
