package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.model.InvalidModelException;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.resolve.UntrustedSourceException;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.git.internal.RepoUrls;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportProtocol;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The source trust policy: which URLs may be read at all, and which sources a profile may
 * nest, checked before any transport is opened (nothing reaches the cache).
 */
class SourceTrustTest {
  @TempDir static Path served;
  @TempDir static Path local;
  @TempDir Path tmp;
  private static GitHttpServer server;
  private static String localUrl;
  private static String remoteUrl;

  @BeforeAll
  static void setUp() {
    try (ProfileRepoFixture base = ProfileRepoFixture.create(local.resolve("base.git"))) {
      base.profile("base", ProfileYamls.profile("base").kustomize("k", "k").toYaml())
          .file("base/k/cm.yaml", "kind: ConfigMap\n").commit("base").tag("base/v1.0.0");
      localUrl = base.url();
    }
    try (ProfileRepoFixture remote = ProfileRepoFixture.create(served.resolve("remote.git"))) {
      remote.profile("leaf", ProfileYamls.profile("leaf").kustomize("k", "k").toYaml())
          .file("leaf/k/a.yaml", "a")
          .profile("top", ProfileYamls.profile("top").nestedTag("base", localUrl, "base/v1.0.0")
              .toYaml())
          .profile("plain", ProfileYamls.profile("plain")
              .nestedTag("base", local.resolve("base.git").toString(), "base/v1.0.0").toYaml())
          .profile("helper", ProfileYamls.profile("helper")
              .nestedTag("x", "ext::sh -c touch% /tmp/pwned", "x/v1.0.0").toYaml())
          .commit("profiles").tag("leaf/v1.0.0").tag("top/v1.0.0").tag("plain/v1.0.0")
          .tag("helper/v1.0.0");
    }
    server = GitHttpServer.builder(served).start();
    remoteUrl = server.url("remote.git");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private GitProfiles.Builder builder() {
    return GitProfiles.builder().cacheDirectory(tmp.resolve("cache"));
  }

  /** The repositories that reached the cache (the transport-settings entry aside). */
  private Set<String> cached() throws Exception {
    Path repos = tmp.resolve("cache/repos");
    if (!Files.isDirectory(repos)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(repos)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals(RepoUrls.cacheName("profiles-sdk:transport-settings")))
          .collect(Collectors.toSet());
    }
  }

