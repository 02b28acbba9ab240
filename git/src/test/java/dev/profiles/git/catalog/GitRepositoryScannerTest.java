package dev.profiles.git.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.catalog.RepositoryScanException;
import dev.profiles.core.catalog.RepositoryScanException.Reason;
import dev.profiles.core.catalog.RepositoryScanner;
import dev.profiles.core.catalog.ScanResult;
import dev.profiles.core.catalog.SkippedTag;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.CatalogRepository;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.git.GitCredentials;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner against real repositories: file:// and JGit's smart-HTTP server on loopback (one
 * open, one behind basic auth), counting what the server is asked for.
 */
class GitRepositoryScannerTest {
  private static final String USER = "scanner";
  private static final String PASSWORD = "Tok3n-never-shown";
  private static final AtomicInteger REPOS = new AtomicInteger();
  /** The test servers are plain http on loopback, and many repositories are file:// ones. */
  static final SourcePolicy LOOPBACK = SourcePolicy.defaults().allowHttp(true)
      .allowLocalSources(true);

  static final String BASE_YAML = """
      apiVersion: weave.works/v1alpha1
      kind: ProfileDefinition
      metadata:
        name: base
      spec:
        description: the base
        maintainer: platform-team
        prerequisites: [kubernetes 1.19, flux 2]
        artifacts:
          - name: k
            kustomize:
              path: k
      """;
  static final String BROKEN_YAML = """
      apiVersion: weave.works/v1alpha1
      kind: ProfileDefinition
      metadata:
        name: broken
      spec:
        artifacts:
          - name: k
            kustomize:
              path: k
      """;

  @TempDir static Path repos;
  @TempDir static Path privateRepos;
  @TempDir Path tmp;
  private static GitHttpServer server;
  private static GitHttpServer privateServer;
  private GitRepositoryScanner scanner;

  @BeforeAll
  static void startServers() {
    server = GitHttpServer.builder(repos).start();
    try (ProfileRepoFixture r = ProfileRepoFixture.create(privateRepos.resolve("private.git"))) {
      seed(r);
    }
    privateServer = GitHttpServer.builder(privateRepos).basicAuth(USER, PASSWORD).start();
  }

  @AfterAll
  static void stopServers() {
    server.close();
    privateServer.close();
  }

  @BeforeEach
  void setUp() {
    scanner = GitRepositoryScanner.builder().cacheDirectory(tmp.resolve("cache"))
        .sourcePolicy(LOOPBACK)
        .credentials("git-credentials", GitCredentials.basic(USER, PASSWORD))
        .credentials("wrong", GitCredentials.basic(USER, "not-the-Passw0rd"))
        .build();
  }

  @AfterEach
  void tearDown() {
    scanner.close();
  }

  /**
   * Valid versions of two profiles (one annotated tag), a root profile at a bare tag, and tags
   * that must be skipped: invalid profile.yaml, no profile.yaml, directory and name disagree,
   * not semver, nested too deep.
   */
  static ProfileRepoFixture seed(ProfileRepoFixture r) {
    return r.profile("nginx", ProfileYamls.profile("nginx").kustomize("app", "app").toYaml())
        .profile("base", BASE_YAML)
        .profile("broken", BROKEN_YAML)
        .profile("renamed", ProfileYamls.profile("nginx").kustomize("app", "app").toYaml())
        .rootProfile(ProfileYamls.profile("root").kustomize("app", "app").toYaml())
        .commit("first").tag("nginx/v0.1.0").tag("base/v1.0.0").tag("broken/v1.0.0")
        .tag("ghost/v1.0.0").tag("renamed/v1.0.0").tag("v3.0.0").tag("latest")
        .tag("nginx/latest").tag("deep/er/v1.0.0")
        .file("nginx/app/deploy.yaml", "kind: Deployment\n")
        .commit("second").annotatedTag("nginx/v0.2.0", "nginx 0.2.0");
  }

  /** A new seeded repository under the open server's root; the caller closes it. */
  private static ProfileRepoFixture seeded() {
    return seed(ProfileRepoFixture.create(
        repos.resolve("profiles-" + REPOS.incrementAndGet() + ".git")));
  }

