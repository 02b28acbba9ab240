package dev.profiles.git.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.catalog.ScanResult;
import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.CatalogRepository;
import dev.profiles.core.model.KustomizeArtifact;
import dev.profiles.core.model.LocalChartArtifact;
import dev.profiles.core.model.RemoteChartArtifact;
import dev.profiles.testing.git.ProfileRepoFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the scanner keeps of a tag besides its profile.yaml's header, for the catalog's web
 * page: the parsed artifacts and the README next to profile.yaml (bounded, shared between tags
 * with identical READMEs).
 */
class GitRepositoryScannerReadmeTest {
  private static final String ARTIFACTS_YAML = """
      apiVersion: weave.works/v1alpha1
      kind: ProfileDefinition
      metadata:
        name: web
      spec:
        description: a web stack
        artifacts:
          - name: ingress
            chart:
              url: https://charts.example.com/stable
              name: ingress-nginx
              version: 4.10.1
          - name: app
            chart:
              path: charts/app
          - name: config
            kustomize:
              path: k
      """;

  @TempDir Path tmp;
  private GitRepositoryScanner scanner;

  @BeforeEach
  void setUp() throws Exception {
    scanner = GitRepositoryScanner.builder().cacheDirectory(tmp.resolve("cache"))
        .sourcePolicy(GitRepositoryScannerTest.LOOPBACK).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    scanner.close();
  }

  private static String yaml(String name) {
    return ARTIFACTS_YAML.replace("name: web", "name: " + name);
  }

  private Map<String, CatalogEntry> scan(ProfileRepoFixture r) throws Exception {
    ScanResult result = scanner.scan(CatalogRepository.builder()
        .url(r.directory().toUri().toString()).build(), Set.of());
    return result.entries().stream()
        .collect(Collectors.toMap(e -> e.tag().orElseThrow(), Function.identity()));
  }

  @Test
  void keepsTheParsedArtifactsOfEachTag() throws Exception {
    try (ProfileRepoFixture r = ProfileRepoFixture.create(tmp.resolve("a.git"))) {
      r.profile("web", yaml("web")).commit("web").tag("web/v1.0.0");
      CatalogEntry e = scan(r).get("web/v1.0.0");

      assertThat(e.artifacts()).extracting(Artifact::name, Artifact::kind).containsExactly(
          org.assertj.core.groups.Tuple.tuple("ingress", Artifact.Kind.REMOTE_CHART),
          org.assertj.core.groups.Tuple.tuple("app", Artifact.Kind.LOCAL_CHART),
          org.assertj.core.groups.Tuple.tuple("config", Artifact.Kind.KUSTOMIZE));
      RemoteChartArtifact chart = (RemoteChartArtifact) e.artifacts().get(0);
      assertThat(chart.chartName()).isEqualTo("ingress-nginx");
      assertThat(chart.chartVersion()).isEqualTo("4.10.1");
      assertThat(chart.url()).isEqualTo("https://charts.example.com/stable");
      assertThat(((LocalChartArtifact) e.artifacts().get(1)).path()).isEqualTo("charts/app");
      assertThat(((KustomizeArtifact) e.artifacts().get(2)).path()).isEqualTo("k");
      assertThat(e.readme()).isEmpty();
    }
  }

  @Test
  void readsTheReadmeNextToProfileYamlPreferringReadmeMd() throws Exception {
    try (ProfileRepoFixture r = ProfileRepoFixture.create(tmp.resolve("b.git"))) {
      r.profile("one", yaml("one")).file("one/README.md", "# One\n\nfirst\n")
          .file("one/README", "plain, not preferred\n")
          .profile("two", yaml("two")).file("two/readme.md", "# Two\n")
          .profile("three", yaml("three")).file("three/README", "Three\n")
          // A README elsewhere is not the profile's.
          .profile("four", yaml("four")).file("README.md", "# the repository\n")
          .file("four/docs/README.md", "# docs\n")
          .commit("all").tag("one/v1.0.0").tag("two/v1.0.0").tag("three/v1.0.0")
          .tag("four/v1.0.0");
      Map<String, CatalogEntry> byTag = scan(r);

      assertThat(byTag.get("one/v1.0.0").readme()).contains("# One\n\nfirst\n");
      assertThat(byTag.get("two/v1.0.0").readme()).contains("# Two\n");
      assertThat(byTag.get("three/v1.0.0").readme()).contains("Three\n");
      assertThat(byTag.get("four/v1.0.0").readme()).isEmpty();
    }
  }