  @Test
  void aControlCharacterInAUrlIsRefusedByTheModelAndByListVersions() throws Exception {
    String url = "https://127.0.0.1/org/\nprofiles";
    assertThatThrownBy(() -> ProfileSource.ofTag(url, "x/v1.0.0"))
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("U+000A");
    try (GitProfiles git = builder().allowHttp(true).allowLocalSources(true).build()) {
      assertThatThrownBy(() -> git.listVersions(url).call())
          .isInstanceOf(UntrustedSourceException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ext::sh -c touch% /tmp/pwned",
      "fd::17",
      "git://127.0.0.1:9/org/profiles.git",
      "amazon-s3://bucket/profiles.git",
      "sftp://127.0.0.1/profiles.git",
      "ftp://127.0.0.1/profiles.git",
      "gopher://127.0.0.1/profiles",
      "git@-oProxyCommand=touch%20pwned:org/profiles.git",
      "-oProxyCommand=touch:profiles.git",
      "ssh://-oProxyCommand=touch/profiles.git",
      "ssh://git@-oProxyCommand=touch/profiles.git",
      "ssh://-oProxyCommand=x@127.0.0.1/profiles.git",
      "git@127.0.0.1:-upload-pack=touch",
      "https://-host/org/profiles",
      "https://u:0\\  @127.0.0.1:1/x.git",
      "ssh://u:p\\q@127.0.0.1/x.git",
      "git@127.0.0.1:repo@elsewhere.invalid"})
  void refusedRootsNeverReachTheCacheNorATransport(String url) throws Exception {
    try (GitProfiles git = builder().allowHttp(true).allowLocalSources(true).build()) {
      assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(url, "x/v1.0.0")).call())
          .isInstanceOf(UntrustedSourceException.class);
      assertThatThrownBy(() -> git.listVersions(url).call())
          .isInstanceOf(UntrustedSourceException.class);
    }
    assertThat(tmp.resolve("cache")).doesNotExist();
  }

  @Test
  void jgitsOwnProtocolRegistryIsNeverConsulted() throws Exception {
    List<String> seen = new ArrayList<>();
    TransportProtocol spy = new TransportProtocol() {
      @Override
      public String getName() {
        return "spy";
      }

      @Override
      public boolean canHandle(URIish uri, Repository local, String remoteName) {
        seen.add(uri.toString());
        return true;
      }

      @Override
      public Transport open(URIish uri, Repository local, String remoteName) {
        seen.add("open " + uri);
        throw new IllegalStateException("the spy transport must never be opened");
      }
    };
    Transport.register(spy);
    try (GitProfiles git = builder().allowHttp(true).build()) {
      for (String refused : List.of("git://127.0.0.1:9/x", "ext::sh -c x", "sftp://127.0.0.1/x",
          "amazon-s3://b/x")) {
        assertThatThrownBy(() -> git.listVersions(refused).call())
            .isInstanceOf(UntrustedSourceException.class);
      }
      assertThat(git.resolve(ProfileSource.ofTag(localUrl, "base/v1.0.0")).call().commit())
          .hasSize(40);
      assertThat(git.resolve(ProfileSource.ofTag(remoteUrl, "leaf/v1.0.0")).call().commit())
          .hasSize(40);
    } finally {
      Transport.unregister(spy);
    }
    assertThat(seen).isEmpty();
  }

  @Test
  void aBundleFileIsNotReadAsARepository() throws Exception {
    Path bundle = Files.write(tmp.resolve("profiles.bundle"), "# v2 git bundle\n".getBytes());
    try (GitProfiles git = builder().build()) {
      for (String url : List.of(bundle.toString(), bundle.toUri().toString())) {
        assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(url, "x/v1.0.0")).call())
            .isInstanceOf(UntrustedSourceException.class).hasMessageContaining("bundle");
        assertThatThrownBy(() -> git.listVersions(url).call())
            .isInstanceOf(UntrustedSourceException.class);
      }
    }
    assertThat(tmp.resolve("cache")).doesNotExist();
  }

  @Test
  void plainHttpIsRefusedUnlessEnabled() throws Exception {
    try (GitProfiles git = builder().build()) {
      assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(remoteUrl, "leaf/v1.0.0")).call())
          .isInstanceOf(UntrustedSourceException.class).hasMessageContaining("plain http");
      assertThatThrownBy(() -> git.listVersions(remoteUrl).call())
          .isInstanceOf(UntrustedSourceException.class);
    }
    assertThat(tmp.resolve("cache")).doesNotExist();
    int before = server.uploadPackRequests();
    try (GitProfiles git = builder().allowHttp(true).build()) {
      assertThat(git.resolve(ProfileSource.ofTag(remoteUrl, "leaf/v1.0.0")).call()
          .definition().name()).isEqualTo("leaf");
      assertThat(git.listVersions(remoteUrl).call().profileNames()).contains("leaf", "top");
    }
    assertThat(server.uploadPackRequests()).isGreaterThan(before);
  }

  @Test
  void aRemoteProfileMayNotNestALocalSource() throws Exception {
    try (GitProfiles git = builder().allowHttp(true).build()) {
      for (String tag : List.of("top/v1.0.0", "plain/v1.0.0")) {
        assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(remoteUrl, tag)).call())
            .isInstanceOf(UntrustedSourceException.class)
            .hasMessageContaining("nested profile 'base'")
            .hasMessageContaining("local source")
            .hasMessageContaining(remoteUrl);
      }
    }
    // The remote profile was read; the local one it named was not.
    assertThat(cached()).containsExactly(RepoUrls.cacheName(remoteUrl));
  }

  @Test
  void aNestedRemoteHelperIsRefusedEvenFromALocalRoot() throws Exception {
    try (ProfileRepoFixture top = ProfileRepoFixture.create(tmp.resolve("repos/top.git"))) {
      top.profile("top", ProfileYamls.profile("top")
              .nestedTag("x", "ext::sh -c touch% /tmp/pwned", "x/v1.0.0").toYaml())
          .commit("top").tag("top/v1.0.0");
      try (GitProfiles git = builder().allowHttp(true).allowLocalSources(true).build()) {
        assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(top.url(), "top/v1.0.0")).call())
            .isInstanceOf(UntrustedSourceException.class).hasMessageContaining("remote helper");
        assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(remoteUrl, "helper/v1.0.0"))
            .call()).isInstanceOf(UntrustedSourceException.class);
      }
    }
  }

  @Test
  void aLocalProfileMayNestLocalSources() throws Exception {
    try (ProfileRepoFixture top = ProfileRepoFixture.create(tmp.resolve("repos/top.git"))) {
      top.profile("top", ProfileYamls.profile("top").nestedTag("base", localUrl, "base/v1.0.0")
              .toYaml())
          .commit("top").tag("top/v1.0.0");
      try (GitProfiles git = builder().build()) {
        ResolvedProfile p = git.resolve(ProfileSource.ofTag(top.url(), "top/v1.0.0")).call();
        assertThat(p.nested("base").orElseThrow().definition().name()).isEqualTo("base");
        // A plain path is local as well.
        ResolvedProfile viaPath = git.resolve(
            ProfileSource.ofTag(top.directory().toString(), "top/v1.0.0")).call();
        assertThat(viaPath.nested()).containsOnlyKeys("base");
      }
    }
  }

  @Test
  void aLocalProfileCannotLendItsTrustToARemoteOneItNests() throws Exception {
    try (ProfileRepoFixture top = ProfileRepoFixture.create(tmp.resolve("repos/top.git"))) {
      top.profile("top", ProfileYamls.profile("top").nestedTag("mid", remoteUrl, "top/v1.0.0")
              .toYaml())
          .commit("top").tag("top/v1.0.0");
      try (GitProfiles git = builder().allowHttp(true).build()) {
        assertThatThrownBy(() -> git.resolve(ProfileSource.ofTag(top.url(), "top/v1.0.0")).call())
            .isInstanceOf(UntrustedSourceException.class)
            .hasMessageContaining("nested profile 'base' of " + remoteUrl);
      }
    }
  }

  @Test
  void allowingLocalSourcesLetsARemoteProfileNestThem() throws Exception {
    try (GitProfiles git = builder().allowHttp(true).allowLocalSources(true).build()) {
      ResolvedProfile top = git.resolve(ProfileSource.ofTag(remoteUrl, "top/v1.0.0")).call();
      assertThat(top.nested("base").orElseThrow().directory().read("k/cm.yaml"))
          .asString().isEqualTo("kind: ConfigMap\n");
    }
    try (GitProfiles git = builder()
        .sourcePolicy(SourcePolicy.defaults().allowHttp(true).allowLocalSources(true)).build()) {
      assertThat(git.resolve(ProfileSource.ofTag(remoteUrl, "plain/v1.0.0")).call().nested())
          .containsOnlyKeys("base");
    }
  }
}