  private static String newRepo() {
    try (ProfileRepoFixture r = seeded()) {
      return name(r);
    }
  }

  private static String name(ProfileRepoFixture r) {
    return r.directory().getFileName().toString();
  }

  private static CatalogRepository repo(String url) {
    return CatalogRepository.builder().url(url).build();
  }

  private static Map<String, String> reasons(ScanResult r) {
    return r.skipped().stream().collect(Collectors.toMap(SkippedTag::tag, SkippedTag::reason));
  }

  private static Map<String, CatalogEntry> byTag(ScanResult r) {
    return r.entries().stream()
        .collect(Collectors.toMap(e -> e.tag().orElseThrow(), Function.identity()));
  }

  @Test
  void turnsVersionTagsIntoEntriesAndSaysWhyOthersAreSkipped() throws Exception {
    String url = repos.resolve(newRepo()).toUri().toString();

    ScanResult r = scanner.scan(repo(url), Set.of());

    assertThat(r.tags()).containsExactlyInAnyOrder("nginx/v0.1.0", "nginx/v0.2.0", "base/v1.0.0",
        "broken/v1.0.0", "ghost/v1.0.0", "renamed/v1.0.0", "v3.0.0", "latest", "nginx/latest",
        "deep/er/v1.0.0");
    assertThat(byTag(r)).containsOnlyKeys("nginx/v0.1.0", "nginx/v0.2.0", "base/v1.0.0",
        "v3.0.0");
    CatalogEntry base = byTag(r).get("base/v1.0.0");
    assertThat(base.name()).isEqualTo("base");
    assertThat(base.url()).contains(url);
    assertThat(base.description()).contains("the base");
    assertThat(base.maintainer()).contains("platform-team");
    assertThat(base.prerequisites()).containsExactly("kubernetes 1.19", "flux 2");
    assertThat(byTag(r).get("v3.0.0").name()).isEqualTo("root");
    assertThat(byTag(r).get("nginx/v0.2.0").name()).isEqualTo("nginx");

    Map<String, String> skipped = reasons(r);
    assertThat(skipped).containsOnlyKeys("broken/v1.0.0", "ghost/v1.0.0", "renamed/v1.0.0",
        "latest", "nginx/latest", "deep/er/v1.0.0");
    // The parser's own message, located by file, line and column.
    assertThat(skipped.get("broken/v1.0.0"))
        .matches("(?s)broken/profile\\.yaml:\\d+:\\d+: .*description.*");
    assertThat(skipped.get("renamed/v1.0.0")).startsWith("renamed/profile.yaml:")
        .contains("renamed");
    assertThat(skipped.get("ghost/v1.0.0")).isEqualTo("no ghost/profile.yaml at this tag");
    assertThat(skipped.get("latest")).contains("'latest' is not a semantic version");
    assertThat(skipped.get("nginx/latest")).contains("'latest' is not a semantic version");
    assertThat(skipped.get("deep/er/v1.0.0")).contains("one level deep");
  }

  @Test
  void aRewrittenRepositoryIsScannedFromItsMirrorAndEntriesKeepTheUrlAsWritten()
      throws Exception {
    String servedName = newRepo();
    String mirror = server.url(servedName);
    try (GitRepositoryScanner rewriting = GitRepositoryScanner.builder()
        .cacheDirectory(tmp.resolve("cache-rewrite")).sourcePolicy(LOOPBACK)
        .insteadOf(mirror.substring(0, mirror.lastIndexOf('/') + 1),
            "https://github.com/example-org/")
        .build()) {
      int before = server.uploadPackRequests();
      ScanResult r = rewriting.scan(repo("https://github.com/example-org/" + servedName),
          Set.of());

      assertThat(server.uploadPackRequests()).isGreaterThan(before);
      assertThat(byTag(r)).containsKey("nginx/v0.1.0");
      assertThat(r.entries()).allSatisfy(e -> assertThat(e.url())
          .hasValue("https://github.com/example-org/" + servedName));
    }
  }

