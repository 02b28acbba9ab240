package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.MissingPathException;
import dev.profiles.core.resolve.MissingProfileYamlException;
import dev.profiles.core.resolve.MissingRefException;
import dev.profiles.core.resolve.ProfileCycleException;
import dev.profiles.core.resolve.RepositoryNotFoundException;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.resolve.SizeLimitExceededException;
import dev.profiles.core.resolve.UnsafeContentException;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution from local repositories ({@code file://} and plain paths): content and rules. */
class FileResolutionTest {
  @TempDir Path tmp;
  private GitProfiles git;
  private ProfileRepoFixture repo;

  @BeforeEach
  void setUp() {
    git = GitProfiles.builder().cacheDirectory(tmp.resolve("cache")).build();
    repo = ProfileRepoFixture.create(tmp.resolve("repos/profiles.git"));
  }

  @AfterEach
  void tearDown() {
    repo.close();
    git.close();
  }

  private static String nginx() {
    return ProfileYamls.profile("nginx").kustomize("app", "manifests").toYaml();
  }

  @Test
  void resolvesATagToItsCommitDefinitionAndFiles() throws Exception {
    repo.profile("nginx", nginx())
        .file("nginx/manifests/deploy.yaml", "kind: Deployment\n")
        .file("nginx/manifests/sub/svc.yaml", "kind: Service\n")
        .file("other/profile.yaml", "not ours")
        .commit("nginx 0.1.0").tag("nginx/v0.1.0");
    String tagged = repo.lastCommit();
    repo.file("nginx/manifests/deploy.yaml", "kind: Changed\n").commit("later");

    ResolvedProfile p = git.resolve(ProfileSource.ofTag(repo.url(), "nginx/v0.1.0")).call();

    assertThat(p.commit()).isEqualTo(tagged);
    assertThat(p.definition().name()).isEqualTo("nginx");
    assertThat(p.nested()).isEmpty();
    assertThat(p.directory().list(".")).containsExactly("manifests/deploy.yaml",
        "manifests/sub/svc.yaml", "profile.yaml");
    assertThat(p.directory().list("manifests/sub")).containsExactly("manifests/sub/svc.yaml");
    assertThat(new String(p.directory().read("manifests/deploy.yaml"), StandardCharsets.UTF_8))
        .isEqualTo("kind: Deployment\n");
    assertThat(p.directory().isDirectory("manifests")).isTrue();
    assertThat(p.directory().isDirectory("manifests/deploy.yaml")).isFalse();
    assertThatThrownBy(() -> p.directory().read("missing.yaml"))
        .isInstanceOf(MissingPathException.class);
    assertThatThrownBy(() -> p.directory().read("../other/profile.yaml"))
        .isInstanceOf(UnsafeContentException.class);
  }

  @Test
  void asAResolverFilesStayReadableAfterTheEntryPointIsClosed() throws Exception {
    repo.profile("nginx", nginx()).file("nginx/manifests/a.yaml", "a").commit("c")
        .tag("nginx/v0.1.0");
    ResolvedProfile p = git.asResolver().resolve(ProfileSource.ofTag(repo.url(), "nginx/v0.1.0"));
    git.close();

    assertThat(p.directory().read("manifests/a.yaml")).asString().isEqualTo("a");
  }

  @Test
  void resolvesABranchAndAPlainPathAndAnAnnotatedTag() throws Exception {
    repo.profile("nginx", nginx()).file("nginx/manifests/a.yaml", "a").commit("one")
        .annotatedTag("nginx/v0.2.0", "release");
    String first = repo.lastCommit();
    repo.branch("dev").file("nginx/manifests/b.yaml", "b").commit("two");

    Path plainPath = repo.directory();
    ResolvedProfile branch =
        git.resolve(ProfileSource.ofBranch(plainPath.toString(), "dev", "nginx")).call();
    ResolvedProfile main = git.resolve(ProfileSource.builder().url(repo.url()).path("nginx")
        .build()).call();
    ResolvedProfile annotated =
        git.resolve(ProfileSource.ofTag(repo.url(), "nginx/v0.2.0")).call();

    assertThat(branch.commit()).isEqualTo(repo.lastCommit());
    assertThat(branch.directory().list("manifests")).hasSize(2);
    assertThat(main.commit()).isEqualTo(first);
    assertThat(annotated.commit()).isEqualTo(first);
  }

  @Test
  void resolvesARootProfileWithABareTag() throws Exception {
    repo.rootProfile(ProfileYamls.profile("solo").kustomize("app", "k8s").toYaml())
        .file("k8s/x.yaml", "x").commit("solo").tag("v1.0.0");

    ResolvedProfile p = git.resolve(ProfileSource.ofTag(repo.url(), "v1.0.0")).call();

    assertThat(p.definition().name()).isEqualTo("solo");
    assertThat(p.directory().list(".")).containsExactly("k8s/x.yaml", "profile.yaml");
  }

  @Test
  void missingTagBranchPathAndProfileYamlAreTyped() {
    repo.profile("nginx", nginx()).file("docs/readme.md", "hi").commit("c").tag("nginx/v0.1.0");

    assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "nginx/v9.9.9")).call())
        .isInstanceOf(MissingRefException.class).hasMessageContaining("tag nginx/v9.9.9")
        .hasMessageNotContaining("tags of that version");
    // The version without its profile, or with a 'v' too many or too few: the tags that are.
    repo.tag("redis/0.1.0").tag("v0.1.0-rc.1");
    for (String asked : List.of("v0.1.0", "0.1.0", "other/v0.1.0")) {
      assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), asked)).call())
          .isInstanceOf(MissingRefException.class).hasMessage("tag " + asked + " not found in "
              + repo.url() + " (tags of that version: nginx/v0.1.0, redis/0.1.0)");
    }
    // A nested profile's missing tag names the profile that nests it.
    repo.profile("top", ProfileYamls.profile("top").nestedTag("base", repo.url(), "nginx/v9.9.9")
        .toYaml()).commit("top").tag("top/v1.0.0");
    assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "top/v1.0.0")).call())
        .isInstanceOf(MissingRefException.class).hasMessage("tag nginx/v9.9.9 not found in "
            + repo.url() + " (nested profile 'base' of " + repo.url() + "@top/v1.0.0:top)");
    assertThatThrownBy(() -> git.resolve(ProfileSource.ofBranch(repo.url(), "nope", "nginx"))
        .call()).isInstanceOf(MissingRefException.class).hasMessageContaining("branch nope");
    assertThatThrownBy(() -> git.resolve(ProfileSource.ofBranch(repo.url(), "main", "absent"))
        .call()).isInstanceOf(MissingPathException.class).hasMessageContaining("absent");
    assertThatThrownBy(() -> git.resolve(ProfileSource.ofBranch(repo.url(), "main", "docs"))
        .call()).isInstanceOf(MissingProfileYamlException.class)
        .hasMessageContaining("no profile.yaml in directory docs");
  }

  @Test
  void aMissingRepositoryIsTyped() {
    String url = tmp.resolve("no-such-repo").toUri().toString();
    assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(url, "a/v1.0.0")).call())
        .isInstanceOf(RepositoryNotFoundException.class);
  }

  @Test
  void anInvalidProfileYamlCarriesTheParsersLocatedProblems() {
    repo.profile("nginx", "apiVersion: weave.works/v1alpha1\nkind: ProfileDefinition\n"
        + "metadata:\n  name: nginx\nspec:\n  description: x\n  artifacts: []\n  bogus: 1\n")
        .commit("bad").tag("nginx/v0.1.0");

    assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "nginx/v0.1.0")).call())
        .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
          assertThat(e.problems()).isNotEmpty();
          assertThat(e.problems().get(0).source()).endsWith("nginx/v0.1.0:nginx/profile.yaml");
          assertThat(e.problems()).anySatisfy(pr -> assertThat(pr.line()).isPositive());
        });
  }

  @Test
  void aSelfIncludingProfileFailsNamingTheChain() {
    repo.profile("loop", ProfileYamls.profile("loop").kustomize("app", "k")
        .nestedTag("again", repo.url(), "loop/v1.0.0").toYaml())
        .file("loop/k/a.yaml", "a").commit("loop").tag("loop/v1.0.0");

    assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "loop/v1.0.0")).call())
        .isInstanceOfSatisfying(ProfileCycleException.class, e -> {
          String node = repo.url() + "@loop/v1.0.0:loop";
          assertThat(e.chain()).containsExactly(node, node);
          assertThat(e.getMessage()).contains(node + " -> " + node);
        });
  }

  @Test
  void aCycleAcrossRepositoriesNamesEveryStep() {
    try (ProfileRepoFixture other = ProfileRepoFixture.create(tmp.resolve("repos/other.git"))) {
      repo.profile("a", ProfileYamls.profile("a").nestedTag("b", other.url(), "b/v1.0.0").toYaml())
          .commit("a").tag("a/v1.0.0");
      other.profile("b", ProfileYamls.profile("b").nestedTag("a", repo.url(), "a/v1.0.0").toYaml())
          .commit("b").tag("b/v1.0.0");

      assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "a/v1.0.0")).call())
          .isInstanceOfSatisfying(ProfileCycleException.class, e -> assertThat(e.chain())
              .containsExactly(repo.url() + "@a/v1.0.0:a", other.url() + "@b/v1.0.0:b",
                  repo.url() + "@a/v1.0.0:a"));
    }
  }

  @Test
  void theSameProfileNestedTwiceIsNotACycle() throws Exception {
    repo.profile("base", ProfileYamls.profile("base").kustomize("k", "k").toYaml())
        .file("base/k/a.yaml", "a")
        .profile("top", ProfileYamls.profile("top").nestedTag("one", repo.url(), "base/v1.0.0")
            .nestedTag("two", repo.url(), "base/v1.0.0").toYaml())
        .commit("c").tag("base/v1.0.0").tag("top/v1.0.0");

    ResolvedProfile top = git.resolve(ProfileSource.ofTag(repo.url(), "top/v1.0.0")).call();

    assertThat(top.nested()).containsOnlyKeys("one", "two");
    assertThat(top.nested("one").orElseThrow().definition().name()).isEqualTo("base");
  }

  @Test
  void aSymlinkToEtcPasswdIsRejected() {
    repo.profile("nginx", nginx()).symlink("nginx/manifests/passwd", "/etc/passwd")
        .commit("evil").tag("nginx/v0.1.0");

    assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "nginx/v0.1.0")).call())
        .isInstanceOf(UnsafeContentException.class)
        .hasMessageContaining("nginx/manifests/passwd is a symbolic link to /etc/passwd")
        .hasMessageContaining("outside the profile directory nginx");
  }

  @Test
  void aRelativeSymlinkEscapingTheProfileDirectoryIsRejected() {
    repo.profile("nginx", nginx()).file("secret.txt", "s")
        .symlink("nginx/manifests/s", "../../secret.txt").commit("evil").tag("nginx/v0.1.0");

    assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "nginx/v0.1.0")).call())
        .isInstanceOf(UnsafeContentException.class).hasMessageContaining("../../secret.txt");
  }

  @Test
  void internalSymlinksAreReadAsTheirTargetAndLinksToDirectoriesAreRejected() throws Exception {
    repo.profile("nginx", nginx()).file("nginx/manifests/real.yaml", "real")
        .symlink("nginx/manifests/alias.yaml", "real.yaml")
        .symlink("nginx/alias2.yaml", "manifests/alias.yaml")
        .commit("links").tag("nginx/v0.1.0");
    ResolvedProfile p = git.resolve(ProfileSource.ofTag(repo.url(), "nginx/v0.1.0")).call();
    assertThat(p.directory().read("manifests/alias.yaml")).isEqualTo("real".getBytes());
    assertThat(p.directory().read("alias2.yaml")).isEqualTo("real".getBytes());

    repo.symlink("nginx/dirlink", "manifests").commit("dir link").tag("nginx/v0.2.0");
    assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "nginx/v0.2.0")).call())
        .isInstanceOf(UnsafeContentException.class).hasMessageContaining("a directory");
  }

  @Test
  void submodulesAreIgnored() throws Exception {
    repo.profile("nginx", nginx()).file("nginx/manifests/a.yaml", "a")
        .submodule("nginx/vendor/lib", "0123456789abcdef0123456789abcdef01234567")
        .commit("sub").tag("nginx/v0.1.0");

    ResolvedProfile p = git.resolve(ProfileSource.ofTag(repo.url(), "nginx/v0.1.0")).call();

    assertThat(p.directory().list(".")).containsExactly("manifests/a.yaml", "profile.yaml");
  }

  @Test
  void fileAndTotalSizeLimitsAreEnforced() {
    repo.profile("nginx", nginx()).file("nginx/manifests/big.bin", new byte[3000])
        .file("nginx/manifests/b.bin", new byte[2000]).commit("big").tag("nginx/v0.1.0");
    ProfileSource source = ProfileSource.ofTag(repo.url(), "nginx/v0.1.0");

    try (GitProfiles perFile = GitProfiles.builder().cacheDirectory(tmp.resolve("cache"))
        .maxFileSize(2500).build();
        GitProfiles total = GitProfiles.builder().cacheDirectory(tmp.resolve("cache"))
            .maxTotalSize(4000).build()) {
      assertThatThrownBy(() -> perFile.resolve(source).call())
          .isInstanceOf(SizeLimitExceededException.class)
          .hasMessageContaining("nginx/manifests/big.bin is 2.9 KiB");
      assertThatThrownBy(() -> total.resolve(source).call())
          .isInstanceOf(SizeLimitExceededException.class)
          .hasMessageContaining("holds more than 3.9 KiB");
    }
  }
}
