package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.InvalidRefException;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.resolve.UnsafeContentException;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a ref must point at, which tags are versions, and which names a tree may hold. */
class RefAndTreeRulesTest {
  @TempDir Path tmp;
  private GitProfiles git;
  private ProfileRepoFixture repo;

  @BeforeEach
  void setUp() {
    git = GitProfiles.builder().cacheDirectory(tmp.resolve("cache")).build();
    repo = ProfileRepoFixture.create(tmp.resolve("repos/profiles.git"));
    repo.profile("nginx", ProfileYamls.profile("nginx").kustomize("k", "k").toYaml())
        .file("nginx/k/a.yaml", "a").commit("nginx").tag("nginx/v1.0.0");
  }

  @AfterEach
  void tearDown() {
    repo.close();
    git.close();
  }

  @Test
  void aTagAtATreeOrABlobSaysExactlyThat() {
    repo.tagObject("nginx/v2.0.0", repo.lastTree()).tagObject("nginx/v3.0.0", repo.blob("x"));

    assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "nginx/v2.0.0")).call())
        .isInstanceOf(InvalidRefException.class)
        .hasMessageContaining("tag nginx/v2.0.0 points at a tree, not a commit");
    assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "nginx/v3.0.0")).call())
        .isInstanceOf(InvalidRefException.class)
        .hasMessageContaining("tag nginx/v3.0.0 points at a blob, not a commit");
  }

  @Test
  void aBranchAtABlobSaysSoToo() throws Exception {
    org.eclipse.jgit.lib.RefUpdate u = repo.repository().updateRef("refs/heads/odd");
    u.setNewObjectId(org.eclipse.jgit.lib.ObjectId.fromString(repo.blob("y")));
    u.update();

    assertThatThrownBy(() -> git.resolve(ProfileSource.ofBranch(repo.url(), "odd", "nginx")).call())
        .isInstanceOf(InvalidRefException.class)
        .hasMessageContaining("branch odd points at a blob, not a commit");
  }

  @Test
  void annotatedTagsOfAnnotatedTagsArePeeled() throws Exception {
    repo.annotatedTag("inner", "inner").annotatedTagOfTag("middle", "inner")
        .annotatedTagOfTag("nginx/v1.1.0", "middle");
    String commit = repo.lastCommit();

    ResolvedProfile p = git.resolve(ProfileSource.ofTag(repo.url(), "nginx/v1.1.0")).call();

    assertThat(p.commit()).isEqualTo(commit);
    assertThat(p.definition().name()).isEqualTo("nginx");
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "release-2024", "a/b/v1.0.0", "nginx/v1", "nginx/"})
  void aTagSourceMustBeAVersion(String tag) throws Exception {
    if (!tag.endsWith("/")) {
      repo.tag(tag);
    }

    assertThatThrownBy(() -> git.resolve(ProfileSource.builder().url(repo.url()).tag(tag)
        .path("nginx").build()).call())
        .isInstanceOf(InvalidRefException.class).hasMessageContaining("is not a profile version");
    assertThat(tmp.resolve("cache")).doesNotExist();
  }

  @Test
  void branchSourcesKeepAnyBranchName() throws Exception {
    repo.branch("release/2024-q1");

    ResolvedProfile p = git.resolve(ProfileSource.ofBranch(repo.url(), "release/2024-q1",
        "nginx")).call();

    assertThat(p.commit()).isEqualTo(repo.lastCommit());
  }

  @Test
  void listVersionsListsOnlyVersionTags() throws Exception {
    repo.tag("nginx/v1.2.0").tag("v3.0.0").tag("a/b/v1.0.0").tag("latest").tag("nginx/next");

    RepositoryVersions v = git.listVersions(repo.url()).call();

    assertThat(v.tags()).extracting(Object::toString)
        .containsExactly("v3.0.0", "nginx/v1.0.0", "nginx/v1.2.0");
  }

  private void commitWith(String path) {
    Map<String, byte[]> files = new TreeMap<>();
    files.put("nginx/profile.yaml", ProfileYamls.profile("nginx").kustomize("k", "k").toYaml()
        .getBytes(StandardCharsets.UTF_8));
    files.put("nginx/k/a.yaml", "a".getBytes(StandardCharsets.UTF_8));
    files.put(path, "[core]\n\thooksPath = /tmp\n".getBytes(StandardCharsets.UTF_8));
    repo.commitRaw("unsafe", files).tag("nginx/v9.0.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nginx/.git/config", "nginx/k/.GIT/hooks/post-checkout",
      "nginx/.Git", "nginx/k/.git ", "nginx/.git./config", "nginx/.git . /config",
      "nginx/GIT~1/config", "nginx/git~1", "nginx/.g\u200cit/config", "nginx/.git\ufeff",
      "nginx/.git::$INDEX_ALLOCATION/config", "nginx/k\\.git/config"})
  void aTreeNeverCarriesDotGitInAnySpelling(String path) {
    commitWith(path);

    assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "nginx/v9.0.0")).call())
        .isInstanceOf(UnsafeContentException.class)
        .hasMessageContaining("reads as .git")
        .hasMessageContaining(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nginx/k/a\nb.yaml", "nginx/k/tab\there.yaml", "nginx/k/cr\r.yaml",
      "nginx/del\u007f/x.yaml", "nginx/k/c1\u0085.yaml", "nginx/k/esc\u001b[31m.yaml"})
  void controlCharactersInPathsAreRefusedAndShownVisibly(String path) {
    commitWith(path);

    assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "nginx/v9.0.0")).call())
        .isInstanceOf(UnsafeContentException.class)
        .hasMessageContaining("control character")
        .hasMessageContaining("\\u00")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r", "\t"));
  }

  @Test
  void namesThatOnlyLookLikeDotGitAreFine() throws Exception {
    Map<String, byte[]> files = new TreeMap<>();
    files.put("nginx/profile.yaml", ProfileYamls.profile("nginx").kustomize("k", "k").toYaml()
        .getBytes(StandardCharsets.UTF_8));
    for (String name : new String[] {"nginx/k/.gitignore", "nginx/k/.gitkeep", "nginx/k/git",
        "nginx/k/.github/workflow.yaml", "nginx/k/git~2", "nginx/k/x.git"}) {
      files.put(name, "ok".getBytes(StandardCharsets.UTF_8));
    }
    repo.commitRaw("fine", files).tag("nginx/v9.1.0");

    ResolvedProfile p = git.resolve(ProfileSource.ofTag(repo.url(), "nginx/v9.1.0")).call();

    assertThat(p.directory().list("k")).hasSize(6);
  }
}
