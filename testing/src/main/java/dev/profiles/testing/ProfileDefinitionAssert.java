package dev.profiles.testing;

import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.ProfileDefinition;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link ProfileDefinition}.
 *
 * <pre>{@code
 * assertThat(profile).hasName("nginx").hasArtifacts("nginx-server", "crds");
 * }</pre>
 */
public final class ProfileDefinitionAssert
    extends AbstractAssert<ProfileDefinitionAssert, ProfileDefinition> {

  ProfileDefinitionAssert(ProfileDefinition actual) {
    super(actual, ProfileDefinitionAssert.class);
  }

  /** The profile is named {@code name}. */
  public ProfileDefinitionAssert hasName(String name) {
    isNotNull();
    if (!actual.name().equals(name)) {
      failWithMessage("Expected profile to be named <%s> but was <%s>", name, actual.name());
    }
    return this;
  }

  /** The profile has an artifact named {@code name}. */
  public ProfileDefinitionAssert hasArtifact(String name) {
    isNotNull();
    if (actual.artifact(name).isEmpty()) {
      failWithMessage("Expected profile <%s> to have artifact <%s> but its artifacts are %s",
          actual.name(), name, names());
    }
    return this;
  }

  /** The profile's artifacts are exactly {@code names}, in this order. */
  public ProfileDefinitionAssert hasArtifacts(String... names) {
    isNotNull();
    if (!names().equals(Arrays.asList(names))) {
      failWithMessage("Expected profile <%s> to have artifacts %s but had %s", actual.name(),
          Arrays.asList(names), names());
    }
    return this;
  }

  /** Assertions on the artifact named {@code name}, which must exist. */
  public ArtifactAssert artifact(String name) {
    hasArtifact(name);
    return new ArtifactAssert(actual.artifact(name).orElseThrow());
  }

  private List<String> names() {
    return actual.artifacts().stream().map(Artifact::name).toList();
  }
}