  @Test
  void aRewriteToARefusedSchemeIsRefusedBeforeAnyTransport() {
    try (GitRepositoryScanner rewriting = GitRepositoryScanner.builder()
        .cacheDirectory(tmp.resolve("cache-rewrite-refused"))
        .insteadOf("ext::sh -c touch% /tmp/pwned #", "https://github.com/")
        .build()) {
      assertThatThrownBy(() -> rewriting.scan(repo("https://github.com/org/profiles"), Set.of()))
          .isInstanceOfSatisfying(RepositoryScanException.class,
              e -> assertThat(e.reason()).isEqualTo(RepositoryScanException.Reason.REFUSED))
          .hasMessageContaining("rewritten (insteadOf)");
      assertThat(tmp.resolve("cache-rewrite-refused")).doesNotExist();
    }
  }

  @Test
  void oneFetchPerScanWhateverTheNumberOfTags() throws Exception {
    String few = newRepo();
    String many = "many.git";
    try (ProfileRepoFixture r = ProfileRepoFixture.create(repos.resolve(many))) {
      for (int v = 0; v < 10; v++) {
        for (int p = 0; p < 20; p++) {
          r.profile("p" + p, ProfileYamls.profile("p" + p).chart("c", "https://charts.example.com",
              "c", "1." + v + ".0").toYaml());
        }
        r.commit("v" + v);
        for (int p = 0; p < 20; p++) {
          r.tag("p" + p + "/v1." + v + ".0");
        }
      }
    }

    int[] fewCost = cost(() -> scanner.scan(repo(server.url(few)), Set.of()));
    int[] manyCost = cost(() -> assertThat(
        scanner.scan(repo(server.url(many)), Set.of()).entries()).hasSize(200));

    assertThat(fewCost[1]).as("packs sent for 10 tags").isEqualTo(1);
    assertThat(manyCost[1]).as("packs sent for 200 tags").isEqualTo(1);
    assertThat(manyCost[0]).as("upload-pack requests for 200 tags vs 10")
        .isEqualTo(fewCost[0]);
  }

  @Test
  void aRescanFetchesAndReadsOnlyWhatIsNew() throws Exception {
    try (ProfileRepoFixture fixture = seeded()) {
      aRescanFetchesAndReadsOnlyWhatIsNew(fixture);
    }
  }

  private void aRescanFetchesAndReadsOnlyWhatIsNew(ProfileRepoFixture fixture) throws Exception {
    CatalogRepository repo = repo(server.url(name(fixture)));
    ScanResult first = scanner.scan(repo, Set.of());

    int[] unchangedCost = new int[2];
    ScanResult unchanged = measure(unchangedCost, () -> scanner.scan(repo, first.tags()));
    assertThat(unchangedCost[1]).as("packs sent when nothing changed").isZero();
    assertThat(unchanged.tags()).isEqualTo(first.tags());
    assertThat(unchanged.entries()).isEmpty();
    assertThat(unchanged.skipped()).isEmpty();

    fixture.profile("nginx", ProfileYamls.profile("nginx").kustomize("app", "app").toYaml())
        .commit("third").tag("nginx/v0.3.0");
    int[] newTagCost = new int[2];
    ScanResult next = measure(newTagCost, () -> scanner.scan(repo, first.tags()));
    assertThat(newTagCost[1]).as("packs sent for one new tag").isEqualTo(1);
    assertThat(next.entries()).extracting(e -> e.tag().orElseThrow())
        .containsExactly("nginx/v0.3.0");
    assertThat(next.skipped()).isEmpty();
    assertThat(next.tags()).containsAll(first.tags()).contains("nginx/v0.3.0");
  }

  @Test
  void deletedTagsDisappear() throws Exception {
    ScanResult first;
    ScanResult next;
    try (ProfileRepoFixture fixture = seeded()) {
      CatalogRepository repo = repo(server.url(name(fixture)));
      first = scanner.scan(repo, Set.of());
      for (String tag : List.of("nginx/v0.1.0", "latest")) {
        RefUpdate u = fixture.repository().updateRef("refs/tags/" + tag);
        u.setForceUpdate(true);
        assertThat(u.delete()).isEqualTo(RefUpdate.Result.FORCED);
      }
      next = scanner.scan(repo, first.tags());
    }

    Set<String> expected = new HashSet<>(first.tags());
    expected.removeAll(Set.of("nginx/v0.1.0", "latest"));
    assertThat(next.tags()).isEqualTo(expected);
    assertThat(next.entries()).isEmpty();
  }

