package dev.profiles.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.install.InstallRefusedException;
import dev.profiles.core.install.ListResult;
import dev.profiles.core.install.UpgradeResult;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.testing.git.ProfileYamls;
import dev.profiles.testing.git.RepoState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upgrades by three-way merge against real repositories, as spec §7 describes. */
class UpgradeTest {
  private static final String DEPLOY = "inst/artifacts/web/m/deploy.yaml";
  private static final String SVC = "inst/artifacts/web/m/svc.yaml";

  @TempDir
  Path tmp;
  private GitOpsFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new GitOpsFixture(tmp, true);
  }

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  /** Publishes app/v1.0.0: artifact web (kustomize m/) with deploy.yaml and svc.yaml. */
  private void publishV1(String... extraArtifacts) {
    ProfileYamls yaml = ProfileYamls.profile("app").kustomize("web", "m");
    for (String a : extraArtifacts) {
      yaml.kustomize(a, a);
      f.upstream.file("app/" + a + "/x.yaml", a + ": 1\n");
    }
    f.upstream.file("app/m/deploy.yaml", "replicas: 1\nport: 80\nimage: app:1.0\n")
        .file("app/m/svc.yaml", "port: 80\n")
        .profile("app", yaml.toYaml()).commit("v1").tag("app/v1.0.0");
  }

  private void installFromCatalog() throws Exception {
    f.profiles.install(f.repo).author(GitOpsFixture.BOT).name("inst")
        .fromCatalog(CatalogEntry.builder().name("app").tag("app/v1.0.0").url(f.url())
            .catalogSource("cat").build())
        .call();
  }

  private void userCommits(String path, String content) throws Exception {
    Path file = f.gitops.resolve(path);
    if (content == null) {
      Files.delete(file);
    } else {
      Files.writeString(file, content);
    }
    try (Git git = Git.open(f.gitops.toFile())) {
      git.add().addFilepattern(".").call();
      git.add().setUpdate(true).addFilepattern(".").call();
      git.commit().setMessage("user edit").setAuthor("u", "u@example.com")
          .setCommitter("u", "u@example.com").setSign(false).call();
    }
  }

  private String read(String path) throws Exception {
    return Files.readString(f.gitops.resolve(path));
  }

  private UpgradeResult upgradeTo(String version) throws Exception {
    return f.profiles.upgrade(f.repo).author(GitOpsFixture.BOT).installation("inst")
        .toVersion(version).call();
  }

  @Test
  void userEditInOneFileAndUpstreamChangeInAnotherMergeCleanly() throws Exception {
    publishV1();
    installFromCatalog();
    userCommits(SVC, "port: 8080\n");
    f.upstream.file("app/m/deploy.yaml", "replicas: 1\nport: 80\nimage: app:1.1\n")
        .commit("v1.1").tag("app/v1.1.0");

    UpgradeResult r = upgradeTo("v1.1.0");

    assertThat(r.conflicts()).isEmpty();
    assertThat(r.commit()).isPresent();
    assertThat(read(SVC)).isEqualTo("port: 8080\n");
    assertThat(read(DEPLOY)).contains("image: app:1.1");
    assertThat(read("inst/profile-installation.yaml")).contains("tag: app/v1.1.0")
        .contains("version: v1.1.0");
    try (Git git = Git.open(f.gitops.toFile())) {
      assertThat(git.status().call().isClean()).isTrue();
      assertThat(git.log().setMaxCount(1).call().iterator().next().getFullMessage())
          .startsWith("Upgrade inst to app/v1.1.0").contains("Profiles-Installation: inst");
    }
  }

  @Test
  void aUsersHelmValuesEditSurvivesAChartVersionBump() throws Exception {
    String chart = "    - name: web\n      chart:\n        url: https://charts.example.com\n"
        + "        name: web\n        version: %s\n        defaultValues: |\n"
        + "          replicas: 1\n          service:\n            type: ClusterIP\n";
    f.upstream.profile("app", ProfileYamls.profile("app").toYaml() + chart.formatted("1.0.0"))
        .commit("v1").tag("app/v1.0.0");
    installFromCatalog();
    String values = "inst/artifacts/web/helm-chart/ConfigMap.yaml";
    String edited = read(values).replace("replicas: 1", "replicas: 5");
    assertThat(edited).isNotEqualTo(read(values));
    userCommits(values, edited);
    f.upstream.profile("app", ProfileYamls.profile("app").toYaml() + chart.formatted("1.1.0"))
        .commit("v1.1").tag("app/v1.1.0");

    UpgradeResult r = upgradeTo("v1.1.0");

    assertThat(r.conflicts()).isEmpty();
    assertThat(read(values)).isEqualTo(edited);
    assertThat(read("inst/artifacts/web/helm-chart/HelmRelease.yaml")).contains("1.1.0")
        .doesNotContain("1.0.0");
  }

  @Test
  void theSameLineChangedOnBothSidesIsAConflictAndNothingElseIsLost() throws Exception {
    publishV1();
    installFromCatalog();
    userCommits(DEPLOY, "replicas: 3\nport: 80\nimage: app:custom\n");
    userCommits(SVC, "port: 8080\n");
    f.upstream.file("app/m/deploy.yaml", "replicas: 1\nport: 80\nimage: app:1.1\n")
        .file("app/m/new.yaml", "new: true\n").commit("v1.1").tag("app/v1.1.0");
    String headBefore = RepoState.capture(f.gitops).refs().get("refs/heads/main");

    UpgradeResult r = upgradeTo("v1.1.0");

    assertThat(r.conflicts()).containsExactly(DEPLOY);
    assertThat(r.commit()).isEmpty();
    assertThat(read(DEPLOY)).isEqualTo("replicas: 3\nport: 80\n<<<<<<< ours\nimage: app:custom\n"
        + "=======\nimage: app:1.1\n>>>>>>> theirs\n");
    assertThat(r.commitMessage()).hasValueSatisfying(m -> assertThat(m)
        .contains("Profiles-Installation: inst").contains("Profiles-Baseline: "));
    assertThat(read(SVC)).isEqualTo("port: 8080\n");
    assertThat(read("inst/artifacts/web/m/new.yaml")).isEqualTo("new: true\n");
    RepoState after = RepoState.capture(f.gitops);
    assertThat(after.refs().get("refs/heads/main")).isEqualTo(headBefore);
    assertThat(after.status()).contains("inst/artifacts/web/m/deploy.yaml");
  }

  @Test
  void aFileTheUserDeletedStaysDeleted() throws Exception {
    publishV1();
    installFromCatalog();
    userCommits(SVC, null);
    f.upstream.file("app/m/deploy.yaml", "replicas: 1\nport: 80\nimage: app:1.1\n")
        .commit("v1.1").tag("app/v1.1.0");

    UpgradeResult r = upgradeTo("v1.1.0");

    assertThat(r.conflicts()).isEmpty();
    assertThat(f.gitops.resolve(SVC)).doesNotExist();
    assertThat(read(DEPLOY)).contains("app:1.1");
  }

  @Test
  void artifactsRemovedAndAddedUpstream() throws Exception {
    publishV1("extra");
    installFromCatalog();
    assertThat(f.gitops.resolve("inst/artifacts/extra/kustomize-flux.yaml")).exists();
    f.upstream.remove("app/extra").file("app/cache/x.yaml", "cache: 1\n")
        .profile("app", ProfileYamls.profile("app").kustomize("web", "m")
            .kustomize("cache", "cache").toYaml())
        .commit("v2").tag("app/v2.0.0");

    UpgradeResult r = upgradeTo("v2.0.0");

    assertThat(r.conflicts()).isEmpty();
    assertThat(f.gitops.resolve("inst/artifacts/extra")).doesNotExist();
    assertThat(read("inst/artifacts/cache/cache/x.yaml")).isEqualTo("cache: 1\n");
    assertThat(read("inst/artifacts/cache/kustomize-flux.yaml")).contains("name: inst-cache");
  }

  @Test
  void nestedProfileVersionBump() throws Exception {
    f.upstream.file("base/ns/ns.yaml", "name: team-a\n")
        .profile("base", ProfileYamls.profile("base").kustomize("ns", "ns").toYaml())
        .commit("base 1").tag("base/v1.0.0");
    f.upstream.file("app/m/deploy.yaml", "image: app:1.0\n")
        .profile("app", ProfileYamls.profile("app").kustomize("web", "m")
            .nestedTag("base", f.url(), "base/v1.0.0").toYaml())
        .commit("app 1").tag("app/v1.0.0");
    installFromCatalog();
    assertThat(read("inst/artifacts/base/ns/ns/ns.yaml")).isEqualTo("name: team-a\n");
    f.upstream.file("base/ns/ns.yaml", "name: team-b\n").commit("base 2").tag("base/v2.0.0")
        .profile("app", ProfileYamls.profile("app").kustomize("web", "m")
            .nestedTag("base", f.url(), "base/v2.0.0").toYaml())
        .commit("app 1.1").tag("app/v1.1.0");

    UpgradeResult r = upgradeTo("v1.1.0");

    assertThat(r.conflicts()).isEmpty();
    assertThat(read("inst/artifacts/base/ns/ns/ns.yaml")).isEqualTo("name: team-b\n");
  }

  @Test
  void upgradingAnInstallationLaidOutByTheOriginalPctl() throws Exception {
    publishV1();
    f.upstream.file("app/m/deploy.yaml", "replicas: 1\nport: 80\nimage: app:1.1\n")
        .commit("v1.1").tag("app/v1.1.0");
    // Written by hand from spec §4-5 the way pctl laid installations out: beta Flux APIs, a
    // Kubernetes-serialised record, committed without this SDK's trailer.
    String url = f.url();
    writePctl("inst/profile-installation.yaml", """
        apiVersion: weave.works/v1alpha1
        kind: ProfileInstallation
        metadata:
          creationTimestamp: null
          name: inst
          namespace: default
        spec:
          catalog:
            catalog: cat
            profile: app
            version: v1.0.0
          gitRepository:
            name: flux-system
            namespace: flux-system
          source:
            path: app
            tag: app/v1.0.0
            url: %s
        status: {}
        """.formatted(url));
    writePctl("inst/artifacts/web/kustomization.yaml", """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - kustomize-flux.yaml
        """);
    String flux = read0("kustomize-flux.yaml").replace("kustomize.toolkit.fluxcd.io/v1",
        "kustomize.toolkit.fluxcd.io/v1beta2");
    writePctl("inst/artifacts/web/kustomize-flux.yaml", flux);
    writePctl("inst/artifacts/web/m/deploy.yaml", "replicas: 2\nport: 80\nimage: app:1.0\n");
    writePctl("inst/artifacts/web/m/svc.yaml", "port: 80\n");
    try (Git git = Git.open(f.gitops.toFile())) {
      git.add().addFilepattern("inst").call();
      git.commit().setMessage("pctl install").setAuthor("pctl", "pctl@example.com")
          .setCommitter("pctl", "pctl@example.com").setSign(false).call();
    }

    ListResult listed = f.profiles.list(f.repo).call();
    assertThat(listed.installations()).singleElement()
        .satisfies(i -> assertThat(i.installation().catalog().orElseThrow().version())
            .isEqualTo("v1.0.0"));

    UpgradeResult r = upgradeTo("v1.1.0");

    assertThat(r.conflicts()).isEmpty();
    assertThat(read("inst/artifacts/web/kustomize-flux.yaml"))
        .contains("apiVersion: kustomize.toolkit.fluxcd.io/v1\n").doesNotContain("v1beta2");
    assertThat(read(DEPLOY)).isEqualTo("replicas: 2\nport: 80\nimage: app:1.1\n");
    assertThat(read("inst/profile-installation.yaml")).contains("version: v1.1.0")
        .doesNotContain("creationTimestamp").doesNotContain("status");
  }

  /** The kustomize-flux.yaml this SDK renders for web in a scratch install, for the fixture. */
  private String read0(String name) throws Exception {
    Path other = tmp.resolve("scratch");
    try (GitOpsFixture scratch = new GitOpsFixture(other, true)) {
      scratch.profiles.install(scratch.repo).name("inst")
          .source(ProfileSource.ofTag(f.url(), "app/v1.0.0")).call();
      return Files.readString(scratch.gitops.resolve("inst/artifacts/web/" + name));
    }
  }

  private void writePctl(String path, String content) throws Exception {
    RepoState.write(f.gitops.resolve(path), content);
  }

  @Test
  void refreshOfABranchInstall() throws Exception {
    f.upstream.file("app/m/deploy.yaml", "image: app:1.0\n").file("app/m/svc.yaml", "port: 80\n")
        .profile("app", ProfileYamls.profile("app").kustomize("web", "m").toYaml())
        .commit("first");
    f.profiles.install(f.repo).author(GitOpsFixture.BOT).name("inst")
        .source(ProfileSource.ofBranch(f.url(), "main", "app")).call();
    userCommits(SVC, "port: 8080\n");
    f.upstream.file("app/m/deploy.yaml", "image: app:nightly\n").commit("second");

    UpgradeResult r = f.profiles.upgrade(f.repo).author(GitOpsFixture.BOT).installation("inst")
        .refresh().call();

    assertThat(r.conflicts()).isEmpty();
    assertThat(r.commit()).isPresent();
    assertThat(read(DEPLOY)).isEqualTo("image: app:nightly\n");
    assertThat(read(SVC)).isEqualTo("port: 8080\n");

    UpgradeResult again = f.profiles.upgrade(f.repo).installation("inst").refresh().call();
    assertThat(again.upToDate()).isTrue();
  }

  @Test
  void aTagInstallUpgradesByVersionKeepingTheUsersEditAndDirtyInstallationsAreRefused()
      throws Exception {
    publishV1();
    RepoState empty = RepoState.capture(f.gitops);
    var dryInstall = f.profiles.install(f.repo).name("inst")
        .source(ProfileSource.ofTag(f.url(), "app/v1.0.0")).dryRun(true).call();
    assertThat(RepoState.capture(f.gitops)).isEqualTo(empty);
    assertThat(dryInstall.commit()).isEmpty();
    assertThat(dryInstall.change().files().paths()).contains(DEPLOY,
        "inst/profile-installation.yaml");
    f.profiles.install(f.repo).name("inst").source(ProfileSource.ofTag(f.url(), "app/v1.0.0"))
        .call();
    userCommits(SVC, "port: 8080\n");
    f.upstream.file("app/m/deploy.yaml", "replicas: 1\nport: 80\nimage: app:1.1\n")
        .commit("v1.1").tag("app/v1.1.0");
    RepoState before = RepoState.capture(f.gitops);

    UpgradeResult dry = f.profiles.upgrade(f.repo).installation("inst").toVersion("v1.1.0")
        .dryRun(true).call();
    assertThat(RepoState.capture(f.gitops)).isEqualTo(before);
    assertThat(dry.commit()).isEmpty();
    assertThat(dry.change().orElseThrow().files().text(DEPLOY).orElseThrow())
        .contains("image: app:1.1");

    Files.writeString(f.gitops.resolve(SVC), "port: 1\n");
    RepoState dirty = RepoState.capture(f.gitops);
    assertThatThrownBy(() -> upgradeTo("v1.1.0")).isInstanceOf(InstallRefusedException.class)
        .hasMessageContaining("uncommitted changes");
    assertThat(RepoState.capture(f.gitops)).isEqualTo(dirty);
    Files.writeString(f.gitops.resolve(SVC), "port: 8080\n");

    UpgradeResult r = upgradeTo("v1.1.0");
    assertThat(r.to().source().tag()).contains("app/v1.1.0");
    assertThat(r.commit()).isPresent();
    assertThat(read(SVC)).isEqualTo("port: 8080\n");
    assertThat(read(DEPLOY)).contains("image: app:1.1");
    assertThat(read("inst/profile-installation.yaml")).contains("tag: app/v1.1.0");
  }

  @Test
  void toLatestOfATagInstallReadsTheRepositorysTagsThenUninstallRemovesIt() throws Exception {
    publishV1();
    f.profiles.install(f.repo).name("inst").source(ProfileSource.ofTag(f.url(), "app/v1.0.0"))
        .call();
    f.upstream.file("app/m/deploy.yaml", "replicas: 1\nport: 80\nimage: app:1.2\n")
        .commit("v1.2").tag("app/v1.2.0");
    f.upstream.file("app/m/deploy.yaml", "replicas: 1\nport: 80\nimage: app:2-rc\n")
        .commit("v2 rc").tag("app/v2.0.0-rc.1");

    UpgradeResult r = f.profiles.upgrade(f.repo).installation("inst").toLatest().call();
    assertThat(r.to().source().tag()).contains("app/v1.2.0");
    assertThat(read(DEPLOY)).contains("image: app:1.2");
    assertThat(f.profiles.upgrade(f.repo).installation("inst").toLatest().call().upToDate())
        .isTrue();

    RepoState before = RepoState.capture(f.gitops);
    assertThat(f.profiles.uninstall(f.repo).installation("inst").dryRun(true).call().commit())
        .isEmpty();
    assertThat(RepoState.capture(f.gitops)).isEqualTo(before);
    f.profiles.uninstall(f.repo).installation("inst").call();
    assertThat(Files.exists(f.gitops.resolve("inst"))).isFalse();
    try (Git git = Git.open(f.gitops.toFile())) {
      assertThat(git.status().call().isClean()).isTrue();
      assertThat(git.log().setMaxCount(1).call().iterator().next().getFooterLines(
          "Profiles-Installation")).containsExactly("inst");
    }
  }

  @Test
  void refreshingATagInstallNamesTheWayForward() throws Exception {
    publishV1();
    f.profiles.install(f.repo).name("inst").source(ProfileSource.ofTag(f.url(), "app/v1.0.0"))
        .call();
    RepoState before = RepoState.capture(f.gitops);
    assertThatThrownBy(() -> f.profiles.upgrade(f.repo).installation("inst").refresh().call())
        .isInstanceOf(InstallRefusedException.class)
        .hasMessageContaining("toVersion(").hasMessageContaining("toLatest()");
    assertThat(RepoState.capture(f.gitops)).isEqualTo(before);
  }

  @Test
  void listingReportsABrokenRecordWithoutHidingTheOthers() throws Exception {
    publishV1();
    installFromCatalog();
    f.profiles.install(f.repo).name("second").directory("clusters/prod")
        .source(ProfileSource.ofTag(f.url(), "app/v1.0.0")).call();
    RepoState.write(f.gitops.resolve("broken/profile-installation.yaml"), "kind: [\n");

    ListResult listed = f.profiles.list(f.repo).withUpdates(ref -> List.of(
        CatalogEntry.builder().name("app").tag("app/v1.1.0").build(),
        CatalogEntry.builder().name("app").tag("app/v2.0.0").build())).call();

    assertThat(listed.installations()).extracting(i -> i.directory())
        .containsExactly("clusters/prod/second", "inst");
    assertThat(listed.installations().get(0).availableUpdates()).isEmpty(); // not from a catalog
    assertThat(listed.installations().get(1).availableUpdates())
        .extracting(e -> e.tag().orElseThrow()).containsExactly("app/v2.0.0", "app/v1.1.0");
    assertThat(listed.problems()).singleElement().satisfies(p -> assertThat(p.toString())
        .startsWith("broken/profile-installation.yaml:"));
  }

  @Test
  void toLatestUsesTheHighestAvailableUpdate() throws Exception {
    publishV1();
    installFromCatalog();
    f.upstream.file("app/m/deploy.yaml", "replicas: 1\nport: 80\nimage: app:2\n")
        .commit("v2").tag("app/v2.0.0");
    List<CatalogEntry> updates = List.of(
        CatalogEntry.builder().name("app").tag("app/v1.1.0-rc.1").catalogSource("cat").build(),
        CatalogEntry.builder().name("app").tag("app/v2.0.0").catalogSource("cat").build());

    UpgradeResult r = f.profiles.upgrade(f.repo).installation("inst")
        .toLatest(ref -> updates).call();

    assertThat(r.to().catalog().orElseThrow().version()).isEqualTo("v2.0.0");
    assertThat(read(DEPLOY)).contains("app:2");
    UpgradeResult none = f.profiles.upgrade(f.repo).installation("inst")
        .toLatest(ref -> List.of()).call();
    assertThat(none.upToDate()).isTrue();
  }
}
