package dev.profiles.testing;

import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.KustomizeArtifact;
import dev.profiles.core.model.LocalChartArtifact;
import java.util.Arrays;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on one {@link Artifact}.
 *
 * <pre>{@code
 * assertThat(profile).artifact("crds").isKustomize().hasPath("manifests/crds");
 * }</pre>
 */
public final class ArtifactAssert extends AbstractAssert<ArtifactAssert, Artifact> {

  ArtifactAssert(Artifact actual) {
    super(actual, ArtifactAssert.class);
  }

  /** The artifact is a remote Helm chart. */
  public ArtifactAssert isRemoteChart() {
    return isKind(Artifact.Kind.REMOTE_CHART);
  }

  /** The artifact is a local Helm chart. */
  public ArtifactAssert isLocalChart() {
    return isKind(Artifact.Kind.LOCAL_CHART);
  }

  /** The artifact is a raw YAML / kustomize directory. */
  public ArtifactAssert isKustomize() {
    return isKind(Artifact.Kind.KUSTOMIZE);
  }

  /** The artifact is a nested profile. */
  public ArtifactAssert isNestedProfile() {
    return isKind(Artifact.Kind.PROFILE);
  }

  /** The artifact depends on exactly {@code names}, in this order. */
  public ArtifactAssert dependsOn(String... names) {
    isNotNull();
    if (!actual.dependsOn().equals(Arrays.asList(names))) {
      failWithMessage("Expected artifact <%s> to depend on %s but it depends on %s",
          actual.name(), Arrays.asList(names), actual.dependsOn());
    }
    return this;
  }

  /** The artifact is a local chart or kustomize directory at {@code path}. */
  public ArtifactAssert hasPath(String path) {
    isNotNull();
    String actualPath = actual instanceof KustomizeArtifact k ? k.path()
        : actual instanceof LocalChartArtifact c ? c.path() : null;
    if (!path.equals(actualPath)) {
      failWithMessage("Expected artifact <%s> to have path <%s> but had <%s>", actual.name(),
          path, actualPath);
    }
    return this;
  }

  private ArtifactAssert isKind(Artifact.Kind kind) {
    isNotNull();
    if (actual.kind() != kind) {
      failWithMessage("Expected artifact <%s> to be %s but was %s", actual.name(), kind,
          actual.kind());
    }
    return this;
  }
}
