package dev.profiles.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.memory.InMemoryGitOpsRepository;
import dev.profiles.core.memory.InMemoryProfileResolver;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.model.UpdatePolicy;
import dev.profiles.core.update.PlannedUpdate;
import dev.profiles.core.update.SkipReason;
import dev.profiles.core.update.UpdateOutcome;
import dev.profiles.core.update.UpdatePlan;
import dev.profiles.core.update.UpdatePlanner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The planner over a fleet of in-memory repositories (the git, catalog and pull-request paths
 * are in integration-tests' UpdatePlannerTest): one plan per repository, branches without a
 * host, and tag dates from the lister.
 */
class UpdatePlannerFleetTest {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  final InMemoryProfileResolver resolver = new InMemoryProfileResolver();
  final Profiles profiles = Profiles.builder().resolver(resolver).renderer(new TestRenderer())
      .merger(new TestMerger()).versionLister(resolver).build();

  private InMemoryGitOpsRepository repo() {
    return InMemoryGitOpsRepository.create().withConfiguredUser(InstallCommandsTest.OPS);
  }

  private void publish(String tag, String replicas, Instant date) {
    resolver.put(ProfileSource.ofTag(InstallCommandsTest.URL, tag),
        InstallCommandsTest.definition("nginx"), InstallCommandsTest.files(replicas));
    resolver.date(InstallCommandsTest.URL, tag, date);
  }

  private void install(InMemoryGitOpsRepository r, String name, UpdatePolicy p)
      throws Exception {
    profiles.install(r).source(ProfileSource.ofTag(InstallCommandsTest.URL, "nginx/v1.0.0"))
        .name(name).gitRepository(InstallCommandsTest.FLUX).updatePolicy(p).call();
  }

  @Test
  void eachRepositoryOfAFleetGetsItsOwnPlanAndBranches() throws Exception {
    publish("nginx/v1.0.0", "1", Instant.parse("2026-01-01T00:00:00Z"));
    publish("nginx/v1.1.0", "2", Instant.parse("2026-05-01T00:00:00Z"));
    publish("nginx/v1.2.0", "3", NOW.minusSeconds(60));
    InMemoryGitOpsRepository a = repo();
    InMemoryGitOpsRepository b = repo();
    install(a, "web", UpdatePolicy.defaults());
    install(a, "soaked", UpdatePolicy.builder().minimumAge("1d").build());
    install(b, "web", UpdatePolicy.builder().range("~1.0").build());
    UpdatePlanner planner = UpdatePlanner.builder().profiles(profiles).versionLister(resolver)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).push(false).build();
    var bBefore = b.snapshot();

    List<UpdatePlan> plans = planner.plan(List.of(a, b));

    assertThat(plans.get(0).entries()).extracting(PlannedUpdate::directory, PlannedUpdate::to)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("soaked",
            java.util.Optional.of("v1.1.0")), org.assertj.core.groups.Tuple.tuple("web",
            java.util.Optional.of("v1.2.0")));
    assertThat(plans.get(1).entries()).singleElement().satisfies(u -> {
      assertThat(u.skipped()).contains(SkipReason.OUT_OF_RANGE);
      assertThat(u.detail()).contains("~1.0");
    });

    List<UpdateOutcome> done = planner.run(List.of(a, b));

    assertThat(done).extracting(UpdateOutcome::branch).containsExactly(
        "profiles/update/default-soaked", "profiles/update/default-web");
    assertThat(a.commits("profiles/update/default-web")).last()
        .satisfies(c -> assertThat(c.tree().bytes("web/profile-installation.yaml")
            .map(String::new).orElseThrow()).contains("nginx/v1.2.0"));
    assertThat(a.pushed()).isEmpty();
    assertThat(b.snapshot()).isEqualTo(bBefore);
    var aAfter = a.snapshot();
    assertThat(planner.run(List.of(a, b))).allSatisfy(o -> assertThat(o.committed()).isFalse());
    assertThat(a.snapshot()).isEqualTo(aAfter);
  }

  @Test
  void aPlanShownFirstIsThePlanThatRunsWithoutPlanningAgain() throws Exception {
    publish("nginx/v1.0.0", "1", Instant.parse("2026-01-01T00:00:00Z"));
    publish("nginx/v1.1.0", "2", Instant.parse("2026-05-01T00:00:00Z"));
    InMemoryGitOpsRepository a = repo();
    install(a, "web", UpdatePolicy.defaults());
    UpdatePlanner planner = UpdatePlanner.builder().profiles(profiles).versionLister(resolver)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).push(false).build();

    UpdatePlan shown = planner.plan(a);
    // Published after the plan was shown: running that plan does not pick it up.
    publish("nginx/v1.2.0", "3", Instant.parse("2026-05-02T00:00:00Z"));
    List<UpdateOutcome> done = planner.run(a, shown);

    assertThat(shown.entries()).singleElement()
        .satisfies(u -> assertThat(u.to()).contains("v1.1.0"));
    assertThat(done).extracting(UpdateOutcome::branch)
        .containsExactly("profiles/update/default-web");
    assertThat(a.commits("profiles/update/default-web")).last()
        .satisfies(c -> assertThat(c.tree().bytes("web/profile-installation.yaml")
            .map(String::new).orElseThrow()).contains("nginx/v1.1.0"));
    assertThatThrownBy(() -> planner.run(a, null))
        .isInstanceOf(ProfilesConfigurationException.class);
  }

  @Test
  void withoutAListerNoDateIsKnownSoAMinimumAgeHoldsEveryVersionBack() throws Exception {
    publish("nginx/v1.0.0", "1", Instant.parse("2026-01-01T00:00:00Z"));
    publish("nginx/v1.1.0", "2", Instant.parse("2026-01-02T00:00:00Z"));
    InMemoryGitOpsRepository a = repo();
    install(a, "web", UpdatePolicy.builder().minimumAge("1h").build());
    VersionLister undated = resolver::versionTags;
    UpdatePlan plan = UpdatePlanner.builder().profiles(profiles).versionLister(undated)
        .build().plan(a);
    assertThat(plan.entries()).singleElement().satisfies(u -> {
      assertThat(u.skipped()).contains(SkipReason.TOO_YOUNG);
      assertThat(u.detail()).contains("no known date");
    });
  }

  @Test
  void theBuilderRefusesWhatCannotWork() {
    assertThatThrownBy(() -> UpdatePlanner.builder().build())
        .isInstanceOf(ProfilesConfigurationException.class);
    assertThatThrownBy(() -> UpdatePlanner.builder().profiles(profiles).baseBranch(" "))
        .isInstanceOf(ProfilesConfigurationException.class);
    assertThatThrownBy(() -> UpdatePlanner.builder().profiles(profiles).push(false)
        .pullRequests(new dev.profiles.core.update.PullRequestProvider() {
          public java.util.Optional<dev.profiles.core.update.PullRequest> find(String b) {
            return java.util.Optional.empty();
          }

          public dev.profiles.core.update.PullRequest open(
              dev.profiles.core.update.PullRequestChange c) {
            throw new AssertionError();
          }

          public dev.profiles.core.update.PullRequest update(
              dev.profiles.core.update.PullRequest e, dev.profiles.core.update.PullRequestChange c) {
            throw new AssertionError();
          }
        }).build()).isInstanceOf(ProfilesConfigurationException.class);
  }
}