  @Test
  void aPrivateRepositoryNeedsTheCredentialsOfItsSecret() throws Exception {
    String url = privateServer.url("private.git");

    assertScanFails(repo(url), Reason.AUTHENTICATION_REQUIRED, "secretRef");
    assertScanFails(CatalogRepository.builder().url(url).secretRef("unknown").build(),
        Reason.AUTHENTICATION_REQUIRED, "no credentials are configured for secret 'unknown'");
    assertScanFails(CatalogRepository.builder().url(url).secretRef("wrong").build(),
        Reason.AUTHENTICATION_REQUIRED, "secret 'wrong'");

    ScanResult r = scanner.scan(
        CatalogRepository.builder().url(url).secretRef("git-credentials").build(), Set.of());
    assertThat(byTag(r)).containsKey("base/v1.0.0");
  }

  @Test
  void credentialsInTheUrlNeverReachEntriesOrMessages() throws Exception {
    String withCredentials = privateServer.urlWithCredentials("private.git", USER, PASSWORD);
    ScanResult r = scanner.scan(repo(withCredentials), Set.of());
    assertThat(r.entries()).isNotEmpty().allSatisfy(e -> {
      assertThat(e.url()).contains(privateServer.url("private.git"));
      assertThat(e.toString()).doesNotContain(PASSWORD);
    });

    String wrong = privateServer.urlWithCredentials("private.git", USER, "Wr0ng-secret-value");
    assertScanFails(repo(wrong), Reason.AUTHENTICATION_REQUIRED, null);
  }

  @Test
  void anUnreachableServerIsReportedAsSuch() throws Exception {
    String url;
    try (GitHttpServer gone = GitHttpServer.builder(repos).start()) {
      url = gone.url(newRepo());
    }
    assertScanFails(repo(url), Reason.UNREACHABLE, null);
  }

  @Test
  void aMissingRepositoryIsNotFound() throws Exception {
    assertScanFails(repo(server.url("no-such-repo.git")), Reason.NOT_FOUND, null);
    assertScanFails(repo(repos.resolve("no-such-dir.git").toUri().toString()), Reason.NOT_FOUND,
        null);
  }

  @Test
  void symbolicLinksAreFollowedOnlyInsideTheProfileDirectory() throws Exception {
    String name = "links-" + REPOS.incrementAndGet() + ".git";
    try (ProfileRepoFixture r = ProfileRepoFixture.create(repos.resolve(name))) {
      r.file("linked/real.yaml", ProfileYamls.profile("linked").kustomize("k", "k").toYaml())
          .symlink("linked/profile.yaml", "real.yaml")
          .profile("nginx", ProfileYamls.profile("nginx").kustomize("k", "k").toYaml())
          .symlink("escape/profile.yaml", "../nginx/profile.yaml")
          .symlink("loop/profile.yaml", "profile.yaml")
          .commit("links").tag("linked/v1.0.0").tag("escape/v1.0.0").tag("loop/v1.0.0");
      RefUpdate u = r.repository().updateRef("refs/tags/tree/v1.0.0");
      u.setNewObjectId(r.repository().resolve("HEAD^{tree}"));
      assertThat(u.update()).isEqualTo(RefUpdate.Result.NEW);
    }

    ScanResult result = scanner.scan(repo(repos.resolve(name).toUri().toString()), Set.of());

    assertThat(byTag(result)).containsOnlyKeys("linked/v1.0.0");
    Map<String, String> skipped = reasons(result);
    assertThat(skipped.get("escape/v1.0.0")).contains("outside the profile directory");
    assertThat(skipped.get("loop/v1.0.0")).contains("or a loop");
    assertThat(skipped.get("tree/v1.0.0")).isEqualTo("the tag points at a tree, not a commit");
  }

