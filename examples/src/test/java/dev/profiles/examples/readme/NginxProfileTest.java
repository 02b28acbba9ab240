package dev.profiles.examples.readme;

import static dev.profiles.testing.ProfileAssertions.assertThat;

import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.testing.LocalProfiles;
import dev.profiles.testing.ProfileTesting;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NginxProfileTest {
  @Test
  void rendersValidManifests() throws Exception {
    ResolvedProfile nginx = LocalProfiles.read(Path.of("src/test/resources/profiles/nginx"));
    assertThat(nginx.definition()).hasArtifact("crds")
        .artifact("nginx-server").isRemoteChart().dependsOn("crds");
    assertThat(ProfileTesting.render(nginx, "my-nginx")).hasValidManifests()
        .file("my-nginx/artifacts/crds/kustomize-flux.yaml").contains("prune: true");
  }
}
