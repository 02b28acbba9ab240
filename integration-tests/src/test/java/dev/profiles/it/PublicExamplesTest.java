package dev.profiles.it;

import dev.profiles.testing.git.GitOpsRepoFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.install.InstallResult;
import dev.profiles.core.install.ListResult;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.RenderException;
import dev.profiles.core.install.UpgradeResult;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.flux.FluxRenderer;
import dev.profiles.git.GitProfiles;
import dev.profiles.git.gitops.GitOpsRepositories;
import dev.profiles.git.gitops.JGitOpsRepository;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.RepoState;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public profile repositories the original pctl's own tests installed —
 * {@code weaveworks/profiles-examples} and {@code weaveworks/nginx-profile}, every branch and tag
 * as published, bundled under {@code src/test/resources/public/} — installed, upgraded and
 * listed as pctl's tests did. Their profiles were written over the life of the original API
 * ({@code profiles.fluxcd.io/v1alpha1} {@code kind: Profile} with {@code kind: Kustomize}
 * artifacts, {@code spec.version}, {@code spec.name}, JSON files). The nested sources name
 * {@code https://github.com/...}; the tests reach them through URL rewriting to a loopback
 * smart-HTTP server, as an air-gapped organisation would through its mirror.
 */
class PublicExamplesTest {
  private static final String EXAMPLES = "https://github.com/weaveworks/profiles-examples";
  private static final String NGINX = "https://github.com/weaveworks/nginx-profile";
  private static final GitRepositoryReference FLUX =
      GitRepositoryReference.of("flux-system", "flux-system");

  @TempDir
  static Path shared;
  private static GitHttpServer server;
  private static final AtomicInteger RUN = new AtomicInteger();

  @BeforeAll
  static void serveBundles() throws Exception {
    Path root = Files.createDirectories(shared.resolve("served"));
    for (String name : List.of("profiles-examples", "nginx-profile")) {
      Path bundle = shared.resolve(name + ".bundle");
      try (InputStream in = PublicExamplesTest.class.getResourceAsStream(
          "/public/" + name + ".bundle")) {
        Files.copy(in, bundle);
      }
      Path bare = root.resolve(name + ".git");
      try (Git git = Git.init().setBare(true).setGitDir(bare.toFile())
          .setInitialBranch("main").call()) {
        git.fetch().setRemote(bundle.toUri().toString())
            .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"),
                new RefSpec("+refs/tags/*:refs/tags/*"))
            .call();
      }
    }
    server = GitHttpServer.builder(root).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A fresh GitOps repository and SDK, with github.com rewritten to the loopback mirror. */
  private static final class Workspace implements AutoCloseable {
    final Path gitops;
    final GitOpsRepoFixture gitopsRepo;
    final GitProfiles git;
    final JGitOpsRepository repo;
    final Profiles profiles;

    Workspace() throws Exception {
      Path dir = Files.createDirectories(shared.resolve("run-" + RUN.incrementAndGet()));
      gitops = dir.resolve("gitops");
      // The repository's user authors commits that name no author: the SDK never invents one.
      gitopsRepo = GitOpsRepoFixture.create(gitops).withUser("Ops", "ops@example.com");
      // The loopback mirror speaks plain http: the caller allows it, as for any http mirror.
      git = GitProfiles.builder().cacheDirectory(dir.resolve("cache")).allowHttp(true)
          .insteadOf(server.url("profiles-examples.git"), EXAMPLES)
          .insteadOf(server.url("nginx-profile.git"), NGINX)
          .build();
      repo = GitOpsRepositories.open(gitops);
      profiles = Profiles.builder().resolver(git.asResolver()).renderer(new FluxRenderer())
          .build();
      profiles.bootstrap(repo).author(GitOpsFixture.BOT).gitRepository(FLUX).call();
    }

    String read(String path) throws Exception {
      return Files.readString(gitops.resolve(path), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      repo.close();
      git.close();
      gitopsRepo.close();
    }
  }

  /** One profile as published: a ref of a repository and the profile's directory there. */
  private record Published(String url, String ref, String path) {
    boolean isTag() {
      return ref.startsWith(Constants.R_TAGS);
    }

    String shortRef() {
      return Repository.shortenRefName(ref);
    }

    ProfileSource source() {
      return isTag() ? ProfileSource.builder().url(url).tag(shortRef()).path(path).build()
          : ProfileSource.ofBranch(url, shortRef(), path);
    }

    /**
     * pctl's own tests expect the profile of the {@code invalid-artifact} branches to be refused
     * (it sets {@code kind: HelmChart} together with both {@code path} and {@code chart}).
     */
    boolean expectedInvalid() {
      return shortRef().equals("invalid-artifact")
          && (path.equals("weaveworks-nginx") || url.equals(NGINX));
    }

    /**
     * The {@code copy-on-install} branch of nginx-profile ships Flux objects of retired API
     * versions ({@code helm.toolkit.fluxcd.io/v2beta1}) as plain files: current Flux cannot
     * apply them, and the copied files are the profile's own, so the install is refused,
     * naming each file, rather than committing objects the cluster would reject.
     */
    boolean shipsRetiredFluxObjects() {
      return url.equals(NGINX) && shortRef().equals("copy-on-install");
    }
  }

  /** Every profile.yaml on every branch and tag of both repositories. */
  private static List<Published> published() throws Exception {
    List<Published> out = new ArrayList<>();
    for (String[] repo : new String[][] {{"profiles-examples", EXAMPLES}, {"nginx-profile", NGINX}}) {
      try (Repository r = Git.open(shared.resolve("served/" + repo[0] + ".git").toFile())
          .getRepository(); RevWalk walk = new RevWalk(r)) {
        for (Ref ref : r.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
          if (!ref.getName().startsWith(Constants.R_HEADS)
              && !ref.getName().startsWith(Constants.R_TAGS)) {
            continue;
          }
          try (TreeWalk tw = new TreeWalk(r)) {
            tw.addTree(walk.parseCommit(ref.getObjectId()).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
              String p = tw.getPathString();
              if (p.equals("profile.yaml") || p.endsWith("/profile.yaml")) {
                String dir = p.equals("profile.yaml") ? "." : p.substring(0, p.lastIndexOf('/'));
                out.add(new Published(repo[1], ref.getName(), dir));
              }
            }
          }
        }
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyPublishedProfileInstallsOrIsRefusedAsPctlExpects() throws Exception {
    List<Published> all = published();
    assertThat(all).hasSizeGreaterThan(30);
    return all.stream().map(p -> DynamicTest.dynamicTest(
        p.url().substring(p.url().lastIndexOf('/') + 1) + "@" + p.shortRef() + ":" + p.path(),
        () -> {
          try (Workspace w = new Workspace()) {
            if (p.expectedInvalid()) {
              RepoState before = RepoState.capture(w.gitops);
              assertThatThrownBy(() -> w.profiles.install(w.repo).author(GitOpsFixture.BOT)
                  .source(p.source()).name("pctl-profile").call())
                  .isInstanceOf(InvalidDocumentException.class)
                  .hasMessageContaining("profile.yaml:");
              assertThat(RepoState.capture(w.gitops)).isEqualTo(before);
              return;
            }
            if (p.shipsRetiredFluxObjects()) {
              RepoState before = RepoState.capture(w.gitops);
              assertThatThrownBy(() -> w.profiles.install(w.repo).author(GitOpsFixture.BOT)
                  .source(p.source()).name("pctl-profile").call())
                  .isInstanceOf(RenderException.class)
                  .hasMessageContaining("dokuwiki/helmrelease.yaml:1:1")
                  .hasMessageContaining("helm.toolkit.fluxcd.io/v2beta1 HelmRelease is not served");
              assertThat(RepoState.capture(w.gitops)).isEqualTo(before);
              return;
            }
            InstallResult r = w.profiles.install(w.repo).author(GitOpsFixture.BOT)
                .source(p.source()).name("pctl-profile").namespace("default").call();
            assertThat(r.commit()).isNotNull();
            String record = w.read("pctl-profile/profile-installation.yaml");
            // The record keeps the URL as the profile names it, not the mirror's.
            assertThat(record).contains("url: " + p.url()).doesNotContain("127.0.0.1");
            assertThat(r.files().paths()).isNotEmpty()
                .allMatch(path -> path.startsWith("pctl-profile/"));
          }
        }));
  }

  @Test
  void pctlsAddFromBranchAndPathWritesTheLocalChart() throws Exception {
    // pctl add --name pctl-profile --profile-branch main --profile-repo-url
    //   https://github.com/weaveworks/profiles-examples --profile-path bitnami-nginx
    // (pctl's test used the branch that held the profile; main of profiles-examples holds only
    // a README today.)
    try (Workspace w = new Workspace()) {
      w.profiles.install(w.repo).author(GitOpsFixture.BOT)
          .source(ProfileSource.ofBranch(EXAMPLES, "dependson", "bitnami-nginx"))
          .name("pctl-profile").call();
      assertThat(w.gitops.resolve("pctl-profile/profile-installation.yaml")).exists();
      assertThat(w.gitops.resolve(
          "pctl-profile/artifacts/nginx-server/helm-chart/HelmRelease.yaml")).exists();
      assertThat(w.gitops.resolve(
          "pctl-profile/artifacts/nginx-server/helm-chart/nginx/chart/Chart.yaml")).exists();
      assertThat(w.read("pctl-profile/profile-installation.yaml"))
          .contains("branch: dependson").contains("path: bitnami-nginx");
    }
  }

  @Test
  void fieldsOfTheOriginalApiThatMeanNothingTodayAreLocatedWarningsOnTheResult()
      throws Exception {
    try (Workspace w = new Workspace()) {
      // bitnami-nginx/v0.0.1 repeats its name as spec.name (v0.0.7 to v0.0.11 of the API).
      InstallResult r = w.profiles.install(w.repo).author(GitOpsFixture.BOT)
          .source(ProfileSource.ofTag(EXAMPLES, "bitnami-nginx/v0.0.1")).name("web").call();

      assertThat(r.warnings()).anySatisfy(warning -> {
        assertThat(warning.path()).isEqualTo("spec.name");
        assertThat(warning.source()).endsWith("bitnami-nginx/profile.yaml")
            .doesNotContain("127.0.0.1");
        assertThat(warning.line()).isEqualTo(6);
      });
      assertThat(w.gitops.resolve("web/artifacts/nginx-server/helm-chart/HelmRelease.yaml"))
          .exists();
    }
  }

  @Test
  void catalogInstallOfWeaveworksNginxUpgradesToTheNextTagAndLists() throws Exception {
    try (Workspace w = new Workspace()) {
      CatalogEntry v010 = CatalogEntry.builder().name("weaveworks-nginx")
          .tag("weaveworks-nginx/v0.1.0").url(EXAMPLES).catalogSource("nginx-catalog")
          .description("This installs nginx.").build();
      w.profiles.install(w.repo).author(GitOpsFixture.BOT).fromCatalog(v010)
          .name("pctl-profile").call();
      String nested = "pctl-profile/artifacts/nested-profile/nginx-server/helm-chart/HelmRelease.yaml";
      assertThat(w.gitops.resolve(nested)).exists();
      assertThat(w.read("pctl-profile/artifacts/nginx-chart/helm-chart/HelmRelease.yaml"))
          .contains("version: \"9.3.0\"");
      assertThat(w.gitops.resolve("pctl-profile/artifacts/dependon-chart")).doesNotExist();

      UpgradeResult up = w.profiles.upgrade(w.repo).author(GitOpsFixture.BOT)
          .installation("pctl-profile").toVersion("v0.1.1").call();

      assertThat(up.conflicts()).isEmpty();
      assertThat(up.commit()).isPresent();
      assertThat(w.read("pctl-profile/profile-installation.yaml"))
          .contains("tag: weaveworks-nginx/v0.1.1").contains("version: v0.1.1");
      // v0.1.1 adds a redis chart that waits for the others, and nests bitnami-nginx/v0.0.2.
      assertThat(w.read("pctl-profile/artifacts/dependon-chart/kustomize-flux.yaml"))
          .contains("pctl-profile-nginx-deployment").contains("pctl-profile-nginx-chart")
          .contains("pctl-profile-nginx-server");
      assertThat(w.read("pctl-profile/artifacts/dependon-chart/helm-chart/HelmRelease.yaml"))
          .contains("redis").contains("14.6.1");
      try (Git git = Git.open(w.gitops.toFile())) {
        assertThat(git.status().call().isClean()).isTrue();
      }

      ListResult listed = w.profiles.list(w.repo).call();
      assertThat(listed.installations()).singleElement().satisfies(i -> {
        assertThat(i.installation().name()).isEqualTo("pctl-profile");
        assertThat(i.installation().source().tag()).hasValue("weaveworks-nginx/v0.1.1");
      });
    }
  }
}
