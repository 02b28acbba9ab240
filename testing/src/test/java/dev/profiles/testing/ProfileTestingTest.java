package dev.profiles.testing;

import static dev.profiles.testing.ProfileAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.yaml.InvalidDocumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTestingTest {
  private static final Path WEB = Path.of("src/test/resources/profiles/web");

  @Test
  void readsRendersAndAssertsAProfileFromDisk() throws Exception {
    ResolvedProfile web = LocalProfiles.read(WEB);

    assertThat(web.definition()).hasName("web").hasArtifacts("site", "config");
    assertThat(web.definition()).artifact("site").isLocalChart().hasPath("charts/site")
        .dependsOn("config");
    assertThat(web.definition()).artifact("config").isKustomize().dependsOn();

    RenderedFiles files = ProfileTesting.render(web, "my-web");
    assertThat(files).hasValidManifests()
        .containsPath("my-web/artifacts/site/helm-chart/charts/site/Chart.yaml")
        .file("my-web/artifacts/site/kustomize-flux.yaml").contains("name: my-web-config");
  }

  @Test
  void assertionsFailWithMessagesThatSayWhatIsThere() throws Exception {
    ResolvedProfile web = LocalProfiles.read(WEB);

    assertThatThrownBy(() -> assertThat(web.definition()).hasArtifact("db"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected profile <web> to have artifact <db> but its artifacts are"
            + " [site, config]");
    assertThatThrownBy(() -> assertThat(web.definition()).artifact("site").isRemoteChart())
        .hasMessageContaining("Expected artifact <site> to be REMOTE_CHART but was LOCAL_CHART");
    assertThatThrownBy(() -> assertThat(ProfileTesting.render(web, "w")).containsPath("nope"))
        .hasMessageContaining("Expected a rendered file <nope>");
  }

  @Test
  void aLinkLeavingTheProfileIsRefused(@TempDir Path tmp) throws Exception {
    Path dir = copyOfWeb(tmp);
    Files.createSymbolicLink(dir.resolve("manifests/passwd"), Path.of("/etc/passwd"));

    assertThatThrownBy(() -> ProfileTesting.render(LocalProfiles.read(dir), "w"))
        .isInstanceOf(ProfilesException.class)
        .hasMessageContaining("manifests/passwd").hasMessageContaining("/etc/passwd");
  }

  @Test
  void theDirectoryMustBeNamedLikeTheProfile(@TempDir Path tmp) throws Exception {
    Path dir = copyOfWeb(tmp);
    Path renamed = Files.move(dir, tmp.resolve("site"));

    assertThatThrownBy(() -> LocalProfiles.read(renamed))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("profile name 'web' must equal its directory name 'site'");
  }

  @Test
  void nestedProfilesNeedAResolver(@TempDir Path tmp) throws Exception {
    Path dir = copyOfWeb(tmp);
    Files.writeString(dir.resolve("profile.yaml"), Files.readString(dir.resolve("profile.yaml"))
        + "    - name: base\n      profile:\n        source:\n          url: file:///nowhere\n"
        + "          tag: base/v1.0.0\n");

    assertThatThrownBy(() -> LocalProfiles.read(dir)).isInstanceOf(ProfilesException.class)
        .hasMessageContaining("needs a resolver");
    ResolvedProfile withBase = LocalProfiles.read(dir, source -> LocalProfiles.read(WEB));
    org.assertj.core.api.Assertions.assertThat(withBase.nested("base").orElseThrow().source())
        .isEqualTo(ProfileSource.builder().url(WEB.toAbsolutePath().toUri().toString()).build());
  }

  private static Path copyOfWeb(Path tmp) throws Exception {
    Path dir = tmp.resolve("web");
    try (var files = Files.walk(WEB)) {
      for (Path p : files.toList()) {
        Path target = dir.resolve(WEB.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return dir;
  }
}
