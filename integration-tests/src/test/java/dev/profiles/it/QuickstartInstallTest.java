package dev.profiles.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.install.InstallResult;
import dev.profiles.core.install.Installation;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.examples.Quickstart;
import dev.profiles.flux.FluxRenderer;
import dev.profiles.flux.ManifestValidator;
import dev.profiles.git.GitProfiles;
import dev.profiles.testing.junit.Prerequisites;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart, run for real: spec §4 layout, schema-valid objects, one commit, determinism. */
class QuickstartInstallTest {
  @TempDir
  Path tmp;

  private InstallResult runQuickstart(Path work) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InstallResult result = Quickstart.run(work, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Installed nginx/v0.1.0")
        .contains("profile-installation.yaml").contains("Profiles-Installation: my-nginx");
    return result;
  }

  @Test
  void installsTheSpecLayoutInOneCommit() throws Exception {
    InstallResult result = runQuickstart(tmp);
    Path gitops = tmp.resolve("gitops");

    assertThat(result.directory()).isEqualTo("my-nginx");
    assertThat(result.files().paths()).contains(
        "my-nginx/profile-installation.yaml",
        "my-nginx/artifacts/nginx-server/kustomization.yaml",
        "my-nginx/artifacts/nginx-server/kustomize-flux.yaml",
        "my-nginx/artifacts/nginx-server/helm-chart/HelmRelease.yaml",
        "my-nginx/artifacts/nginx-server/helm-chart/HelmRepository.yaml",
        "my-nginx/artifacts/nginx-server/helm-chart/ConfigMap.yaml",
        "my-nginx/artifacts/local-chart/helm-chart/kustomization.yaml",
        "my-nginx/artifacts/local-chart/helm-chart/charts/mychart/Chart.yaml",
        "my-nginx/artifacts/crds/manifests/crds/widgets.yaml",
        "my-nginx/artifacts/base/namespace/manifests/namespace.yaml");
    assertThat(result.files().paths()).noneMatch(p -> p.endsWith("local-chart/helm-chart/HelmRepository.yaml"));

    String flux = Files.readString(gitops.resolve("my-nginx/artifacts/nginx-server/kustomize-flux.yaml"));
    assertThat(flux).contains("apiVersion: kustomize.toolkit.fluxcd.io/v1")
        .contains("name: my-nginx-nginx-server").contains("namespace: default")
        .contains("path: ./my-nginx/artifacts/nginx-server/helm-chart")
        .contains("name: my-nginx-crds").contains("name: flux-system");
    String base = Files.readString(gitops.resolve("my-nginx/artifacts/base/namespace/kustomize-flux.yaml"));
    assertThat(base).contains("name: my-nginx-namespace").contains("name: my-nginx-crds");
    String release = Files.readString(gitops.resolve("my-nginx/artifacts/nginx-server/helm-chart/HelmRelease.yaml"));
    assertThat(release).contains("apiVersion: helm.toolkit.fluxcd.io/v2")
        .contains("releaseName: nginx-server").contains("name: my-nginx-nginx-server-defaultvalues");

    // Every object validates against the vendored CRDs.
    assertThat(ManifestValidator.bundled().validate(result.files())).isEmpty();

    try (Git git = Git.open(gitops.toFile())) {
      List<RevCommit> log = new ArrayList<>();
      git.log().call().forEach(log::add);
      assertThat(log).hasSize(3); // initial, bootstrap, install
      assertThat(log.get(0).getFullMessage()).startsWith("Install profile nginx (nginx/v0.1.0) as my-nginx");
      assertThat(git.status().call().isClean()).isTrue();
      try (var diff = new org.eclipse.jgit.diff.DiffFormatter(org.eclipse.jgit.util.io.DisabledOutputStream.INSTANCE)) {
        diff.setRepository(git.getRepository());
        assertThat(diff.scan(log.get(1).getTree(), log.get(0).getTree()))
            .hasSize(result.files().size());
      }
    }
  }

  @Test
  void renderingTwiceGivesIdenticalBytes() throws Exception {
    InstallResult first = runQuickstart(tmp.resolve("a"));
    InstallResult second = runQuickstart(tmp.resolve("b"));
    // Different temporary directories mean different upstream URLs in the record and the
    // nested source; everything else must be byte for byte the same.
    RenderedFiles a = first.files();
    RenderedFiles b = second.files();
    assertThat(a.paths()).isEqualTo(b.paths());
    String urlA = tmp.resolve("a").toUri().toString();
    String urlB = tmp.resolve("b").toUri().toString();
    for (String path : a.paths()) {
      assertThat(a.text(path).orElseThrow().replace(urlA, "URL"))
          .as(path).isEqualTo(b.text(path).orElseThrow().replace(urlB, "URL"));
    }

    try (GitProfiles git = GitProfiles.builder().cacheDirectory(tmp.resolve("a/cache")).build()) {
      var profile = git.asResolver().resolve(first.installation().source());
      Installation inst = Installation.at(first.directory());
      RenderedFiles artifacts = new FluxRenderer().render(
          inst.request(first.installation(), profile));
      assertThat(artifacts.paths()).allMatch(p -> p.startsWith("artifacts/"));
      assertThat(inst.place(first.installation(), artifacts)).isEqualTo(first.files());
    }
  }

  @Test
  void everyGeneratedKustomizationBuildsWithKubectlKustomize() throws Exception {
    boolean kubectl = Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(d -> Files.isExecutable(Path.of(d, "kubectl")));
    Prerequisites.require(kubectl, "kubectl not on PATH (apt-get install kubernetes-client):"
        + " needed for the kustomize build check");
    InstallResult result = runQuickstart(tmp);
    Path gitops = tmp.resolve("gitops");
    List<String> dirs = result.files().paths().stream()
        .filter(p -> p.endsWith("/kustomization.yaml") && !p.contains("/manifests/"))
        .map(p -> p.substring(0, p.lastIndexOf('/'))).toList();
    assertThat(dirs).hasSizeGreaterThanOrEqualTo(5);
    for (String dir : dirs) {
      Process p = new ProcessBuilder("kubectl", "kustomize", gitops.resolve(dir).toString())
          .redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(dir + ":\n" + output).isZero();
      assertThat(output).contains("kind:");
    }
  }
}
