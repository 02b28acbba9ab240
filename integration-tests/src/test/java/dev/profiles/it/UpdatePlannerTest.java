package dev.profiles.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.catalog.client.CatalogClient;
import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.core.catalog.PreReleases;
import dev.profiles.core.install.UpdateFinder;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.model.UpdatePolicy;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.core.update.PlannedUpdate;
import dev.profiles.core.update.PullRequestException;
import dev.profiles.core.update.SkipReason;
import dev.profiles.core.update.UpdateDescriber;
import dev.profiles.core.update.UpdateOutcome;
import dev.profiles.core.update.UpdatePlan;
import dev.profiles.core.update.UpdatePlanner;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The update planner on real parts: a GitOps repository (JGit) with 20 installations under
 * mixed policies, a bare remote it pushes to, an upstream profile repository whose tags are
 * dated in the past, the recent past and the future, and a running catalog server whose
 * catalog withdraws one version. Pull requests go to an in-memory recording host.
 */
class UpdatePlannerTest {
  /** The planner's clock: the fixture's commits (2026-01-01 on) are long past by then. */
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  @TempDir Path tmp;
  private GitOpsFixture f;
  private Git remote;
  private CatalogServer server;
  private CatalogClient client;
  private final RecordingPullRequests host = new RecordingPullRequests();
  private UpdatePlanner planner;