  @Test
  void eachTagHasTheReadmeOfItsOwnCommit() throws Exception {
    try (ProfileRepoFixture r = ProfileRepoFixture.create(tmp.resolve("c.git"))) {
      r.profile("web", yaml("web")).file("web/README.md", "version one\n").commit("1")
          .tag("web/v1.0.0").file("web/README.md", "version two\n").commit("2")
          .tag("web/v2.0.0").remove("web/README.md").commit("3").tag("web/v3.0.0");
      Map<String, CatalogEntry> byTag = scan(r);

      assertThat(byTag.get("web/v1.0.0").readme()).contains("version one\n");
      assertThat(byTag.get("web/v2.0.0").readme()).contains("version two\n");
      assertThat(byTag.get("web/v3.0.0").readme()).isEmpty();
    }
  }

  @Test
  void identicalReadmesAndProfilesAreOneInstanceAcrossTags() throws Exception {
    try (ProfileRepoFixture r = ProfileRepoFixture.create(tmp.resolve("d.git"))) {
      r.profile("web", yaml("web")).file("web/README.md", "# Web\n\nshared text\n");
      for (int i = 0; i < 20; i++) {
        r.file("web/k/n.yaml", "n: " + i + "\n").commit("c" + i).tag("web/v1.0." + i);
      }
      Map<String, CatalogEntry> byTag = scan(r);

      assertThat(byTag).hasSize(20);
      CatalogEntry first = byTag.get("web/v1.0.0");
      for (CatalogEntry e : byTag.values()) {
        assertThat(e.readme().orElseThrow()).isSameAs(first.readme().orElseThrow());
        assertThat(e.artifacts().get(0)).isSameAs(first.artifacts().get(0));
      }
    }
  }

  @Test
  void aReadmeOverTheBoundIsCutAtACharacterBoundaryWithANote() throws Exception {
    // 3-byte characters so that the bound falls inside one.
    String big = "\u20ac".repeat(TagReader.MAX_README / 3 + 100);
    String exact = "x".repeat(TagReader.MAX_README);
    try (ProfileRepoFixture r = ProfileRepoFixture.create(tmp.resolve("e.git"))) {
      r.profile("big", yaml("big")).file("big/README.md", big)
          .profile("exact", yaml("exact")).file("exact/README.md", exact)
          .commit("big").tag("big/v1.0.0").tag("exact/v1.0.0");
      Map<String, CatalogEntry> byTag = scan(r);

      String cut = byTag.get("big/v1.0.0").readme().orElseThrow();
      assertThat(cut).endsWith(TagReader.README_TRUNCATED);
      String kept = cut.substring(0, cut.length() - TagReader.README_TRUNCATED.length());
      assertThat(kept).doesNotContain("\uFFFD").matches("\u20ac+");
      assertThat(kept.getBytes(StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(TagReader.MAX_README).isGreaterThan(TagReader.MAX_README - 3);
      assertThat(byTag.get("exact/v1.0.0").readme()).contains(exact);
    }
  }

  @Test
  void aReadmeThatIsNotARegularFileIsNoReadmeAndTheTagIsStillListed() throws Exception {
    try (ProfileRepoFixture r = ProfileRepoFixture.create(tmp.resolve("f.git"))) {
      r.profile("link", yaml("link")).symlink("link/README.md", "../../../etc/passwd")
          .profile("dir", yaml("dir")).file("dir/README.md/x", "a directory\n")
          .profile("bytes", yaml("bytes"))
          .file("bytes/README.md", new byte[] {(byte) 0x6f, (byte) 0x6b, (byte) 0xff})
          .commit("odd").tag("link/v1.0.0").tag("dir/v1.0.0").tag("bytes/v1.0.0");
      Map<String, CatalogEntry> byTag = scan(r);

      assertThat(byTag).containsOnlyKeys("link/v1.0.0", "dir/v1.0.0", "bytes/v1.0.0");
      assertThat(byTag.get("link/v1.0.0").readme()).isEmpty();
      assertThat(byTag.get("dir/v1.0.0").readme()).isEmpty();
      assertThat(byTag.get("bytes/v1.0.0").readme()).contains("ok\uFFFD");
    }
  }
}
