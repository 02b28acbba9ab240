package dev.profiles.git.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.catalog.ScanResult;
import dev.profiles.core.model.CatalogRepository;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ScanResult#tagCommits()} from real repositories on a loopback smart-HTTP server: the
 * commit of every tag the scan read, peeled through annotated tags (and tags of tags), never the
 * tag object's own id; nothing for tags it did not read or that name no commit.
 */
class GitRepositoryScannerCommitsTest {
  @TempDir Path repos;
  @TempDir Path tmp;
  private GitHttpServer server;
  private GitRepositoryScanner scanner;

  @BeforeEach
  void setUp() {
    server = GitHttpServer.builder(repos).start();
    scanner = GitRepositoryScanner.builder().cacheDirectory(tmp.resolve("cache"))
        .sourcePolicy(GitRepositoryScannerTest.LOOPBACK).build();
  }

  @AfterEach
  void tearDown() {
    scanner.close();
    server.close();
  }

  private static String yaml(String name) {
    return ProfileYamls.profile(name).kustomize("app", "app").toYaml();
  }

  private static String tagObject(ProfileRepoFixture r, String tag) throws Exception {
    return r.repository().exactRef("refs/tags/" + tag).getObjectId().name();
  }

  @Test
  void eachReadTagReportsThePeeledCommitItWasReadFrom() throws Exception {
    String first;
    String second;
    String third;
    String annotatedObject;
    String tagOfTagObject;
    try (ProfileRepoFixture r = ProfileRepoFixture.create(repos.resolve("p.git"))) {
      r.profile("nginx", yaml("nginx")).profile("redis", yaml("redis"))
          .rootProfile(yaml("root")).commit("first").tag("nginx/v0.1.0").tag("v1.0.0");
      first = r.lastCommit();
      r.file("nginx/app/deploy.yaml", "kind: Deployment\n").commit("second")
          .annotatedTag("nginx/v0.2.0", "nginx 0.2.0").tag("redis/v1.0.0")
          .tag("ghost/v1.0.0");
      second = r.lastCommit();
      r.file("redis/app/deploy.yaml", "kind: Deployment\n").commit("third")
          .annotatedTag("redis/v1.1.0", "redis 1.1.0")
          .annotatedTagOfTag("redis/v1.2.0", "redis/v1.1.0")
          .tag("latest").tagObject("nginx/v9.0.0", r.lastTree());
      third = r.lastCommit();
      annotatedObject = tagObject(r, "redis/v1.1.0");
      tagOfTagObject = tagObject(r, "redis/v1.2.0");
    }

    ScanResult result = scanner.scan(CatalogRepository.builder().url(server.url("p.git"))
        .build(), Set.of());

    assertThat(annotatedObject).isNotEqualTo(third);
    assertThat(tagOfTagObject).isNotEqualTo(third).isNotEqualTo(annotatedObject);
    assertThat(result.tagCommits()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "nginx/v0.1.0", first, "v1.0.0", first,
        "nginx/v0.2.0", second, "redis/v1.0.0", second,
        // read (it is a version at a commit) though it has no profile.yaml there: skipped
        "ghost/v1.0.0", second,
        "redis/v1.1.0", third, "redis/v1.2.0", third));
    // Not a version, or a version tag of a tree: no commit.
    assertThat(result.tags()).contains("latest", "nginx/v9.0.0");
    assertThat(result.skipped()).extracting(s -> s.tag()).contains("latest", "nginx/v9.0.0",
        "ghost/v1.0.0");
  }

  @Test
  void aRescanReportsCommitsOnlyForTheTagsItReads() throws Exception {
    String url = server.url("q.git");
    CatalogRepository repo = CatalogRepository.builder().url(url).build();
    try (ProfileRepoFixture r = ProfileRepoFixture.create(repos.resolve("q.git"))) {
      r.profile("nginx", yaml("nginx")).commit("first").annotatedTag("nginx/v1.0.0", "1.0.0");
      String first = r.lastCommit();

      ScanResult initial = scanner.scan(repo, Set.of());
      assertThat(initial.tagCommits()).containsExactly(Map.entry("nginx/v1.0.0", first));

      ScanResult unchanged = scanner.scan(repo, initial.tags());
      assertThat(unchanged.tagCommits()).isEmpty();
      assertThat(unchanged.tags()).containsExactly("nginx/v1.0.0");

      r.file("nginx/app/deploy.yaml", "kind: Deployment\n").commit("second")
          .tag("nginx/v1.1.0");
      String second = r.lastCommit();
      ScanResult next = scanner.scan(repo, unchanged.tags());
      assertThat(second).isNotEqualTo(first);
      assertThat(next.tagCommits()).containsExactly(Map.entry("nginx/v1.1.0", second));
      assertThat(ObjectId.isId(next.tagCommits().get("nginx/v1.1.0"))).isTrue();

      // A fresh scanner (an empty cache, nothing known) reads and reports both again.
      try (GitRepositoryScanner fresh = GitRepositoryScanner.builder()
          .cacheDirectory(tmp.resolve("fresh")).sourcePolicy(GitRepositoryScannerTest.LOOPBACK)
          .build()) {
        assertThat(fresh.scan(repo, Set.of()).tagCommits()).containsExactlyInAnyOrderEntriesOf(
            Map.of("nginx/v1.0.0", first, "nginx/v1.1.0", second));
      }
    }
  }
}
