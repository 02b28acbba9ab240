package dev.profiles.flux;

import static dev.profiles.flux.Profiles.definition;
import static dev.profiles.flux.Profiles.installation;
import static dev.profiles.flux.Profiles.installationBuilder;
import static dev.profiles.flux.Profiles.nested;
import static dev.profiles.flux.Profiles.remote;
import static dev.profiles.flux.Profiles.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.install.RenderException;
import dev.profiles.core.install.RenderProblem;
import dev.profiles.core.install.RenderRequest;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.model.Artifact;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.rules.KubernetesNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Open-ended profile trees (colliding artifact names on purpose, random nesting and dependsOn):
 * either every generated name is a valid, unique Kubernetes name, every dependsOn points at a
 * rendered Kustomization and the CRDs accept every object; or rendering fails with naming
 * problems only. And the output never depends on anything but the input.
 */
class RenderPropertiesTest {
  private static final String[] NAMES = {"a", "b", "c", "a-b", "b-c", "web", "db"};

  /** A random tree of depth at most 3; names drawn from a tiny pool to provoke collisions. */
  static ResolvedProfile tree(Random random, int depth, String profileName) {
    List<String> pool = new ArrayList<>(List.of(NAMES));
    java.util.Collections.shuffle(pool, random);
    int count = 1 + random.nextInt(4);
    List<Artifact> artifacts = new ArrayList<>();
    Map<String, ResolvedProfile> nestedProfiles = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String name = pool.get(i);
      List<String> deps = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        if (random.nextInt(3) == 0) {
          deps.add(pool.get(j));
        }
      }
      if (depth < 3 && random.nextInt(3) == 0) {
        artifacts.add(nested(name, deps.toArray(String[]::new)));
        nestedProfiles.put(name, tree(random, depth + 1, profileName + depth + i));
      } else {
        artifacts.add(remote(name, deps.toArray(String[]::new)));
      }
    }
    return resolved(definition(profileName, artifacts.toArray(Artifact[]::new)),
        InMemoryProfileDirectory.empty(), nestedProfiles);
  }

  @Property(tries = 300)
  void namesAreValidUniqueAndReferencesResolve(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int installationNameLength)
      throws Exception {
    ResolvedProfile root = tree(new Random(seed), 0, "root");
    String name = "i".repeat(installationNameLength);
    RenderRequest request = RenderRequest.of(installationBuilder(name).configMap("values").build(), root);
    RenderedFiles files;
    try {
      files = new FluxRenderer().render(request);
    } catch (RenderException e) {
      Statistics.label("outcome").collect("refused");
      for (RenderProblem p : e.problems()) {
        assertThat(p.message()).containsAnyOf("is already used by", "characters long");
      }
      return;
    }
    Statistics.label("outcome").collect("rendered");
    Statistics.label("outcome").coverage(c -> c.check("rendered").percentage(p -> p > 30));
    Set<String> kustomizations = new HashSet<>();
    Set<String> releases = new HashSet<>();
    List<String> dependsOn = new ArrayList<>();
    for (String path : files.paths()) {
      if (path.endsWith("/kustomize-flux.yaml")) {
        Map<String, Object> k = Docs.read(files, path);
        String objectName = (String) Docs.at(k, "metadata.name");
        assertThat(KubernetesNames.labelProblem(objectName)).isEmpty();
        assertThat(kustomizations.add(objectName)).as("unique " + objectName).isTrue();
        Object deps = Docs.at(k, "spec.dependsOn");
        if (deps != null) {
          ((List<?>) deps).forEach(d -> dependsOn.add((String) ((Map<?, ?>) d).get("name")));
        }
      }
      if (path.endsWith("/HelmRelease.yaml")) {
        assertThat(releases.add((String) Docs.at(Docs.read(files, path), "spec.releaseName")))
            .isTrue();
      }
    }
    assertThat(kustomizations).containsAll(dependsOn);
    assertThat(ManifestValidator.bundled().validate(files)).isEmpty();
  }

  @Property(tries = 100)
  void renderingTwiceGivesTheSameBytesAndCleanText(@ForAll long seed) throws Exception {
    ResolvedProfile root = tree(new Random(seed), 0, "root");
    RenderRequest request = RenderRequest.of(installation("x"), root);
    RenderedFiles first;
    try {
      first = new FluxRenderer().render(request);
    } catch (RenderException e) {
      return;
    }
    RenderedFiles again = new FluxRenderer().render(RenderRequest.of(installation("x"),
        tree(new Random(seed), 0, "root")));
    assertThat(again).isEqualTo(first);
    first.forEach((path, bytes) -> {
      String text = new String(bytes, StandardCharsets.UTF_8);
      assertThat(text).endsWith("\n").doesNotContain("\r").doesNotContain("status:")
          .doesNotContain("creationTimestamp").doesNotContain("{}").doesNotContain("null");
    });
  }
}
