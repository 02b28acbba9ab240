package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.yaml.DocumentWarning;
import dev.profiles.testing.git.ProfileRepoFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles tagged in the original's older form (as in weaveworks/profiles-examples at
 * nested-nginx-1/v0.0.1) resolve, nested ones included, and carry their located warnings.
 */
class HistoricalProfileResolutionTest {
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

  @Test
  void anOldProfileAndTheOldProfileItNestsResolveWithTheirWarnings() throws Exception {
    // As profiles-examples wrote them in June 2021, with the nested URL pointing here.
    repo.profile("nested-nginx-2", """
            apiVersion: profiles.fluxcd.io/v1alpha1
            kind: Profile
            metadata:
              name: nested-nginx-2
            spec:
              description: Profile for deploying local nginx chart
              version: v0.0.1
              artifacts:
                - name: nginx-server
                  path: nginx/chart
                  kind: HelmChart
            """)
        .file("nested-nginx-2/nginx/chart/Chart.yaml", "name: nginx\n")
        .profile("nested-nginx-1", """
            apiVersion: profiles.fluxcd.io/v1alpha1
            kind: Profile
            metadata:
              name: nested-nginx-1
            spec:
              description: Profile for deploying nginx
              version: v0.0.1
              artifacts:
                - name: nested-profile
                  kind: Profile
                  profile:
                    url: %s
                    version: nested-nginx-2/v0.0.1
            """.formatted(repo.url()))
        .commit("old profiles").tag("nested-nginx-1/v0.0.1").tag("nested-nginx-2/v0.0.1");

    ResolvedProfile root = git.resolve(ProfileSource.ofTag(repo.url(),
        "nested-nginx-1/v0.0.1")).call();

    ResolvedProfile nested = root.nested("nested-profile").orElseThrow();
    assertThat(nested.definition().artifacts()).extracting(Artifact::kind)
        .containsExactly(Artifact.Kind.LOCAL_CHART);
    assertThat(root.warnings()).extracting(DocumentWarning::path).containsExactly(
        "apiVersion", "kind", "spec.version", "spec.artifacts[0].kind",
        "spec.artifacts[0].profile.url");
    assertThat(root.warnings()).allSatisfy(w -> {
      assertThat(w.source()).endsWith("@nested-nginx-1/v0.0.1:nested-nginx-1/profile.yaml");
      assertThat(w.line()).isPositive();
    });
    assertThat(nested.warnings()).extracting(DocumentWarning::toString).last().asString()
        .endsWith("@nested-nginx-2/v0.0.1:nested-nginx-2/profile.yaml:11:7:"
            + " spec.artifacts[0].kind: deprecated: 'kind' is the older form (before v0.0.7);"
            + " an artifact's kind is now given by which of chart, kustomize or profile it"
            + " sets");
    assertThat(root.allWarnings()).hasSize(root.warnings().size() + nested.warnings().size());

    // Resolved again from the cache, the warnings are the same.
    ResolvedProfile again = git.resolve(ProfileSource.ofTag(repo.url(),
        "nested-nginx-1/v0.0.1")).call();
    assertThat(again.allWarnings()).isEqualTo(root.allWarnings());
  }
}
