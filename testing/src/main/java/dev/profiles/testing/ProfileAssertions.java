package dev.profiles.testing;

import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.ProfileDefinition;

/**
 * Entry point of the AssertJ-style assertions for profiles; import it statically next to
 * AssertJ's own {@code Assertions}.
 *
 * <pre>{@code
 * import static dev.profiles.testing.ProfileAssertions.assertThat;
 *
 * assertThat(profile).hasName("nginx").hasArtifact("crds");
 * assertThat(profile).artifact("nginx-server").isRemoteChart().dependsOn("crds");
 * assertThat(rendered).hasValidManifests().file("my-nginx/profile-installation.yaml").contains("tag:");
 * }</pre>
 */
public final class ProfileAssertions {
  private ProfileAssertions() {}

  /** Assertions on a profile definition. */
  public static ProfileDefinitionAssert assertThat(ProfileDefinition actual) {
    return new ProfileDefinitionAssert(actual);
  }

  /** Assertions on one artifact. */
  public static ArtifactAssert assertThat(Artifact actual) {
    return new ArtifactAssert(actual);
  }

  /** Assertions on rendered manifests. */
  public static RenderedFilesAssert assertThat(RenderedFiles actual) {
    return new RenderedFilesAssert(actual);
  }
}
