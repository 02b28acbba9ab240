package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.testing.git.GitOpsRepoFixture;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** {@code profiles render}: what add would write, printed; nothing written, anywhere. */
class CliRenderTest {
  private static final String DEPLOY = "inst/artifacts/web/m/deploy.yaml";

  @TempDir
  Path tmp;
  Path gitops;
  GitOpsRepoFixture gitopsRepo;
  ProfileRepoFixture upstream;

  @BeforeEach
  void setUp() {
    gitops = tmp.resolve("gitops");
    gitopsRepo = GitOpsRepoFixture.create(gitops).withUser("Ops", "ops@example.com");
    upstream = ProfileRepoFixture.create(tmp.resolve("upstream.git"));
    upstream.file("app/m/deploy.yaml", "replicas: 1\nport: 80\nimage: app:1.0\n")
        .file("app/m/svc.yaml", "port: 80\n")
        .profile("app", ProfileYamls.profile("app").kustomize("web", "m").toYaml())
        .commit("v1").tag("app/v1.0.0");
  }

  @AfterEach
  void tearDown() {
    upstream.close();
    gitopsRepo.close();
  }

  private Cli.Run run(String... args) {
    return Cli.run(tmp.resolve("cache"), Map.of(), List.of(), args);
  }

  private Cli.Run render(String... more) {
    List<String> args = new ArrayList<>(List.of("render", "--name", "inst", "--profile-repo-url",
        upstream.url(), "--profile-tag", "app/v1.0.0", "--profile-path", "app"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  /** The files of a YAML stream printed by render, by their '# Source:' path. */
  private static Map<String, String> sources(String stream) {
    Map<String, String> files = new TreeMap<>();
    String[] chunks = stream.split("(?m)^---\n# Source: ", -1);
    assertThat(chunks[0]).as("nothing before the first document").isEmpty();
    for (int i = 1; i < chunks.length; i++) {
      int nl = chunks[i].indexOf('\n');
      files.put(chunks[i].substring(0, nl), chunks[i].substring(nl + 1));
    }
    return files;
  }

  /** Every file add wrote, by repository-relative path (the GitOps repository's own excluded). */
  private Map<String, String> written(Map<String, String> before) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (var walk = Files.walk(gitops)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String rel = gitops.relativize(p).toString();
        if (Files.isRegularFile(p) && !rel.startsWith(".git/") && !before.containsKey(rel)) {
          files.put(rel, Files.readString(p));
        }
      }
    }
    return files;
  }

  @Test
  void renderPrintsExactlyWhatAddThenWritesAndWritesNothingItself() throws Exception {
    assertThat(run("bootstrap", "--git-repository", "flux-system/flux-system",
        gitops.toString()).code()).isZero();
    Map<String, String> before = Cli.tree(gitops);
    Cli.Run r = render("--git-dir", gitops.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Cli.tree(gitops)).as("the GitOps repository, .git included").isEqualTo(before);
    assertThat(r.out()).startsWith("---\n# Source: inst/artifacts/web/kustomization.yaml\n")
        .contains("\n---\n# Source: " + DEPLOY + "\nreplicas: 1\nport: 80\nimage: app:1.0\n"
            + "---\n# Source: ");
    Map<String, String> shown = sources(r.out());
    assertThat(shown).containsKeys(DEPLOY, "inst/profile-installation.yaml");

    Cli.Run add = run("add", "--name", "inst", "--profile-repo-url", upstream.url(),
        "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--git-dir", gitops.toString());
    assertThat(add.code()).as(add.err()).isZero();
    assertThat(written(before)).isEqualTo(shown);
  }

  @Test
  void listPrintsThePathsAddWrites() throws Exception {
    assertThat(run("bootstrap", "--git-repository", "flux-system/flux-system",
        gitops.toString()).code()).isZero();
    Cli.Run list = render("--git-dir", gitops.toString(), "--list");
    assertThat(list.code()).as(list.err()).isZero();
    Cli.Run add = run("add", "--name", "inst", "--profile-repo-url", upstream.url(),
        "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--git-dir", gitops.toString());
    assertThat(add.code()).as(add.err()).isZero();
    List<String> written;
    try (var walk = java.nio.file.Files.walk(gitops.resolve("inst"))) {
      written = walk.filter(java.nio.file.Files::isRegularFile)
          .map(p -> gitops.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
    assertThat(list.out().lines().toList()).isEqualTo(written).contains(DEPLOY);
  }

  @Test
  void withoutAGitDirNoRepositoryIsOpenedOrCreated() {
    Path cwdLike = tmp.resolve("not-a-repo");
    Cli.Run r = render("--git-repository", "flux-system/flux-system", "--namespace", "web");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(sources(r.out())).containsKey(DEPLOY);
    assertThat(r.out()).contains("namespace: web");
    assertThat(cwdLike).doesNotExist();
    assertThat(Path.of("inst")).doesNotExist();
  }

  @Test
  void aGitDirThatIsNotARepositoryFailsAndStaysAsItWas() throws Exception {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    Files.writeString(plain.resolve("keep.txt"), "mine\n");
    Map<String, String> before = Cli.tree(plain);
    Cli.Run r = render("--git-dir", plain.toString());
    assertThat(r.code()).isEqualTo(Main.ERROR);
    assertThat(r.err()).startsWith("error: ");
    assertThat(r.err().lines()).hasSize(1);
    assertThat(Cli.tree(plain)).isEqualTo(before);

    Path missing = tmp.resolve("missing");
    Cli.Run m = render("--git-dir", missing.toString());
    assertThat(m.code()).isEqualTo(Main.ERROR);
    assertThat(missing).doesNotExist();
  }

  @Test
  void jsonAndYamlCarryTheSameFilesAsTheStream() {
    Cli.Run text = render("--git-repository", "flux-system/flux-system");
    Cli.Run json = render("--git-repository", "flux-system/flux-system", "-o", "json");
    Cli.Run yaml = render("--git-repository", "flux-system/flux-system", "-o", "yaml");
    assertThat(json.code()).as(json.err()).isZero();
    assertThat(yaml.code()).as(yaml.err()).isZero();
    Load load = new Load(LoadSettings.builder().build());
    @SuppressWarnings("unchecked")
    Map<String, Object> j = (Map<String, Object>) load.loadFromString(json.out());
    @SuppressWarnings("unchecked")
    Map<String, Object> y = (Map<String, Object>) load.loadFromString(yaml.out());
    assertThat(y).isEqualTo(j);
    assertThat(j).containsEntry("name", "inst").containsEntry("namespace", "default")
        .containsEntry("directory", "inst").containsKey("profileCommit")
        .containsEntry("warnings", List.of());
    Map<String, String> files = new TreeMap<>();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list = (List<Map<String, Object>>) j.get("files");
    for (Map<String, Object> f : list) {
      String content = (String) f.get("content");
      files.put((String) f.get("path"), content);
      assertThat(f.get("size")).isEqualTo(content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
    assertThat(files).isEqualTo(sources(text.out()));
    assertThat(j.get("profileCommit")).isEqualTo(upstream.lastCommit());
  }

  @Test
  void usageErrorsNameTheFlag() {
    Cli.Run noRepo = render();
    assertThat(noRepo.code()).isEqualTo(Main.USAGE);
    assertThat(noRepo.err()).contains("--git-repository=NS/NAME").contains("--git-dir");
    Cli.Run listJson = render("--git-repository", "a/b", "--list", "-o", "json");
    assertThat(listJson.code()).isEqualTo(Main.USAGE);
    assertThat(listJson.err()).contains("--list").contains("-o json");
    Cli.Run badFormat = render("--git-repository", "a/b", "-o", "xml");
    assertThat(badFormat.code()).isEqualTo(Main.USAGE);
    assertThat(badFormat.err()).contains("'--output'").contains("[text, json, yaml]");
    Cli.Run badRef = render("--git-repository", "no-slash");
    assertThat(badRef.code()).isEqualTo(Main.USAGE);
    assertThat(badRef.err()).contains("'--git-repository'").contains("NAMESPACE/NAME");
    Cli.Run badCatalog = run("render", "team/", "--git-repository", "a/b");
    assertThat(badCatalog.code()).isEqualTo(Main.USAGE);
    assertThat(badCatalog.err()).contains("CATALOG/PROFILE[/VERSION]").contains("'team/'");
    Cli.Run both = run("render", "team/app", "--profile-repo-url", upstream.url(),
        "--git-repository", "a/b");
    assertThat(both.code()).isEqualTo(Main.USAGE);
    assertThat(both.err()).contains("not both");
  }

  @Test
  void aBadProfileYamlIsOneLocatedLine() {
    upstream.profile("app", "apiVersion: weave.works/v1alpha1\nkind: Profile\nmetadata:\n"
        + "  name: app\nspec:\n  artifacts:\n    - name: web\n      kustomize: [unclosed\n")
        .commit("broken syntax").tag("app/v1.0.1");
    upstream.profile("app", "apiVersion: weave.works/v1alpha1\nkind: Profile\nmetadata:\n"
        + "  name: app\nspec:\n  artifacts:\n    - name: web\n      kustomize:\n"
        + "        path: m\n      replicas: three\n")
        .commit("unknown field").tag("app/v1.0.2");
    for (String tag : new String[] {"app/v1.0.1", "app/v1.0.2"}) {
      Cli.Run r = run("render", "--name", "inst", "--profile-repo-url", upstream.url(),
          "--profile-tag", tag, "--profile-path", "app", "--git-repository", "a/b");
      assertThat(r.code()).as(r.err()).isEqualTo(Main.ERROR);
      assertThat(r.out()).isEmpty();
      assertThat(r.err().lines().filter(l -> l.startsWith("error: "))).hasSize(1);
      assertThat(r.err().lines().reduce((a, b) -> b).orElseThrow()).startsWith("error: ")
          .containsPattern("app/profile\\.yaml:\\d+:\\d+: ");
      Cli.Run quiet = run("render", "--name", "inst", "--profile-repo-url", upstream.url(),
          "--profile-tag", tag, "--profile-path", "app", "--git-repository", "a/b",
          "--no-progress");
      assertThat(quiet.err().lines()).hasSize(1);
    }
  }

  @Test
  void anExistingInstallationIsRefusedAsAddWouldRefuseIt() throws Exception {
    assertThat(run("bootstrap", "--git-repository", "flux-system/flux-system",
        gitops.toString()).code()).isZero();
    assertThat(run("add", "--name", "inst", "--profile-repo-url", upstream.url(),
        "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--git-dir",
        gitops.toString()).code()).isZero();
    Map<String, String> before = Cli.tree(gitops);
    Cli.Run r = render("--git-dir", gitops.toString(), "--no-progress");
    assertThat(r.code()).isEqualTo(Main.ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("error: ").contains("inst");
    assertThat(Cli.tree(gitops)).isEqualTo(before);
    // Another name renders beside it; the --out directory is honoured.
    Cli.Run other = run("render", "--name", "second", "--profile-repo-url", upstream.url(),
        "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--git-dir", gitops.toString(),
        "--out", "apps", "--list");
    assertThat(other.code()).as(other.err()).isZero();
    assertThat(other.out().lines()).isNotEmpty()
        .allSatisfy(l -> assertThat(l).startsWith("apps/second/"));
    assertThat(Cli.tree(gitops)).isEqualTo(before);
  }

  @Test
  void aFileThatIsNotUtf8IsNamedButNotShown() {
    byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3};
    upstream.file("app/m/blob.bin", binary).commit("binary").tag("app/v1.1.0");
    Cli.Run r = run("render", "--name", "inst", "--profile-repo-url", upstream.url(),
        "--profile-tag", "app/v1.1.0", "--profile-path", "app", "--git-repository", "a/b");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("---\n# Source: inst/artifacts/web/m/blob.bin (6 bytes, not"
        + " UTF-8: not shown)\n---\n# Source: inst/artifacts/web/m/deploy.yaml\n");
    Cli.Run json = run("render", "--name", "inst", "--profile-repo-url", upstream.url(),
        "--profile-tag", "app/v1.1.0", "--profile-path", "app", "--git-repository", "a/b",
        "-o", "json");
    assertThat(json.out()).contains("\"path\": \"inst/artifacts/web/m/blob.bin\",\n"
        + "      \"content\": null,\n      \"size\": 6\n");
  }
}
