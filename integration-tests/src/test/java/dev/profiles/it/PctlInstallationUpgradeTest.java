package dev.profiles.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.install.ListResult;
import dev.profiles.core.install.UpgradeResult;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.testing.git.RepoState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades of an installation written by the original pctl (files as pctl v0.11.0 wrote them,
 * in {@code src/test/resources/pctl-installed}), from weaveworks-nginx/v0.1.0 to v0.1.1 of a
 * loopback copy of the public profiles-examples repository: no conflicts, no retired Flux API
 * version left anywhere (nested references included), nothing of pctl's formatting left where
 * the user did not edit, and the user's real edits kept.
 */
class PctlInstallationUpgradeTest {
  private static final String PUBLIC = "https://github.com/weaveworks/profiles-examples";
  private static final String DIR = "pctl-profile";
  private static final String A = DIR + "/artifacts/";
  private static final Pattern RETIRED_FLUX_API =
      Pattern.compile("toolkit\\.fluxcd\\.io/v\\d+(alpha|beta)\\d+");

  @TempDir
  Path tmp;
  private GitOpsFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new GitOpsFixture(tmp, true);
    publishProfilesExamples();
  }

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  /**
   * weaveworks-nginx v0.1.0 and v0.1.1 and bitnami-nginx v0.0.1 and v0.0.2 as in
   * weaveworks/profiles-examples (the nested source pointed at this copy; {@code spec.name},
   * which those tags also carry, left out until historical fields are accepted).
   */
  private void publishProfilesExamples() throws Exception {
    String chart = "bitnami-nginx/nginx/chart/";
    Map<String, String> chartFiles = resources(
        A + "nested-profile/nginx-server/helm-chart/nginx/chart");
    chartFiles.forEach((p, c) -> f.upstream.file(chart + p, c));
    String deployment = resource(A + "nginx-deployment/nginx/deployment/deployment.yaml");
    f.upstream.file("weaveworks-nginx/nginx/deployment/deployment.yaml", deployment)
        .profile("bitnami-nginx", bitnami(""))
        .profile("weaveworks-nginx", weaveworks("bitnami-nginx/v0.0.1", ""))
        .commit("v0.1.0").tag("bitnami-nginx/v0.0.1").tag("weaveworks-nginx/v0.1.0");
    f.upstream.file("weaveworks-nginx/nginx/deployment/deployment.yaml",
            deployment.replace("replicas: 2", "replicas: 3"))
        .profile("bitnami-nginx", bitnami("""
                    defaultValues: |
                      replicaCount: 3
            """))
        .profile("weaveworks-nginx", weaveworks("bitnami-nginx/v0.0.2", """
                - name: dependon-chart
                  chart:
                    url: https://charts.bitnami.com/bitnami
                    name: redis
                    version: "14.6.1"
                    defaultValues: |
                      master:
                        persistence:
                          enabled: false
                      replica:
                        replicaCount: 0
                  dependsOn:
                    - name: nginx-deployment
                    - name: nginx-chart
                    - name: nested-profile
            """))
        .commit("v0.1.1").tag("bitnami-nginx/v0.0.2").tag("weaveworks-nginx/v0.1.1");
  }

  private static String bitnami(String extra) {
    return """
        apiVersion: weave.works/v1alpha1
        kind: ProfileDefinition
        metadata:
          name: bitnami-nginx
        spec:
          description: Profile for deploying local nginx chart
          maintainer: weaveworks
          prerequisites:
            - "kubernetes 1.19"
          artifacts:
            - name: nginx-server
              chart:
                path: nginx/chart
        """ + extra;
  }

  private String weaveworks(String nestedTag, String extra) {
    return """
        apiVersion: weave.works/v1alpha1
        kind: ProfileDefinition
        metadata:
          name: weaveworks-nginx
        spec:
          description: Profile for deploying nginx
          maintainer: weaveworks
          prerequisites:
            - "kubernetes 1.19"
          artifacts:
            - name: nested-profile
              profile:
                source:
                  url: %s
                  tag: %s
            - name: nginx-deployment
              kustomize:
                path: nginx/deployment
            - name: nginx-chart
              chart:
                url: https://charts.bitnami.com/bitnami
                name: nginx
                version: "9.3.0"
                defaultValues: |
                  service:
                    type: ClusterIP
        """.formatted(f.url(), nestedTag) + extra;
  }

  /** Commits the installation exactly as pctl wrote it (the catalog URL pointed at the copy). */
  private void pctlInstalls() throws Exception {
    resources(DIR).forEach((path, content) -> write(DIR + "/" + path,
        content.replace(PUBLIC, f.url())));
    commitAll("pctl add pctl-profile");
  }

  private void write(String path, String content) {
    try {
      RepoState.write(f.gitops.resolve(path), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void commitAll(String message) throws Exception {
    try (Git git = Git.open(f.gitops.toFile())) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage(message).setAuthor("u", "u@example.com")
          .setCommitter("u", "u@example.com").setSign(false).call();
    }
  }

  private UpgradeResult upgrade() throws Exception {
    return f.profiles.upgrade(f.repo).author(GitOpsFixture.BOT).installation(DIR)
        .toVersion("v0.1.1").call();
  }

  /** What this SDK installs for v0.1.1, from scratch, in another repository. */
  private Map<String, String> freshInstallOfV011() throws Exception {
    try (GitOpsFixture scratch = new GitOpsFixture(tmp.resolve("scratch"), true)) {
      scratch.profiles.install(scratch.repo).name(DIR).configMap("pctl-profile-values")
          .source(ProfileSource.builder().url(f.url()).tag("weaveworks-nginx/v0.1.1")
              .path("weaveworks-nginx").build())
          .call();
      return tree(scratch.gitops.resolve(DIR));
    }
  }

  @Test
  void anUneditedPctlInstallationUpgradesToExactlyWhatAFreshInstallWrites() throws Exception {
    pctlInstalls();
    ListResult listed = f.profiles.list(f.repo).call();
    assertThat(listed.problems()).isEmpty();
    assertThat(listed.installations()).singleElement().satisfies(i -> assertThat(
        i.installation().catalog().orElseThrow().version()).isEqualTo("v0.1.0"));

    UpgradeResult r = upgrade();

    assertThat(r.conflicts()).isEmpty();
    assertThat(r.commit()).isPresent();
    Map<String, String> upgraded = tree(f.gitops.resolve(DIR));
    Map<String, String> fresh = freshInstallOfV011();
    // Only the record differs: it keeps the catalog this installation came from.
    upgraded.remove("profile-installation.yaml");
    fresh.remove("profile-installation.yaml");
    assertThat(upgraded).isEqualTo(fresh);
    assertNothingOfPctlLeft(tree(f.gitops.resolve(DIR)));
    try (Git git = Git.open(f.gitops.toFile())) {
      assertThat(git.status().call().isClean()).isTrue();
    }
  }

  @Test
  void realEditsOfAPctlInstallationSurviveTheUpgrade() throws Exception {
    pctlInstalls();
    String release = A + "nginx-chart/helm-chart/HelmRelease.yaml";
    String deployment = A + "nginx-deployment/nginx/deployment/deployment.yaml";
    String repository = A + "nginx-chart/helm-chart/HelmRepository.yaml";
    // The user tunes the release, pins a newer image, and points the chart at a mirror
    // (with a comment, so that file keeps its text).
    write(release, read(release).replace("status: {}\n", "")
        + "  values:\n    replicaCount: 5\n");
    write(release, read(release).replace("interval: 5m0s", "interval: 10m"));
    write(deployment, read(deployment).replace("nginx:1.14.2", "nginx:1.25.3"));
    write(repository, read(repository).replace("  url: https://charts.bitnami.com/bitnami",
        "  # our mirror\n  url: https://charts.mirror.example.com/bitnami"));
    commitAll("tune nginx");

    UpgradeResult r = upgrade();

    assertThat(r.conflicts()).isEmpty();
    assertThat(r.commit()).isPresent();
    assertThat(read(release)).isEqualTo("""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: pctl-profile-nginx-chart
          namespace: default
        spec:
          chart:
            spec:
              chart: nginx
              sourceRef:
                kind: HelmRepository
                name: pctl-profile-nginx-chart
                namespace: default
              version: "9.3.0"
          interval: 10m
          releaseName: nginx-chart
          valuesFrom:
          - kind: ConfigMap
            name: pctl-profile-nginx-chart-defaultvalues
            valuesKey: default-values.yaml
          - kind: ConfigMap
            name: pctl-profile-values
            valuesKey: nginx-chart
          values:
            replicaCount: 5
        """);
    // Upstream's change (replicas 2 -> 3) and the user's (the image) both arrive.
    assertThat(read(deployment)).contains("replicas: 3").contains("image: nginx:1.25.3");
    assertThat(read(repository)).contains("# our mirror\n")
        .contains("url: https://charts.mirror.example.com/bitnami")
        .contains("apiVersion: source.toolkit.fluxcd.io/v1\n");
    Map<String, String> files = tree(f.gitops.resolve(DIR));
    assertThat(files).noneSatisfy((path, text) ->
        assertThat(RETIRED_FLUX_API.matcher(text).find()).as(path).isTrue());
    // The new version's artifact and the nested profile's new default values arrived.
    assertThat(files).containsKeys("artifacts/dependon-chart/kustomize-flux.yaml",
        "artifacts/nested-profile/nginx-server/helm-chart/ConfigMap.yaml");
    assertThat(files.get("artifacts/dependon-chart/kustomize-flux.yaml"))
        .contains("- name: pctl-profile-nginx-deployment\n")
        .contains("- name: pctl-profile-nginx-server\n");
  }

  @Test
  void retiredApiVersionsNestedAnywhereInAGeneratedFileAreMigrated() throws Exception {
    pctlInstalls();
    String flux = A + "nginx-deployment/kustomize-flux.yaml";
    // What a user of pctl's day might have added to a generated Kustomization.
    write(flux, read(flux).replace("status: {}\n", "") + """
          patches:
          - patch: |
              apiVersion: helm.toolkit.fluxcd.io/v2beta1
              kind: HelmRelease
              metadata:
                name: x
            target:
              group: helm.toolkit.fluxcd.io
              kind: HelmRelease
              version: v2beta1
          dependsOn:
          - name: pctl-profile-nginx-chart
            namespace: default
        """.indent(0));
    commitAll("patch");

    UpgradeResult r = upgrade();

    assertThat(r.conflicts()).isEmpty();
    String text = read(flux);
    assertThat(RETIRED_FLUX_API.matcher(text).find()).as(text).isFalse();
    assertThat(text).contains("apiVersion: kustomize.toolkit.fluxcd.io/v1\n")
        .contains("apiVersion: helm.toolkit.fluxcd.io/v2\n").contains("version: v2\n")
        .contains("- name: pctl-profile-nginx-chart\n").doesNotContain("5m0s")
        .doesNotContain("creationTimestamp");
  }

  private static void assertNothingOfPctlLeft(Map<String, String> files) {
    files.forEach((path, text) -> {
      assertThat(RETIRED_FLUX_API.matcher(text).find()).as(path).isFalse();
      assertThat(text).as(path).doesNotContain("5m0s").doesNotContain("creationTimestamp")
          .doesNotContain("status: {}").doesNotContain("interval: 0s");
    });
  }

  private String read(String path) throws IOException {
    return Files.readString(f.gitops.resolve(path));
  }

  private static Map<String, String> tree(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString().replace('\\', '/'),
            Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static Path resourceDir(String path) {
    try {
      return Path.of(PctlInstallationUpgradeTest.class.getResource("/pctl-installed/" + path)
          .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> resources(String dir) throws IOException {
    return tree(resourceDir(dir));
  }

  private static String resource(String path) throws IOException {
    return Files.readString(resourceDir(path));
  }
}
