package dev.profiles.git.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.catalog.RepositoryScanException;
import dev.profiles.core.catalog.RepositoryScanException.Reason;
import dev.profiles.core.catalog.ScanResult;
import dev.profiles.core.catalog.SkippedTag;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.CatalogRepository;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner against repositories and URLs that try to make it read what it must not: tags
 * that are not versions of a validly named profile (real tags in a loopback repository, and
 * refs git itself refuses to create, advertised by a hostile server), and URLs the source
 * policy refuses, which must fail before any transport or cache entry exists.
 */
class GitRepositoryScannerHostileTest {
  @TempDir static Path repos;
  @TempDir Path tmp;
  private static GitHttpServer server;

  @BeforeAll
  static void start() {
    server = GitHttpServer.builder(repos).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private GitRepositoryScanner scanner(SourcePolicy policy) {
    return GitRepositoryScanner.builder().cacheDirectory(tmp.resolve("cache"))
        .sourcePolicy(policy).build();
  }

  private static CatalogRepository repo(String url) {
    return CatalogRepository.builder().url(url).build();
  }

  private static Map<String, String> reasons(ScanResult r) {
    return r.skipped().stream().collect(Collectors.toMap(SkippedTag::tag, SkippedTag::reason));
  }

  private static String profile(String name) {
    return ProfileYamls.profile(name).kustomize("k", "k").toYaml();
  }

  @Test
  void realTagsThatAreNotVersionsOfAValidProfileNameAreSkippedWithAReason() throws Exception {
    try (ProfileRepoFixture r = ProfileRepoFixture.create(repos.resolve("names.git"))) {
      // Each tag has a profile.yaml where a lax reader would look for it.
      r.profile("nginx", profile("nginx"))
          .file("a/b/profile.yaml", profile("b"))
          .profile("Nginx", profile("nginx"))
          .profile("my_app", profile("my_app"))
          .profile("-dash", profile("dash"))
          .profile("x".repeat(64), profile("x"))
          .commit("profiles")
          .tag("nginx/v1.0.0").tag("a/b/v1.0.0").tag("Nginx/v1.0.0").tag("my_app/v1.0.0")
          .tag("-dash/v1.0.0").tag("x".repeat(64) + "/v1.0.0");
    }
    try (GitRepositoryScanner scanner = scanner(GitRepositoryScannerTest.LOOPBACK)) {
      for (String url : new String[] {server.url("names.git"),
          repos.resolve("names.git").toUri().toString()}) {
        ScanResult result = scanner.scan(repo(url), Set.of());
        assertThat(result.entries()).extracting(e -> e.tag().orElseThrow())
            .containsExactly("nginx/v1.0.0");
        Map<String, String> skipped = reasons(result);
        assertThat(skipped).containsOnlyKeys("a/b/v1.0.0", "Nginx/v1.0.0", "my_app/v1.0.0",
            "-dash/v1.0.0", "x".repeat(64) + "/v1.0.0");
        assertThat(skipped.values()).allSatisfy(reason ->
            assertThat(reason).startsWith("not a version tag: "));
        assertThat(skipped.get("a/b/v1.0.0")).contains("one level deep");
        assertThat(skipped.get("Nginx/v1.0.0")).contains("'Nginx' is not a DNS-1123 label");
        assertThat(skipped.get("my_app/v1.0.0")).contains("not a DNS-1123 label");
        assertThat(skipped.get("x".repeat(64) + "/v1.0.0")).contains("64 characters long");
      }
    }
  }

  /**
   * Git refuses to create refs like {@code refs/tags/../v1.0.0}, but a server can advertise
   * whatever its ref storage holds: here a packed-refs file written by hand. The scanner must
   * skip such tags with a reason, never read {@code ../profile.yaml}, and fetching them must
   * not write a ref outside its cache.
   */
  @Test
  void refsGitWouldRefuseThatAHostileServerAdvertisesAreNeverRead() throws Exception {
    String commit;
    Path dir = repos.resolve("hostile.git");
    try (ProfileRepoFixture r = ProfileRepoFixture.create(dir)) {
      // A profile.yaml at the root and in a directory literally named '..' cannot be made
      // with git's tools; the root one is what '../profile.yaml' would reach from 'x/'.
      r.rootProfile(profile("root")).profile("nginx", profile("nginx")).commit("profiles")
          .tag("nginx/v1.0.0");
      commit = r.lastCommit();
    }
    String[] hostile = {"../v1.0.0", "nginx/../v2.0.0", "./v3.0.0", "nginx/./v1.1.0",
        "..", ".../v1.0.0", "nginx//v1.2.0", "../../../escape-marker-1",
        "../../../../escape-marker-2", "../../../../../escape-marker-3",
        "../../../../../../escape-marker-4", "../../../../../../../escape-marker-5"};
    StringBuilder packed = new StringBuilder("# pack-refs with: peeled fully-peeled sorted \n");
    for (String tag : hostile) {
      packed.append(commit).append(" refs/tags/").append(tag).append('\n');
    }
    Files.writeString(dir.resolve("packed-refs"), packed, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);

    try (GitRepositoryScanner scanner = scanner(GitRepositoryScannerTest.LOOPBACK)) {
      for (String url : new String[] {server.url("hostile.git"), dir.toUri().toString()}) {
        ScanResult result = scanner.scan(repo(url), Set.of());
        assertThat(result.entries()).extracting(e -> e.tag().orElseThrow())
            .as(url).containsExactly("nginx/v1.0.0");
        assertThat(result.entries()).extracting(CatalogEntry::name).containsExactly("nginx");
        Map<String, String> skipped = reasons(result);
        assertThat(skipped).as(url).containsOnlyKeys(hostile);
        assertThat(skipped.values()).allSatisfy(reason -> assertThat(reason)
            .startsWith("not a version tag").doesNotContain("profile.yaml"));
      }
    }
    // Nor did fetching them write a ref file outside the scanner's cache.
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    for (Path root : new Path[] {tmp, repos, temp}) {
      try (Stream<Path> found = Files.find(root, root.equals(temp) ? 2 : 12,
          (f, a) -> f.getFileName() != null
              && f.getFileName().toString().startsWith("escape-marker"))) {
        assertThat(found).as("written outside the cache").isEmpty();
      }
    }
  }

  @Test
  void tagsWithControlCharactersAreSkippedAndShownVisibly() {
    assertThat(TagReader.notAVersion("nginx/v1.0.0\n")).contains("U+000A line feed");
    assertThat(TagReader.notAVersion("ng\u001binx/v1.0.0")).contains("U+001B escape");
  }

  @Test
  void urlsThePolicyRefusesFailBeforeAnyTransportOrCacheEntry() throws Exception {
    Path marker = tmp.resolve("pwned");
    String[] never = {"ext::sh -c touch% " + marker, "fd::17", "fd::3,4/x",
        "gopher://example.com/r", "git://example.com/r", "ssh://-oProxyCommand=touch%20"
            + marker + "/r", "-oProxyCommand=x:r", "https://example.com/r\n",
        "https://exa\u0000mple.com/r"};
    try (GitRepositoryScanner permissive = scanner(SourcePolicy.defaults().allowHttp(true)
        .allowLocalSources(true))) {
      for (String url : never) {
        assertRefused(permissive, url, null);
      }
    }
    try (GitRepositoryScanner strict = scanner(SourcePolicy.defaults())) {
      assertRefused(strict, server.url("names.git"), "http");
      assertRefused(strict, "http://user:s3cret-Pw@127.0.0.1:1/r.git", "http");
      assertRefused(strict, repos.resolve("names.git").toUri().toString(), "local source");
      assertRefused(strict, repos.resolve("names.git").toString(), "local source");
    }
    assertThat(marker).doesNotExist();
    assertThat(tmp.resolve("cache")).as("no cache entry, no transport").doesNotExist();
  }

  @Test
  void theDefaultPolicyRefusesHttpAndLocalButAnAllowingOneScansThem() throws Exception {
    try (ProfileRepoFixture r = ProfileRepoFixture.create(repos.resolve("allowed.git"))) {
      r.profile("nginx", profile("nginx")).commit("p").tag("nginx/v1.0.0");
    }
    try (GitRepositoryScanner httpOnly = scanner(SourcePolicy.defaults().allowHttp(true))) {
      assertThat(httpOnly.scan(repo(server.url("allowed.git")), Set.of()).entries()).hasSize(1);
      assertRefused(httpOnly, repos.resolve("allowed.git").toUri().toString(), "local source");
    }
    try (GitRepositoryScanner localOnly = scanner(SourcePolicy.defaults()
        .allowLocalSources(true))) {
      assertThat(localOnly.scan(repo(repos.resolve("allowed.git").toUri().toString()), Set.of())
          .entries()).hasSize(1);
      assertRefused(localOnly, server.url("allowed.git"), "http");
    }
  }

  @Test
  void aCacheDirectoryThatCannotBeCreatedFailsTheScanNotTheBuild() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
    try (GitRepositoryScanner s = GitRepositoryScanner.builder()
        .cacheDirectory(file.resolve("cache")).sourcePolicy(GitRepositoryScannerTest.LOOPBACK)
        .build()) {
      assertThatThrownBy(() -> s.scan(repo(server.url("names.git")), Set.of()))
          .isInstanceOfSatisfying(RepositoryScanException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.FAILED))
          .hasMessageContaining("cannot create the scan cache");
    }
  }

  private static void assertRefused(GitRepositoryScanner scanner, String url, String expected) {
    CatalogRepository repository;
    try {
      repository = repo(url);
    } catch (ProfilesConfigurationException refusedByTheModel) {
      // Control characters may already be refused when the repository is built: never scanned.
      return;
    }
    assertThatThrownBy(() -> scanner.scan(repository, Set.of()))
        .as(url)
        .isInstanceOfSatisfying(RepositoryScanException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.REFUSED);
          assertThat(e.getMessage()).doesNotContain("s3cret-Pw").doesNotContain("\n");
          if (expected != null) {
            assertThat(e.getMessage()).contains(expected);
          }
        });
  }

  @Test
  void aTagRefThatGitAcceptsButIsNotAVersionIsListedAsATag() throws Exception {
    Path dir = repos.resolve("lists.git");
    try (ProfileRepoFixture r = ProfileRepoFixture.create(dir)) {
      r.profile("nginx", profile("nginx")).commit("p").tag("nginx/v1.0.0");
      RefUpdate u = r.repository().updateRef("refs/tags/nginx/v1.0.0/extra");
      // A ref cannot be both a file and a directory: git refuses this one too.
      u.setNewObjectId(r.repository().resolve("HEAD"));
      assertThat(u.update()).isIn(RefUpdate.Result.LOCK_FAILURE, RefUpdate.Result.REJECTED,
          RefUpdate.Result.IO_FAILURE);
    }
    try (GitRepositoryScanner scanner = scanner(GitRepositoryScannerTest.LOOPBACK)) {
      assertThat(scanner.scan(repo(server.url("lists.git")), Set.of()).tags())
          .containsExactly("nginx/v1.0.0");
    }
  }

  @Test
  void aHostileProfileYamlSkipsItsTagAndTheScanGoesOn() throws Exception {
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 12; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      bomb.append("]\n");
    }
    try (ProfileRepoFixture r = ProfileRepoFixture.create(repos.resolve("yamls.git"))) {
      r.profile("nginx", profile("nginx"))
          .profile("flow", "spec: " + "[".repeat(200_000) + "\n")
          .profile("block", "spec:\n  " + "- ".repeat(200_000) + "x\n")
          .profile("bomb", bomb.toString())
          .commit("hostile").tag("nginx/v1.0.0").tag("flow/v1.0.0").tag("block/v1.0.0")
          .tag("bomb/v1.0.0");
    }
    try (GitRepositoryScanner scanner = scanner(GitRepositoryScannerTest.LOOPBACK)) {
      ScanResult result = scanner.scan(repo(server.url("yamls.git")), Set.of());
      assertThat(result.entries()).extracting(e -> e.tag().orElseThrow())
          .containsExactly("nginx/v1.0.0");
      assertThat(reasons(result)).containsOnlyKeys("flow/v1.0.0", "block/v1.0.0",
          "bomb/v1.0.0");
    }
  }
}
