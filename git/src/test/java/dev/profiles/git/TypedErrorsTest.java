package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.RepositoryNotFoundException;
import dev.profiles.core.resolve.ResolveException;
import dev.profiles.core.resolve.TransportFailedException;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build()} throws only {@link ProfilesConfigurationException}, for settings given in
 * code, and does no I/O; {@code call()} throws only the typed {@code ProfilesException}s.
 */
class TypedErrorsTest {
  @TempDir Path tmp;

  @Test
  void anUnusableCacheDirectoryFailsTheFirstCallTypedNotTheBuild() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
    try (ProfileRepoFixture repo = ProfileRepoFixture.create(tmp.resolve("r.git"))) {
      repo.profile("a", ProfileYamls.profile("a").kustomize("k", "k").toYaml()).commit("a")
          .tag("a/v1.0.0");
      for (Path cache : List.of(file.resolve("cache"), file)) {
        GitProfiles git = GitProfiles.builder().cacheDirectory(cache).build();
        assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(repo.url(), "a/v1.0.0")).call())
            .isExactlyInstanceOf(ResolveException.class)
            .hasMessageContaining("cannot create the git cache directory");
        assertThatThrownBy(() -> git.listVersions(repo.url()).call())
            .isExactlyInstanceOf(ResolveException.class);
        git.close();
      }
    }
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void buildingDoesNoIo() {
    Path cache = tmp.resolve("lazy/cache");
    try (GitProfiles git = GitProfiles.builder().cacheDirectory(cache).build()) {
      assertThat(git.sourcePolicy().httpAllowed()).isFalse();
    }
    assertThat(tmp.resolve("lazy")).doesNotExist();
  }

  @Test
  void invalidSettingsAreConfigurationErrors() {
    GitProfiles.Builder b = GitProfiles.builder();
    List<Executable> invalid = List.of(
        () -> b.maxFileSize(0), () -> b.maxTotalSize(-1), () -> b.maxNestingDepth(0),
        () -> b.maxArtifacts(0), () -> b.maxFiles(-5), () -> b.maxTreeSize(0),
        () -> b.cacheDirectory(null), () -> b.credentials(null), () -> b.credentials(null,
            GitCredentials.none()), () -> b.credentials("host", null), () -> b.sshConfig(null),
        () -> b.sourcePolicy(null), () -> b.insteadOf(null, "https://x/"),
        () -> b.insteadOf("https://m/", ""), () -> b.pushInsteadOf("https://m/", null),
        () -> b.urlRewrites(null), () -> b.gitConfig(tmp.resolve("missing")),
        () -> b.gitConfig(null));
    for (Executable e : invalid) {
      assertThatThrownBy(e::execute).isInstanceOf(ProfilesConfigurationException.class);
    }
    try (GitProfiles git = b.build()) {
      assertThatThrownBy(() -> git.resolve(null))
          .isInstanceOf(ProfilesConfigurationException.class);
      assertThatThrownBy(() -> git.listVersions(null))
          .isInstanceOf(ProfilesConfigurationException.class);
    }
  }

  @Test
  void unparseableAndUnreachableUrlsAreTyped() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("cache"))
        .allowHttp(true).build()) {
      assertThatThrownBy(() -> git.listVersions("https://u:p%zz@127.0.0.1:" + port + "/x").call())
          .isInstanceOf(RepositoryNotFoundException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("p%zz"));
      for (String url : List.of("http://127.0.0.1:" + port + "/git/x.git",
          "ssh://git@127.0.0.1:" + port + "/x.git")) {
        assertThatThrownBy(() -> git.listVersions(url).call())
            .isInstanceOf(TransportFailedException.class);
        assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(url, "a/v1.0.0")).call())
            .isInstanceOf(TransportFailedException.class);
      }
      assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(tmp.resolve("absent").toString(),
          "a/v1.0.0")).call()).isInstanceOf(RepositoryNotFoundException.class);
    }
  }

  @Test
  void closingTwiceOrBeforeAnyCallIsHarmless() {
    GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("c")).build();
    assertThatCode(() -> {
      git.close();
      git.close();
    }).doesNotThrowAnyException();
  }
}