  /** Expected decisions: directory → proposed version, or the skip reason. */
  private final Map<String, String> expected = new LinkedHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    f = new GitOpsFixture(tmp, true);
    remote = Git.init().setBare(true).setDirectory(tmp.resolve("remote.git").toFile()).call();
    try (Git local = Git.open(f.gitops.toFile())) {
      local.remoteAdd().setName("origin")
          .setUri(new URIish(tmp.resolve("remote.git").toUri().toString())).call();
    }
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0-rc.1", "v2.0.0", "v3.0.0")) {
      release(v);
      f.upstream.tag("app/" + v);
    }
    release("v2.1.0");
    datedTag("app/v2.1.0", NOW.minus(Duration.ofHours(2)));
    release("v2.2.0");
    datedTag("app/v2.2.0", Instant.parse("2099-01-01T00:00:00Z"));

    Path sources = Files.createDirectories(tmp.resolve("sources"));
    StringBuilder entries = new StringBuilder();
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0-rc.1", "v2.0.0", "v2.1.0",
        "v2.2.0", "v3.0.0")) {
      entries.append("    - name: app\n      tag: app/").append(v).append("\n      url: ")
          .append(f.url()).append('\n').append(v.equals("v3.0.0") ? "      withdrawn: true\n"
              : "");
    }
    Files.writeString(sources.resolve("team.yaml"), """
        apiVersion: weave.works/v1alpha1
        kind: ProfileCatalogSource
        metadata:
          name: team
        spec:
          profiles:
        """ + entries);
    server = CatalogServer.builder().sources(sources).port(0)
        .sourcePolicy(SourcePolicy.defaults().allowLocalSources(true))
        .rescanInterval(Duration.ofMinutes(10)).build().start();
    assertThat(server.awaitReady(Duration.ofSeconds(60))).isTrue();
    client = CatalogClient.builder().baseUrl(server.uri()).build();

    installAll();
    UpdateFinder withPreReleases = ref -> client.availableUpdates(ref.catalog(), ref.profile(),
        ref.version(), PreReleases.INCLUDE);
    planner = UpdatePlanner.builder().profiles(f.profiles).updateFinder(withPreReleases)
        .versionLister(f.git.asVersionLister()).pullRequests(host)
        .author(GitOpsFixture.BOT).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
    remote.close();
    f.close();
  }

  private void release(String v) {
    // A real Deployment, so that the preview in a request's body has an object to compare.
    f.upstream.file("app/m/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
        + "  name: app\n  namespace: default\nspec:\n  replicas: 1\n  template:\n    spec:\n"
        + "      containers:\n        - name: app\n          image: app:" + v + "\n")
        .profile("app", ProfileYamls.profile("app").kustomize("web", "m").toYaml())
        .commit("app " + v);
  }

  /** Points tag {@code tag} at a commit on top of the last one, dated {@code when}. */
  private void datedTag(String tag, Instant when) throws Exception {
    Repository r = f.upstream.repository();
    try (RevWalk walk = new RevWalk(r); ObjectInserter ins = r.newObjectInserter()) {
      RevCommit head = walk.parseCommit(r.resolve("refs/heads/main"));
      CommitBuilder c = new CommitBuilder();
      c.setTreeId(head.getTree());
      c.setParentId(head);
      PersonIdent who = new PersonIdent("T", "t@example.com", when, ZoneOffset.UTC);
      c.setAuthor(who);
      c.setCommitter(who);
      c.setMessage(tag);
      ObjectId id = ins.insert(c);
      ins.flush();
      RefUpdate u = r.updateRef("refs/tags/" + tag);
      u.setNewObjectId(id);
      u.update();
    }
  }

  private void catalogInstall(String name, String version, UpdatePolicy policy, String expect)
      throws Exception {
    CatalogEntry e = client.version("team", "app", version);
    f.profiles.install(f.repo).author(GitOpsFixture.BOT).name(name).fromCatalog(e)
        .updatePolicy(policy).call();
    expected.put(name, expect);
  }

  private void tagInstall(String name, String tag, UpdatePolicy policy, String expect)
      throws Exception {
    f.profiles.install(f.repo).author(GitOpsFixture.BOT).name(name)
        .source(ProfileSource.ofTag(f.url(), tag)).updatePolicy(policy).call();
    expected.put(name, expect);
  }

  private static UpdatePolicy.Builder policy() {
    return UpdatePolicy.builder();
  }

  private void installAll() throws Exception {
    UpdatePolicy none = UpdatePolicy.defaults();
    catalogInstall("c-default", "v1.0.0", none, "v2.2.0");
    catalogInstall("c-pinned", "v1.0.0", policy().pinned(true).build(), "PINNED");
    catalogInstall("c-caret-1", "v1.0.0", policy().range("^1").build(), "v1.2.0");
    catalogInstall("c-caret-1-pre", "v1.0.0", policy().range("^1").preReleases(true).build(),
        "v1.3.0-rc.1");
    catalogInstall("c-age", "v1.0.0", policy().minimumAge("1d").build(), "v2.0.0");
    catalogInstall("c-range-age", "v1.0.0", policy().range(">=2 <3").minimumAge("1d").build(),
        "v2.0.0");
    catalogInstall("c-caret-3", "v1.0.0", policy().range("^3").build(), "WITHDRAWN");
    catalogInstall("c-newest", "v3.0.0", none, "NONE_NEWER");
    catalogInstall("c-tilde", "v1.0.0", policy().range("~1.0").build(), "OUT_OF_RANGE");
    catalogInstall("c-young", "v1.0.0", policy().range(">=2.1 <3").minimumAge("1d").build(),
        "TOO_YOUNG");
    catalogInstall("c-young-x", "v1.0.0", policy().range("2.1.x").minimumAge("3d").build(),
        "TOO_YOUNG");
    catalogInstall("c-pre", "v1.0.0", policy().preReleases(true).build(), "v2.2.0");
    tagInstall("t-default", "app/v1.0.0", none, "v3.0.0");
    tagInstall("t-pinned", "app/v1.0.0", policy().pinned(true).build(), "PINNED");
    tagInstall("t-caret-2", "app/v1.0.0", policy().range("^2").build(), "v2.2.0");
    tagInstall("t-age", "app/v1.0.0", policy().minimumAge("1d").build(), "v3.0.0");
    tagInstall("t-range-age", "app/v1.1.0", policy().range(">=2 <3").minimumAge("1d").build(),
        "v2.0.0");
    tagInstall("t-named-pre", "app/v1.0.0", policy().range(">=1.3.0-rc.1 <1.4").build(),
        "v1.3.0-rc.1");
    tagInstall("t-newest", "app/v3.0.0", none, "NONE_NEWER");
    f.profiles.install(f.repo).author(GitOpsFixture.BOT).name("b-branch")
        .source(ProfileSource.ofBranch(f.url(), "main", "app")).call();
    expected.put("b-branch", "NOT_VERSIONED");

    // A user edit that clashes with every later upstream version: a conflicting upgrade.
    Path deploy = f.gitops.resolve("t-default/artifacts/web/m/deploy.yaml");
    Files.writeString(deploy, Files.readString(deploy).replace("image: app:v1.0.0",
        "image: mirror.local/app:v1.0.0-patched"));
    try (Git g = Git.open(f.gitops.toFile())) {
      g.add().addFilepattern(".").call();
      g.commit().setAuthor("Ops", "ops@example.com").setMessage("patch the image").call();
    }
  }

  private static Map<String, String> decisions(UpdatePlan plan) {
    Map<String, String> out = new LinkedHashMap<>();
    for (PlannedUpdate u : plan.entries()) {
      out.put(u.directory(), u.to().orElseGet(() -> u.skipped().orElseThrow().name()));
    }
    return out;
  }

  private Map<String, String> refs(Repository r) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (Ref ref : r.getRefDatabase().getRefs()) {
      out.put(ref.getName(), ref.getObjectId().name());
    }
    return out;
  }

  private String fileOnRemoteBranch(String branch, String path) throws Exception {
    Repository r = remote.getRepository();
    try (RevWalk walk = new RevWalk(r)) {
      RevCommit c = walk.parseCommit(r.resolve("refs/heads/" + branch));
      try (TreeWalk tw = TreeWalk.forPath(r, path, c.getTree())) {
        return new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  @Test
  void aDryRunProposesExactlyWhatEachPolicyAllowsAndWritesNothing() throws Exception {
    Map<String, String> before = refs(remote.getRepository());
    Map<String, String> local = refs(Git.open(f.gitops.toFile()).getRepository());

    UpdatePlan plan = planner.plan(f.repo);

    assertThat(plan.entries()).hasSize(20);
    assertThat(decisions(plan)).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(plan.proposed()).hasSize(11);
    PlannedUpdate conflicting = plan.entries().stream()
        .filter(u -> u.directory().equals("t-default")).findFirst().orElseThrow();
    assertThat(conflicting.conflicts()).containsExactly("t-default/artifacts/web/m/deploy.yaml");
    assertThat(plan.entries().stream().filter(u -> u.directory().equals("c-young"))
        .findFirst().orElseThrow().detail()).contains("v2.2.0", "younger than the minimum age 1d");
    assertThat(refs(remote.getRepository())).isEqualTo(before);
    assertThat(refs(Git.open(f.gitops.toFile()).getRepository())).isEqualTo(local);
    assertThat(f.repo.uncommittedChanges(".")).isEmpty();
    assertThat(host.calls).isEmpty();
  }

  @Test
  void runProposesEachAllowedUpdateOnItsBranchAndAReRunChangesNothing() throws Exception {
    String userBranchHead = Git.open(f.gitops.toFile()).getRepository().resolve("HEAD").name();

    List<UpdateOutcome> first = planner.run(f.repo);

    Map<String, String> proposed = expected.entrySet().stream()
        .filter(e -> e.getValue().startsWith("v"))
        .collect(Collectors.toMap(e -> "profiles/update/default-" + e.getKey(),
            Map.Entry::getValue));
    assertThat(first).extracting(UpdateOutcome::branch)
        .containsExactlyInAnyOrderElementsOf(proposed.keySet());
    assertThat(first).allSatisfy(o -> assertThat(o.action()).isEqualTo(
        UpdateOutcome.Action.OPENED));
    for (Map.Entry<String, String> e : proposed.entrySet()) {
      String dir = e.getKey().substring("profiles/update/default-".length());
      assertThat(fileOnRemoteBranch(e.getKey(), dir + "/profile-installation.yaml"))
          .contains("tag: app/" + e.getValue());
      assertThat(host.byBranch.get(e.getKey())).singleElement()
          .satisfies(pr -> assertThat(pr.title()).isEqualTo("Update default/" + dir + " to "
              + e.getValue()));
    }
    // The conflicting upgrade: proposed, markers committed, conflicts listed.
    assertThat(fileOnRemoteBranch("profiles/update/default-t-default",
        "t-default/artifacts/web/m/deploy.yaml")).contains("<<<<<<<", ">>>>>>>",
            "mirror.local/app:v1.0.0-patched", "image: app:v3.0.0");
    String body = host.bodies.get(host.byBranch.get("profiles/update/default-t-default")
        .get(0).id());
    assertThat(body).contains("Conflicts", "`t-default/artifacts/web/m/deploy.yaml`");
    // The user's checked-out branch is untouched.
    Repository local = Git.open(f.gitops.toFile()).getRepository();
    assertThat(local.resolve("HEAD").name()).isEqualTo(userBranchHead);
    assertThat(local.getFullBranch()).isEqualTo("refs/heads/main");
    assertThat(f.repo.uncommittedChanges(".")).isEmpty();

    Map<String, String> remoteRefs = refs(remote.getRepository());
    host.calls.clear();
    List<UpdateOutcome> second = planner.run(f.repo);

    assertThat(refs(remote.getRepository())).isEqualTo(remoteRefs);
    assertThat(second).allSatisfy(o -> {
      assertThat(o.committed()).isFalse();
      assertThat(o.action()).isEqualTo(UpdateOutcome.Action.UNCHANGED);
    });
    assertThat(host.callsExceptFind()).isEmpty();
    assertThat(host.calls).hasSize(11);
  }

  @Test
  void aRateLimitMidRunLeavesPushedBranchesThatTheReRunReusesWithoutDuplicates()
      throws Exception {
    host.failOpen(4);
    assertThatThrownBy(() -> planner.run(f.repo))
        .isInstanceOfSatisfying(PullRequestException.class, e -> {
          assertThat(e.reason()).isEqualTo(PullRequestException.Reason.RATE_LIMITED);
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        });
    assertThat(host.byBranch).hasSize(3);
    Map<String, String> pushed = refs(remote.getRepository());
    long branches = pushed.keySet().stream().filter(r -> r.startsWith("refs/heads/profiles/"))
        .count();
    assertThat(branches).isEqualTo(4);

    List<UpdateOutcome> rerun = planner.run(f.repo);

    assertThat(host.byBranch).hasSize(11);
    assertThat(host.byBranch.values()).allSatisfy(list -> assertThat(list).hasSize(1));
    assertThat(rerun).filteredOn(o -> o.action() == UpdateOutcome.Action.UNCHANGED).hasSize(3);
    assertThat(rerun).filteredOn(o -> o.action() == UpdateOutcome.Action.OPENED).hasSize(8);
    // The four branches pushed before the failure are reused as they were.
    Map<String, String> after = refs(remote.getRepository());
    pushed.forEach((ref, id) -> {
      if (ref.startsWith("refs/heads/profiles/")) {
        assertThat(after).containsEntry(ref, id);
      }
    });
  }

  @Test
  void aClosedRequestIsRespectedUntilANewerVersionAppears() throws Exception {
    planner.run(f.repo);
    host.close("profiles/update/default-c-caret-1");
    host.calls.clear();

    List<UpdateOutcome> again = planner.run(f.repo);

    assertThat(again).filteredOn(o -> o.branch().equals("profiles/update/default-c-caret-1"))
        .singleElement().satisfies(o -> assertThat(o.action())
            .isEqualTo(UpdateOutcome.Action.RESPECTED_CLOSED));
    assertThat(host.callsExceptFind()).isEmpty();

    // v1.4.0 appears in the catalog: a new request on the same branch name.
    release("v1.4.0");
    f.upstream.tag("app/v1.4.0");
    Path team = tmp.resolve("sources/team.yaml");
    Files.writeString(team, Files.readString(team) + "    - name: app\n      tag: app/v1.4.0\n"
        + "      url: " + f.url() + "\n");
    server.refresh();
    List<UpdateOutcome> newer = planner.run(f.repo);

    assertThat(newer).filteredOn(o -> o.branch().equals("profiles/update/default-c-caret-1"))
        .singleElement().satisfies(o -> assertThat(o.action())
            .isEqualTo(UpdateOutcome.Action.OPENED));
    assertThat(host.byBranch.get("profiles/update/default-c-caret-1")).hasSize(2)
        .last().satisfies(pr -> assertThat(pr.title()).endsWith("to v1.4.0"));
    assertThat(fileOnRemoteBranch("profiles/update/default-c-caret-1",
        "c-caret-1/profile-installation.yaml")).contains("tag: app/v1.4.0");
  }

  @Test
  void groupedUpdatesGoOnOneBranchWithOneRequest() throws Exception {
    UpdatePlanner all = UpdatePlanner.builder().profiles(f.profiles)
        .updateFinder(ref -> client.availableUpdates(ref.catalog(), ref.profile(),
            ref.version(), PreReleases.INCLUDE))
        .versionLister(f.git.asVersionLister()).pullRequests(host).author(GitOpsFixture.BOT)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).grouping(UpdatePlanner.Grouping.ALL).build();

    List<UpdateOutcome> out = all.run(f.repo);

    assertThat(out).singleElement().satisfies(o -> {
      assertThat(o.branch()).isEqualTo("profiles/update/all");
      assertThat(o.directories()).hasSize(11);
    });
    assertThat(host.byBranch).containsOnlyKeys("profiles/update/all");
    assertThat(fileOnRemoteBranch("profiles/update/all", "c-caret-1/profile-installation.yaml"))
        .contains("tag: app/v1.2.0");
    host.calls.clear();
    all.run(f.repo);
    assertThat(host.callsExceptFind()).isEmpty();
  }

  @Test
  void withPreviewTheBodyHoldsEachUpgradesObjectTableAndAReRunEditsNoRequest()
      throws Exception {
    UpdatePlanner previewing = UpdatePlanner.builder().profiles(f.profiles)
        .updateFinder(ref -> client.availableUpdates(ref.catalog(), ref.profile(),
            ref.version(), PreReleases.INCLUDE))
        .versionLister(f.git.asVersionLister()).pullRequests(host).author(GitOpsFixture.BOT)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .describer(UpdateDescriber.withPreview(f.profiles, f.repo)).build();

    List<UpdateOutcome> first = previewing.run(f.repo);

    assertThat(first).hasSize(11);
    String caret = host.bodies.get(host.byBranch.get("profiles/update/default-c-caret-1")
        .get(0).id());
    assertThat(caret).contains("| `c-caret-1` | v1.0.0 | v1.2.0 |",
        "## `c-caret-1`: v1.0.0 \u2192 v1.2.0", "### Preview: ", "| Kind | Added | Changed | Removed | Unchanged |",
        "<details>", "Deployment", "app:v1.2.0");
    assertThat(caret).doesNotContain("[!WARNING]");
    assertThat(host.byBranch.get("profiles/update/default-c-caret-1").get(0).title())
        .isEqualTo("Update default/c-caret-1 to v1.2.0");
    String conflicting = host.bodies.get(host.byBranch
        .get("profiles/update/default-t-default").get(0).id());
    assertThat(conflicting).startsWith("> [!WARNING]\n> **1 file conflicts**")
        .contains("`t-default/artifacts/web/m/deploy.yaml`", "Previewed at Flux level");
    assertThat(host.bodies.values()).allSatisfy(b ->
        assertThat(b.length()).isLessThanOrEqualTo(UpdateDescriber.BODY_LIMIT));

    Map<String, String> bodies = new TreeMap<>(host.bodies);
    host.calls.clear();
    List<UpdateOutcome> second = previewing.run(f.repo);

    assertThat(second).allSatisfy(o -> assertThat(o.action())
        .isEqualTo(UpdateOutcome.Action.UNCHANGED));
    assertThat(host.callsExceptFind()).isEmpty();
    assertThat(new TreeMap<>(host.bodies)).isEqualTo(bodies);
  }

  @Test
  void groupedWithPreviewOneBodyHoldsAPreviewPerInstallationWithinTheLimit()
      throws Exception {
    UpdatePlanner all = UpdatePlanner.builder().profiles(f.profiles)
        .updateFinder(ref -> client.availableUpdates(ref.catalog(), ref.profile(),
            ref.version(), PreReleases.INCLUDE))
        .versionLister(f.git.asVersionLister()).pullRequests(host).author(GitOpsFixture.BOT)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).grouping(UpdatePlanner.Grouping.ALL)
        .describer(UpdateDescriber.withPreview(f.profiles, f.repo)).build();

    all.run(f.repo);

    String body = host.bodies.get(host.byBranch.get("profiles/update/all").get(0).id());
    assertThat(body.split("### Preview: ", -1)).hasSize(12);
    assertThat(body).startsWith("> [!WARNING]").contains("app:v2.2.0")
        .hasSizeLessThanOrEqualTo(UpdateDescriber.BODY_LIMIT);
  }
}
