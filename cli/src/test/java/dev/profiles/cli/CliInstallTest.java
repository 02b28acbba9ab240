package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.flux.catalog.CatalogInstallation;
import dev.profiles.testing.git.GitOpsRepoFixture;
import dev.profiles.testing.git.RepoState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code profiles install} against a real local GitOps repository. */
class CliInstallTest {
  static final String IMAGE = "registry.example.com/platform/profiles-catalog-controller";
  static final String DIR = CatalogInstallation.DEFAULT_DIRECTORY;

  @TempDir
  Path tmp;
  Path gitops;
  GitOpsRepoFixture repo;

  record Run(int code, String out, String err) {}

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--cache-dir=" + tmp.resolve("cache"));
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(all.toArray(String[]::new), o, e, Map.of());
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Run install(String... extra) {
    List<String> args = new ArrayList<>(List.of("install", "--image", IMAGE, "--version",
        "v0.1.0", "--git-dir", gitops.toString()));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  @BeforeEach
  void setUp() {
    gitops = tmp.resolve("gitops");
    repo = GitOpsRepoFixture.create(gitops).withUser("Ops", "ops@example.com");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private List<RevCommit> history() throws Exception {
    List<RevCommit> commits = new ArrayList<>();
    repo.git().log().call().forEach(commits::add);
    return commits;
  }

  @Test
  void installCommitsTheCatalogDirectoryOnceAndASecondInstallCommitsNothing() throws Exception {
    Run r = install();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("installed the profiles catalog (" + IMAGE + ":v0.1.0) in "
        + DIR).contains("Kustomization flux-system/profiles-catalog");
    List<RevCommit> commits = history();
    assertThat(commits).hasSize(2);
    assertThat(commits.get(0).getShortMessage()).startsWith("Install the profiles catalog");
    assertThat(commits.get(0).getAuthorIdent().getName()).isEqualTo("Ops");
    // Exactly the rendered files, committed, and the working tree clean.
    var expected = CatalogInstallation.builder().image(IMAGE).version("v0.1.0").build()
        .render();
    for (String path : expected.paths()) {
      assertThat(Files.readAllBytes(gitops.resolve(path))).as(path)
          .isEqualTo(expected.bytes(path).orElseThrow());
    }
    assertThat(repo.git().status().call().isClean()).isTrue();
    RepoState after = repo.state();

    Run again = install();
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains("up to date; nothing to commit");
    assertThat(repo.state()).isEqualTo(after);
  }

  @Test
  void otherSettingsAreRefusedClearlyUntilReplaceIsAsked() throws Exception {
    assertThat(install().code()).isZero();
    RepoState before = repo.state();
    Run refused = install("--replicas", "3");
    assertThat(refused.code()).isEqualTo(Main.ERROR);
    assertThat(refused.err()).contains(DIR + " exists with other content");
    assertThat(repo.state()).isEqualTo(before);

    Run replaced = install("--replicas", "3", "--network-policy", "--replace");
    assertThat(replaced.code()).as(replaced.err()).isZero();
    assertThat(history()).hasSize(3);
    assertThat(Files.readString(gitops.resolve(DIR + "/manifests/deployment.yaml")))
        .contains("replicas: 3");
    assertThat(gitops.resolve(DIR + "/manifests/networkpolicy.yaml")).exists();
  }

  @Test
  void aDryRunPrintsTheFilesAndWritesNothing() throws Exception {
    RepoState before = repo.state();
    Run r = install("--dry-run", "--replicas", "1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("# " + DIR + "/profiles-catalog.yaml\n")
        .contains("# " + DIR + "/manifests/deployment.yaml\n")
        .contains("kind: Deployment").contains("replicas: 1")
        .contains("image: " + IMAGE + ":v0.1.0")
        .contains("# dry run: 14 files, nothing written");
    assertThat(repo.state()).isEqualTo(before);
  }

  @Test
  void theNamespacesAndDirectoryAreOptions() throws Exception {
    Run r = install("--flux-namespace", "gitops", "--namespace", "catalog", "--out",
        "clusters/prod/catalog", "--git-repository", "gitops/cluster", "--watch-namespaces",
        "team-a,team-b");
    assertThat(r.code()).as(r.err()).isZero();
    String flux = Files.readString(gitops.resolve("clusters/prod/catalog/profiles-catalog.yaml"));
    assertThat(flux).contains("namespace: gitops").contains("name: cluster")
        .contains("path: ./clusters/prod/catalog/manifests");
    Path m = gitops.resolve("clusters/prod/catalog/manifests");
    assertThat(Files.readString(m.resolve("service.yaml"))).contains("namespace: catalog");
    assertThat(m.resolve("reader-role-team-a.yaml")).exists();
    assertThat(m.resolve("clusterrole.yaml")).doesNotExist();
    assertThat(gitops.resolve(DIR)).doesNotExist();
  }

  @Test
  void badOptionsExit2NamingTheOptionAndWriteNothing() throws Exception {
    RepoState before = repo.state();
    Run noImage = run("install", "--git-dir", gitops.toString());
    assertThat(noImage.code()).isEqualTo(Main.USAGE);
    assertThat(noImage.err()).contains("--image");
    for (String[] bad : List.of(new String[] {"--replicas", "0"},
        new String[] {"--flux-namespace", "Flux_System"}, new String[] {"--out", "../up"},
        new String[] {"--version", "latest"}, new String[] {"--git-repository", "nonsense"},
        new String[] {"--replicas", "many"})) {
      Run r = install(bad);
      assertThat(r.code()).as(String.join(" ", bad) + ": " + r.err()).isEqualTo(Main.USAGE);
      assertThat(r.err()).as(r.err()).containsAnyOf(bad[0].substring(2),
          bad[0].substring(2).replace("-n", "N"), "'" + bad[0] + "'");
    }
    Run tagged = run("install", "--image", IMAGE + ":latest", "--git-dir", gitops.toString());
    assertThat(tagged.code()).isEqualTo(Main.USAGE);
    assertThat(tagged.err()).contains("image").contains("latest");
    assertThat(repo.state()).isEqualTo(before);
  }

  @Test
  void uncommittedChangesInTheDirectoryAreRefused() throws Exception {
    assertThat(install().code()).isZero();
    Files.writeString(gitops.resolve(DIR + "/manifests/service.yaml"), "edited: true\n");
    RepoState before = repo.state();
    Run r = install("--replicas", "3", "--replace");
    assertThat(r.code()).isEqualTo(Main.ERROR);
    assertThat(r.err()).contains("uncommitted changes").contains("service.yaml");
    assertThat(repo.state()).isEqualTo(before);
  }

  @Test
  void withoutAConfiguredUserTheInstallIsRefusedAndWritesNothing() throws Exception {
    Path bare = tmp.resolve("anonymous");
    SystemReader previous = SystemReader.getInstance();
    Path home = tmp.resolve(".no-home");
    SystemReader.setInstance(new SystemReader.Delegate(previous) {
      @Override
      public FileBasedConfig openUserConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, home.resolve("gitconfig").toFile(), fs);
      }

      @Override
      public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, home.resolve("system").toFile(), fs);
      }

      @Override
      public FileBasedConfig openJGitConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, home.resolve("jgit").toFile(), fs);
      }

      @Override
      public String getenv(String variable) {
        return variable.startsWith("GIT_") || variable.equals("EMAIL") ? null
            : super.getenv(variable);
      }
    });
    try (GitOpsRepoFixture anonymous = GitOpsRepoFixture.create(bare)) {
      RepoState before = anonymous.state();
      Run r = run("install", "--image", IMAGE + ":v1", "--git-dir", bare.toString());
      assertThat(r.code()).isEqualTo(Main.ERROR);
      assertThat(r.err()).contains("no configured user").contains("user.name")
          .contains(": set it with git config user.name NAME and git config user.email EMAIL"
              + " (in the repository, or --global); commits are never authored by an invented"
              + " identity").doesNotContain("Signature.of").hasLineCount(1);
      assertThat(anonymous.state()).isEqualTo(before);
    } finally {
      SystemReader.setInstance(previous);
    }
  }
}
