package dev.profiles.testing.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.GitOpsRepoFixture;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension injects working fixtures (the injected server serves the injected repository;
 * the GitOps repository has its first commit), the same instance for every parameter of a type
 * within one test, fresh ones for the next test, and closes and deletes all of it afterwards.
 * The sample test classes are run through the JUnit Platform launcher, so that what happens
 * after them can be observed.
 */
class ProfilesExtensionTest {
  static final List<Object[]> SEEN = new CopyOnWriteArrayList<>();

  @ProfilesTest
  static class Sample {
    @Test
    void servesTheInjectedRepository(ProfileRepoFixture repo, GitHttpServer server,
        GitOpsRepoFixture gitops, ProfileRepoFixture again) throws Exception {
      repo.profile("nginx", ProfileYamls.profile("nginx").kustomize("app", "manifests").toYaml())
          .file("nginx/manifests/deploy.yaml", "kind: Deployment\n")
          .commit("nginx 0.1.0").tag("nginx/v0.1.0");
      Collection<Ref> refs = Git.lsRemoteRepository().setRemote(server.url("profiles.git"))
          .setTags(true).call();
      assertThat(refs).extracting(Ref::getName).containsExactly("refs/tags/nginx/v0.1.0");
      assertThat(again).isSameAs(repo);
      assertThat(gitops.git().log().call()).extracting(c -> c.getShortMessage())
          .containsExactly("init");
      assertThat(gitops.git().getRepository().getBranch()).isEqualTo("main");
      SEEN.add(new Object[] {repo, server, gitops});
    }

    @Test
    void getsFreshFixtures(ProfileRepoFixture repo, GitHttpServer server) throws Exception {
      assertThat(repo.repository().getRefDatabase().getRefs()).isEmpty();
      SEEN.add(new Object[] {repo, server});
    }
  }

  @ExtendWith2
  static class Failing {
    @Test
    void fails(GitHttpServer server) {
      SEEN.add(new Object[] {server});
      throw new AssertionError("the test fails; its fixtures are closed all the same");
    }
  }

  /** The extension also works as a plain {@code @ExtendWith} on a meta-annotation. */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @org.junit.jupiter.api.extension.ExtendWith(ProfilesExtension.class)
  @interface ExtendWith2 {}

  @Test
  void injectsWorkingFixturesAndClosesThemAfterEachTest() {
    SEEN.clear();
    TestExecutionSummary summary = run(Sample.class);
    assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(2);
    assertThat(SEEN).hasSize(2);
    Object[] first = SEEN.get(0);
    Object[] second = SEEN.get(1);
    assertThat(second[0]).isNotSameAs(first[0]);
    assertThat(second[1]).isNotSameAs(first[1]);
    for (Object[] seen : SEEN) {
      ProfileRepoFixture repo = (ProfileRepoFixture) seen[0];
      assertThat(((GitHttpServer) seen[1]).isRunning()).isFalse();
      assertThat(repo.directory()).doesNotExist();
    }
    assertThat(((GitOpsRepoFixture) first[2]).directory()).doesNotExist();
  }

  @Test
  void closesTheFixturesOfAFailedTest() {
    SEEN.clear();
    TestExecutionSummary summary = run(Failing.class);
    assertThat(summary.getTestsFailedCount()).isEqualTo(1);
    GitHttpServer server = (GitHttpServer) SEEN.get(0)[0];
    assertThat(server.isRunning()).isFalse();
  }

  @Test
  void aFixtureCreatedByHandIsTheSameKind(@org.junit.jupiter.api.io.TempDir Path tmp) {
    try (GitOpsRepoFixture gitops = GitOpsRepoFixture.create(tmp.resolve("g"))) {
      assertThat(Files.readString(gitops.directory().resolve("README.md"))).isEqualTo("cluster\n");
      assertThat(gitops.state()).isEqualTo(gitops.state());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static TestExecutionSummary run(Class<?> testClass) {
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(testClass)).build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    return listener.getSummary();
  }

  private static String failures(TestExecutionSummary summary) {
    List<String> out = new ArrayList<>();
    summary.getFailures().forEach(f -> out.add(f.getTestIdentifier().getDisplayName() + ": "
        + f.getException()));
    return String.join("\n", out);
  }
}