  @Test
  void aCacheThatLostItsObjectsIsRefetched() throws Exception {
    CatalogRepository repo = repo(server.url(newRepo()));
    ScanResult first = scanner.scan(repo, Set.of());
    scanner.close();
    // Refs survive, objects do not: the fetch sees nothing new, reading then fails.
    try (Stream<Path> files = Files.walk(tmp.resolve("cache/repos"))) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
          .filter(f -> f.toString().contains("/objects/"))::iterator) {
        Files.delete(f);
      }
    }

    scanner = GitRepositoryScanner.builder().cacheDirectory(tmp.resolve("cache"))
        .sourcePolicy(LOOPBACK).build();
    ScanResult again = scanner.scan(repo, Set.of());

    try (Stream<Path> files = Files.walk(tmp.resolve("cache/repos"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".pack"))).as("refetched").isNotEmpty();
    }
    assertThat(again.tags()).isEqualTo(first.tags());
    assertThat(again.entries()).containsExactlyInAnyOrderElementsOf(first.entries());
    assertThat(again.skipped()).containsExactlyInAnyOrderElementsOf(first.skipped());
  }

  @Test
  void aRepositoryWithoutTagsHasNoEntries() throws Exception {
    String name = "empty-" + REPOS.incrementAndGet() + ".git";
    try (ProfileRepoFixture r = ProfileRepoFixture.create(repos.resolve(name))) {
      r.profile("nginx", ProfileYamls.profile("nginx").kustomize("app", "app").toYaml())
          .commit("untagged");
    }
    ScanResult r = scanner.scan(repo(server.url(name)), Set.of());
    assertThat(r.tags()).isEmpty();
    assertThat(r.entries()).isEmpty();
    assertThat(r.skipped()).isEmpty();
  }

  @Test
  void aProfileYamlOverTheLimitIsSkipped() throws Exception {
    try (GitRepositoryScanner small = GitRepositoryScanner.builder()
        .cacheDirectory(tmp.resolve("small")).sourcePolicy(LOOPBACK).maxProfileYamlSize(64)
        .build()) {
      ScanResult r = small.scan(repo(repos.resolve(newRepo()).toUri().toString()), Set.of());
      assertThat(r.entries()).isEmpty();
      assertThat(reasons(r).get("nginx/v0.1.0")).startsWith("nginx/profile.yaml is ")
          .endsWith("more than the 64 allowed");
    }
  }

  @Test
  void serviceLoaderFindsTheScanner() {
    assertThat(ServiceLoader.load(RepositoryScanner.class).stream()
        .map(ServiceLoader.Provider::type))
        .contains(GitRepositoryScanner.class);
  }

  /**
   * Asserts the scan fails for {@code reason}; the message and the whole stack trace never
   * show a password, and contain {@code expected} when given.
   */
  private void assertScanFails(CatalogRepository repo, Reason reason, String expected) {
    assertThatThrownBy(() -> scanner.scan(repo, Set.of()))
        .isInstanceOfSatisfying(RepositoryScanException.class, e -> {
          assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
          StringWriter trace = new StringWriter();
          e.printStackTrace(new PrintWriter(trace));
          assertThat(trace.toString()).doesNotContain(PASSWORD).doesNotContain("not-the-Passw0rd")
              .doesNotContain("Wr0ng-secret-value");
          if (expected != null) {
            assertThat(e.getMessage()).contains(expected);
          }
        });
  }

  private interface Scan {
    void run() throws Exception;
  }

  private interface Returning {
    ScanResult run() throws Exception;
  }

  /** Upload-pack requests and packs the open server served while {@code scan} ran. */
  private static int[] cost(Scan scan) throws Exception {
    int requests = server.uploadPackRequests();
    int packs = server.packsSent();
    scan.run();
    return new int[] {server.uploadPackRequests() - requests, server.packsSent() - packs};
  }

  private static ScanResult measure(int[] into, Returning scan) throws Exception {
    ScanResult[] out = new ScanResult[1];
    int[] c = cost(() -> out[0] = scan.run());
    into[0] = c[0];
    into[1] = c[1];
    return out[0];
  }
}
