package dev.profiles.cli;

import dev.profiles.testing.git.GitOpsRepoFixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.yaml.ProfileYaml;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Main} run in-process against real local git repositories and a catalog server. */
class CliTest {
  private static final String DEPLOY = "inst/artifacts/web/m/deploy.yaml";
  private static final String TOKEN = "s3cr3t-token-value";

  @TempDir
  Path tmp;
  Path gitops;
  GitOpsRepoFixture gitopsRepo;
  ProfileRepoFixture upstream;

  record Run(int code, String out, String err) {}

  static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        ports: [{port: 80}]
      """;

  /** A real Deployment (kustomize builds it): one field per line, so merges stay local. */
  static String deployment(int replicas, String image) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: %d
          template:
            spec:
              containers:
              - name: web
                ports:
                - containerPort: 80
                image: %s
        """.formatted(replicas, image);
  }

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--cache-dir=" + tmp.resolve("cache"));
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(all.toArray(String[]::new), o, e, Map.of("GIT_TOKEN", TOKEN));
    }
    Run r = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    assertThat(r.out() + r.err()).doesNotContain(TOKEN);
    return r;
  }

  @BeforeEach
  void setUp() throws Exception {
    gitops = tmp.resolve("gitops");
    // The repository's user authors commits that name no author: the SDK never invents one.
    gitopsRepo = GitOpsRepoFixture.create(gitops).withUser("Ops", "ops@example.com");
    upstream = ProfileRepoFixture.create(tmp.resolve("upstream.git"));
    upstream.file("app/m/deploy.yaml", deployment(1, "app:1.0"))
        .file("app/m/svc.yaml", SERVICE)
        .profile("app", ProfileYamls.profile("app").kustomize("web", "m").toYaml())
        .commit("v1").tag("app/v1.0.0");
  }

  @AfterEach
  void tearDown() {
    upstream.close();
    gitopsRepo.close();
  }

  private void publishV11() {
    upstream.file("app/m/deploy.yaml", deployment(1, "app:1.1"))
        .commit("v1.1").tag("app/v1.1.0");
  }

  private Run bootstrap() {
    return run("bootstrap", "--git-repository", "flux-system/flux-system", gitops.toString());
  }

  private Run addTag() {
    return run("add", "--name", "inst", "--profile-repo-url", upstream.url(),
        "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--git-dir", gitops.toString());
  }

  private String head() throws Exception {
    try (Git g = Git.open(gitops.toFile())) {
      return g.getRepository().resolve(Constants.HEAD).name();
    }
  }

  private boolean clean() throws Exception {
    try (Git g = Git.open(gitops.toFile())) {
      return g.status().call().isClean();
    }
  }

  private void userCommits(String path, String content) throws Exception {
    Files.writeString(gitops.resolve(path), content);
    try (Git git = Git.open(gitops.toFile())) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("user edit").setAuthor("u", "u@example.com")
          .setCommitter("u", "u@example.com").setSign(false).call();
    }
  }

  @Test
  void bootstrapWritesThePctlConfigAndCommits() throws Exception {
    String before = head();
    Run r = bootstrap();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("bootstrapped with flux-system/flux-system (commit ");
    assertThat(gitops.resolve(".pctl/config.yaml")).exists();
    assertThat(Files.readString(gitops.resolve(".pctl/config.yaml"))).contains("flux-system");
    assertThat(head()).isNotEqualTo(before);
    assertThat(clean()).isTrue();
    // Again with the same settings: nothing to commit, as git says; other settings commit.
    String bootstrapped = head();
    Run again = bootstrap();
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).isEqualTo("already bootstrapped with flux-system/flux-system"
        + " (nothing to commit)\n");
    assertThat(head()).isEqualTo(bootstrapped);
    Run other = run("bootstrap", "--git-repository", "flux-system/other", gitops.toString());
    assertThat(other.out()).startsWith("bootstrapped with flux-system/other (commit ");
    assertThat(head()).isNotEqualTo(bootstrapped);
  }

  @Test
  void addFromATagInstallsAndCommits() throws Exception {
    assertThat(bootstrap().code()).isZero();
    String before = head();
    Run r = addTag();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("installed inst in inst/ (commit ");
    assertThat(gitops.resolve("inst/profile-installation.yaml")).exists();
    assertThat(Files.readString(gitops.resolve(DEPLOY))).contains("image: app:1.0");
    assertThat(head()).isNotEqualTo(before);
    assertThat(clean()).isTrue();
  }

  @Test
  void pctlsSpellingsApplyAndDefaultDirAndDashIWork() throws Exception {
    Run b = run("bootstrap", "--git-repository", "flux-system/flux-system", "--default-dir",
        "clusters/prod", gitops.toString());
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(Files.readString(gitops.resolve(".pctl/config.yaml"))).contains("clusters/prod");

    Run r = run("apply", "--name", "inst", "--profile-repo-url", upstream.url(),
        "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--git-dir", gitops.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("installed inst in clusters/prod/inst/ (commit ");
    assertThat(gitops.resolve("clusters/prod/inst/profile-installation.yaml")).exists();
    Run listed = run("get", "-i", "--git-dir", gitops.toString());
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out()).isEqualTo(run("get", "--installed", "--git-dir",
        gitops.toString()).out()).contains("inst");
    assertThat(clean()).isTrue();
  }

  @Test
  void getInstalledListsTheNewerReleaseTagsOfATagInstall() throws Exception {
    assertThat(bootstrap().code()).isZero();
    assertThat(addTag().code()).isZero();
    Run current = run("get", "--installed", "--git-dir", gitops.toString());
    assertThat(current.out().lines().skip(1)).singleElement()
        .satisfies(l -> assertThat(l).endsWith("   -"));

    publishV11();
    upstream.file("app/m/deploy.yaml", deployment(1, "app:1.2-rc")).commit("rc")
        .tag("app/v1.2.0-rc.1");
    Run r = run("get", "--installed", "--git-dir", gitops.toString());
    Run json = run("get", "--installed", "-o", "json", "--git-dir", gitops.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines().skip(1)).singleElement()
        .satisfies(l -> assertThat(l).endsWith(":app/v1.0.0   v1.1.0"));
    assertThat(json.out()).contains("\"availableUpdates\": [\n        \"v1.1.0\"\n      ]");

    for (int minor = 2; minor <= 7; minor++) {
      upstream.file("app/m/deploy.yaml", deployment(1, "app:1." + minor))
          .commit("v1." + minor).tag("app/v1." + minor + ".0");
    }
    Run many = run("get", "--installed", "--git-dir", gitops.toString());
    assertThat(many.out().lines().skip(1)).singleElement().satisfies(l -> assertThat(l)
        .endsWith(":app/v1.0.0   v1.7.0,v1.6.0,v1.5.0,v1.4.0,v1.3.0 (+2 more)"));
    assertThat(run("get", "--installed", "-o", "json", "--git-dir", gitops.toString()).out())
        .contains("\"v1.7.0\"").contains("\"v1.1.0\"");
  }

  @Test
  void theUsersGitInsteadOfRulesApplyAsWithGit() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    String github = "https://github.com/weaveworks/profiles-examples";
    Files.writeString(home.resolve(".gitconfig"), "[url \"" + upstream.url() + "\"]\n"
        + "\tinsteadOf = " + github + "\n");
    Map<String, String> env = Map.of("HOME", home.toString(), "GIT_CONFIG_NOSYSTEM", "1");

    Cli.Run r = Cli.run(tmp.resolve("cache"), env, List.of(), "add", "--name", "inst",
        "--profile-repo-url", github, "--profile-tag", "app/v1.0.0", "--profile-path", "app",
        "--git-repository", "flux-system/flux-system", "--git-dir", gitops.toString(),
        "--no-progress");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(gitops.resolve(DEPLOY))).contains("image: app:1.0");
    // The record keeps the URL as written: the mirror is this machine's business.
    assertThat(Files.readString(gitops.resolve("inst/profile-installation.yaml")))
        .contains(github).doesNotContain(upstream.url());
    Path xdg = Files.createDirectories(tmp.resolve("xdg/git"));
    Files.writeString(xdg.resolve("config"), "[url \"" + upstream.url() + "\"]\n"
        + "\tinsteadOf = https://git.example.com/mirror\n");
    Cli.Run viaXdg = Cli.run(tmp.resolve("cache"), Map.of("HOME", home.toString(),
        "XDG_CONFIG_HOME", tmp.resolve("xdg").toString(), "GIT_CONFIG_NOSYSTEM", "1"),
        List.of(), "render", "--name", "other", "--profile-repo-url",
        "https://git.example.com/mirror", "--profile-tag", "app/v1.0.0", "--profile-path", "app",
        "--git-repository", "flux-system/flux-system", "--no-progress");
    assertThat(viaXdg.code()).as(viaXdg.err()).isZero();
    Files.writeString(home.resolve(".gitconfig"), "[url \"broken\n");
    Cli.Run broken = Cli.run(tmp.resolve("cache"), env, List.of(), "render", "--name", "x",
        "--profile-repo-url", github, "--profile-tag", "app/v1.0.0", "--git-repository", "a/b");
    assertThat(broken.code()).isEqualTo(Main.ERROR);
    assertThat(broken.err()).startsWith("error: ").contains(".gitconfig").hasLineCount(1);
  }

  @Test
  void addWithGitRepositoryNeedsNoBootstrap() throws Exception {
    Run r = run("add", "--name", "inst", "--profile-repo-url", upstream.url(),
        "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--namespace", "web",
        "--git-repository", "flux-system/flux-system", "--git-dir", gitops.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(gitops.resolve("inst/profile-installation.yaml")))
        .contains("web");
  }

  @Test
  void addingAnExistingNameIsRefusedSayingHowToReplaceOrUpgradeIt() throws Exception {
    assertThat(bootstrap().code()).isZero();
    assertThat(addTag().code()).isZero();
    userCommits(DEPLOY, "edited: true\n");
    String before = head();
    Run again = addTag();
    assertThat(again.code()).isEqualTo(Main.ERROR);
    assertThat(again.err()).isEqualTo("error: 'inst' already exists; choose another --name, or"
        + " --replace it (rendered afresh; 'profiles upgrade' keeps its edits)\n");
    assertThat(head()).isEqualTo(before);
    // A directory that is no installation: --replace would not help, so it is not suggested.
    Files.createDirectories(gitops.resolve("notes"));
    userCommits("notes/todo.md", "x\n");
    for (String replace : List.of("--dry-run", "--replace")) {
      Run notes = run("add", "--name", "notes", "--profile-repo-url", upstream.url(),
          "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--git-dir",
          gitops.toString(), replace);
      assertThat(notes.code()).isEqualTo(Main.ERROR);
      assertThat(notes.err()).as(replace).isEqualTo("error: 'notes' exists but holds no"
          + " profile-installation.yaml, so it is no installation to replace; choose another"
          + " name or directory\n");
    }
    String edited = head();
    Run replaced = run("add", "--name", "inst", "--profile-repo-url", upstream.url(),
        "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--git-dir", gitops.toString(),
        "--namespace", "other", "--replace");
    assertThat(replaced.code()).as(replaced.err()).isZero();
    assertThat(Files.readString(gitops.resolve(DEPLOY))).contains("image: app:1.0")
        .doesNotContain("edited");
    assertThat(Files.readString(gitops.resolve("inst/profile-installation.yaml")))
        .contains("namespace: other");
    assertThat(head()).isNotEqualTo(edited);
    assertThat(clean()).isTrue();
  }

  @Test
  void addDryRunWritesNothing() throws Exception {
    assertThat(bootstrap().code()).isZero();
    String before = head();
    Run r = run("add", "--name", "inst", "--profile-repo-url", upstream.url(),
        "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--git-dir", gitops.toString(),
        "--dry-run");
    assertThat(r.code()).as(r.err()).isZero();
    // The preview: the Flux Kustomization and what kustomize builds from its path.
    assertThat(r.out()).startsWith("would install inst in inst/ (dry run: nothing written)\n")
        .contains("+ kustomize.toolkit.fluxcd.io/v1 Kustomization default/inst-web\n")
        .contains("+ apps/v1 Deployment default/web\n").contains("+ v1 Service default/web\n");
    assertThat(gitops.resolve("inst")).doesNotExist();
    assertThat(head()).isEqualTo(before);
    assertThat(clean()).isTrue();
  }

  @Test
  void getInstalledPrintsPctlsTable() {
    assertThat(bootstrap().code()).isZero();
    assertThat(addTag().code()).isZero();
    Run r = run("get", "--installed", "--git-dir", gitops.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String src = upstream.url() + ":app/v1.0.0";
    String pad = " ".repeat(src.length() - "SOURCE".length() + 3);
    assertThat(r.out()).isEqualTo(
        "NAMESPACE   NAME   SOURCE" + pad + "AVAILABLE UPDATES\n"
            + "default     inst   " + src + "   -\n");
  }

  @Test
  void getInstalledAsJsonAndYaml() {
    assertThat(bootstrap().code()).isZero();
    assertThat(addTag().code()).isZero();
    Run r = run("get", "--installed", "-o", "json", "--git-dir", gitops.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("""
        {
          "installations": [
            {
              "namespace": "default",
              "name": "inst",
              "directory": "inst",
              "source": {
                "url": "%s",
                "tag": "app/v1.0.0",
                "branch": null,
                "path": "app"
              },
              "catalog": null,
              "gitRepository": "flux-system/flux-system",
              "configMap": null,
              "availableUpdates": []
            }
          ]
        }
        """.formatted(upstream.url()));
    Run y = run("get", "--installed", "-o", "yaml", "--git-dir", gitops.toString());
    assertThat(y.code()).as(y.err()).isZero();
    assertThat(y.out()).startsWith("\"installations\":\n- \"namespace\": \"default\"\n"
        + "  \"name\": \"inst\"\n");
  }

  @Test
  void upgradeToAVersionMergesAndCommits() throws Exception {
    assertThat(bootstrap().code()).isZero();
    assertThat(addTag().code()).isZero();
    publishV11();
    Run r = run("upgrade", "inst", "v1.1.0", "--git-dir", gitops.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("upgraded inst to app/v1.1.0 (commit ");
    assertThat(Files.readString(gitops.resolve(DEPLOY))).contains("image: app:1.1");
    assertThat(clean()).isTrue();
    // Back to the older version, as asked, and said as what it is.
    Run back = run("upgrade", "inst", "v1.0.0", "--git-dir", gitops.toString());
    assertThat(back.code()).as(back.err()).isZero();
    assertThat(back.out()).startsWith("downgraded inst to app/v1.0.0 (commit ");
    assertThat(Files.readString(gitops.resolve(DEPLOY))).contains("image: app:1.0");
  }

  @Test
  void upgradeToTheLatestTagThenUpToDate() throws Exception {
    assertThat(bootstrap().code()).isZero();
    assertThat(addTag().code()).isZero();
    publishV11();
    Run r = run("upgrade", "inst", "--latest", "--git-dir", gitops.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("upgraded inst to app/v1.1.0 (commit ");
    String head = head();
    Run again = run("upgrade", "inst", "--latest", "--git-dir", gitops.toString());
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).isEqualTo("inst is up to date\n");
    assertThat(head()).isEqualTo(head);
  }

  @Test
  void removeDryRunWritesNothing() throws Exception {
    assertThat(bootstrap().code()).isZero();
    assertThat(addTag().code()).isZero();
    String before = head();
    Run r = run("remove", "inst", "--dry-run", "--git-dir", gitops.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("would remove inst (dry run: nothing written)\n")
        .contains("- kustomize.toolkit.fluxcd.io/v1 Kustomization default/inst-web\n")
        .contains("- apps/v1 Deployment default/web\n").contains("- v1 Service default/web\n");
    assertThat(gitops.resolve("inst")).exists();
    assertThat(head()).isEqualTo(before);
  }

  @Test
  void aConflictingUpgradeExits3AndListsTheFiles() throws Exception {
    assertThat(bootstrap().code()).isZero();
    assertThat(addTag().code()).isZero();
    userCommits(DEPLOY, deployment(3, "app:custom"));
    publishV11();
    String before = head();
    Map<String, String> tree = Cli.tree(gitops);
    // Previews first: the same exit code, the same files, and nothing written. Expanding the
    // Kustomization would read the conflicted file's markers: it is left unexpanded instead.
    for (List<String> preview : List.of(List.of("upgrade", "inst/", "v1.1.0", "--dry-run"),
        List.of("diff", "inst", "v1.1.0"))) {
      List<String> args = new ArrayList<>(preview);
      args.addAll(List.of("--git-dir", gitops.toString(), "--no-progress"));
      Run dry = run(args.toArray(String[]::new));
      assertThat(dry.code()).as(dry.err()).isEqualTo(Main.CONFLICTS);
      assertThat(dry.err()).as(preview.toString()).endsWith("error: upgrade of inst would stop"
          + " on merge conflicts in (nothing written):\n  " + DEPLOY + "\n"
          + "run the upgrade to get them in the working tree with conflict markers, or upgrade"
          + " to another version\n");
      assertThat(Cli.tree(gitops)).isEqualTo(tree);
    }
    // Every installation of the repository: the calm one is previewed too, and the JSON lists
    // the conflicted one's files.
    Run calm = run("add", "--name", "calm", "--profile-repo-url", upstream.url(),
        "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--namespace", "calm",
        "--git-dir", gitops.toString());
    assertThat(calm.code()).as(calm.err()).isZero();
    String withCalm = head();
    Run all = run("diff", "--latest", "-o", "json", "--git-dir", gitops.toString(),
        "--no-progress");
    assertThat(all.code()).as(all.err()).isEqualTo(Main.CONFLICTS);
    assertThat(all.out()).contains("\"directory\": \"calm\"")
        .contains("\"directory\": \"inst\"").contains("\"conflicts\": [\n        \"" + DEPLOY);
    assertThat(all.err()).contains("error: upgrade of inst would stop on merge conflicts in"
        + " (nothing written):\n  " + DEPLOY + "\n").doesNotContain("upgrade of calm");
    assertThat(head()).isEqualTo(withCalm);
    Run r = run("upgrade", "inst/", "v1.1.0", "--git-dir", gitops.toString(), "--no-progress");
    assertThat(r.code()).isEqualTo(Main.CONFLICTS);
    assertThat(r.err()).isEqualTo("error: upgrade of inst stopped on merge conflicts in:\n"
        + "  " + DEPLOY + "\n"
        + "resolve the conflicts in the working tree, then commit them\n");
    assertThat(head()).isEqualTo(withCalm);
  }

  @Test
  void aNameTwoInstallationsShareIsRefusedNamingTheirDirectories() throws Exception {
    assertThat(bootstrap().code()).isZero();
    for (String[] at : new String[][] {{"a", "x"}, {"b", "y"}}) {
      Run add = run("add", "--name", "dup", "--profile-repo-url", upstream.url(),
          "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--out", at[0],
          "--namespace", at[1], "--git-dir", gitops.toString());
      assertThat(add.code()).as(add.err()).isZero();
    }
    String before = head();
    for (List<String> cmd : List.of(List.of("remove", "dup"), List.of("upgrade", "dup",
        "--latest"), List.of("diff", "dup"))) {
      List<String> args = new ArrayList<>(cmd);
      args.addAll(List.of("--git-dir", gitops.toString()));
      Run r = run(args.toArray(String[]::new));
      assertThat(r.code()).as(cmd.toString()).isEqualTo(Main.ERROR);
      assertThat(r.err()).isEqualTo("error: more than one installation is named 'dup' (a/dup,"
          + " b/dup); give its directory instead\n");
    }
    assertThat(head()).isEqualTo(before);
    Run none = run("policy", "nosuch", "--pinned", "--git-dir", gitops.toString());
    assertThat(none.code()).isEqualTo(Main.ERROR);
    assertThat(none.err()).isEqualTo("error: no installation is named 'nosuch' or is at that"
        + " directory (installed: a/dup, b/dup)\n");
    Run byDir = run("remove", "b/dup", "--git-dir", gitops.toString());
    assertThat(byDir.code()).as(byDir.err()).isZero();
    assertThat(gitops.resolve("a/dup")).exists();
  }

  @Test
  void aUsageErrorIsItsCauseTheFlagsFormAndWhereTheHelpIsNotTheWholeHelp() {
    Run typo = run("add", "--profile-tga", "app/v1.0.0");
    assertThat(typo.code()).isEqualTo(Main.USAGE);
    assertThat(typo.err()).startsWith("error: Unknown option: '--profile-tga'\n")
        .contains("--profile-tag").endsWith("Run 'profiles add --help' for usage.\n");
    assertThat(typo.err().lines()).hasSizeLessThanOrEqualTo(6);
    Run missing = run("get", "--installed", "-o");
    assertThat(missing.code()).isEqualTo(Main.USAGE);
    assertThat(missing.err()).contains("'--output'").contains("--output=FORMAT")
        .endsWith("Run 'profiles get --help' for usage.\n");
    // No command reached: the suggestion, then the usage listing every command.
    Run command = run("ad", "--name", "x");
    assertThat(command.code()).isEqualTo(Main.USAGE);
    assertThat(command.err()).startsWith("error: Unmatched arguments from index 0: 'ad'")
        .contains("Did you mean: profiles add").contains("  add, apply ").contains("  remove ");
  }

  @Test
  void everyCommandsVersionFlagPrintsTheVersionAsItsHelpSays() {
    String version = "profiles " + Main.version() + "\n";
    for (String[] args : new String[][] {{"-V"}, {"add", "-V"}, {"get", "--version"},
        {"upgrade", "-V"}, {"diff", "-V"}, {"add", "-V", "--name", "x"}}) {
      Run r = run(args);
      assertThat(r.code()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).as(String.join(" ", args)).isEqualTo(version);
    }
  }

  @Test
  void removeUninstallsAndCommits() throws Exception {
    assertThat(bootstrap().code()).isZero();
    assertThat(addTag().code()).isZero();
    Run r = run("remove", "inst", "--git-dir", gitops.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("removed inst (commit ");
    assertThat(gitops.resolve("inst")).doesNotExist();
    assertThat(clean()).isTrue();
  }

  @Test
  void aBadFlagExits2AndNamesTheFlag() {
    Run r = run("get", "--bogus");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err()).contains("--bogus");
    Run noVersion = run("upgrade", "inst");
    assertThat(noVersion.code()).isEqualTo(Main.USAGE);
    assertThat(noVersion.err()).contains("VERSION or --latest");
    Run badRef = run("add", "--name", "x", "--profile-repo-url", upstream.url(),
        "--git-repository", "no-slash", "--git-dir", gitops.toString());
    assertThat(badRef.code()).isEqualTo(Main.USAGE);
    assertThat(badRef.err()).contains("'--git-repository'").contains("NAMESPACE/NAME");
    Run badUrl = run("get", "--catalog", "--catalog-url", "ht tp://x");
    assertThat(badUrl.code()).isEqualTo(Main.USAGE);
    assertThat(badUrl.err()).contains("'--catalog-url'");
  }

  @Test
  void anErrorExits1WithOneLine() {
    Run r = run("get", "--installed", "--git-dir", tmp.resolve("nowhere").toString());
    assertThat(r.code()).isEqualTo(Main.ERROR);
    assertThat(r.err()).startsWith("error: ").endsWith("\n");
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.out()).isEmpty();
    Run verbose = run("get", "--installed", "-v", "--git-dir", tmp.resolve("nowhere").toString());
    assertThat(verbose.code()).isEqualTo(Main.ERROR);
    assertThat(verbose.err().lines().count()).isGreaterThan(1);
    assertThat(verbose.err()).contains("\tat ");
  }

  @Test
  void credentialsInAUrlOrFlagAreNeverPrinted() {
    Run r = run("add", "--name", "x", "--profile-repo-url",
        "https://user:" + TOKEN + "@127.0.0.1:1/r.git", "--profile-tag", "v1.0.0",
        "--git-token", TOKEN, "--git-dir", gitops.toString(), "-v");
    assertThat(r.code()).isEqualTo(Main.ERROR);
    assertThat(r.err()).startsWith("error: ");
    // run() asserts that neither stream contains the token.
  }

  @Test
  void aBadOutputFormatExits2AndNamesTheExpectedForm() {
    Run r = run("get", "--installed", "-o", "xml", "--git-dir", gitops.toString());
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err()).contains("'--output'").contains("[table, json, yaml]");
  }

  @Test
  void aRelativeRepositoryPathIsRecordedAbsoluteForCommandsRunFromAnywhere() throws Exception {
    assertThat(bootstrap().code()).isZero();
    Path cwd = Path.of("").toAbsolutePath();
    String relative = cwd.relativize(tmp.resolve("upstream.git")).toString();
    assertThat(relative).startsWith("..");
    Run add = run("add", "--name", "inst", "--profile-repo-url", relative, "--profile-tag",
        "app/v1.0.0", "--git-dir", gitops.toString());
    assertThat(add.code()).as(add.err()).isZero();
    assertThat(Files.readString(gitops.resolve("inst/profile-installation.yaml")))
        .contains("url: " + tmp.resolve("upstream.git").toAbsolutePath().normalize());
    publishV11();
    Run up = run("upgrade", "inst", "--latest", "--git-dir", gitops.toString(), "--no-progress");
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(up.out()).startsWith("upgraded inst to app/v1.1.0 (commit ");
  }

  @Test
  void anotherProfilesTagInstallsAsPctlDidWithAWarningAboutUpgrades() throws Exception {
    assertThat(bootstrap().code()).isZero();
    upstream.file("other/m/cm.yaml", "kind: ConfigMap\nmetadata:\n  name: o\n")
        .profile("other", ProfileYamls.profile("other").kustomize("web", "m").toYaml())
        .commit("other").tag("other/v0.1.0");
    Run r = run("add", "--name", "inst", "--profile-repo-url", upstream.url(), "--profile-tag",
        "other/v0.1.0", "--profile-path", "app", "--git-dir", gitops.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("warning: --profile-tag other/v0.1.0 is a release of profile"
        + " 'other', not of 'app' (--profile-path app): upgrades by version will follow other's"
        + " tags");
    assertThat(r.err().split("warning: --profile-tag", -1)).as("once").hasSize(2);
    Run own = run("render", "--profile-repo-url", upstream.url(), "--profile-tag",
        "app/v1.0.0", "--profile-path", "app/", "--git-repository", "a/b");
    assertThat(own.code()).as(own.err()).isZero();
    assertThat(own.err()).doesNotContain("warning");
  }

  @Test
  void onlyRelativeLocalPathsAreMadeAbsolute() {
    Path cwd = Path.of("").toAbsolutePath();
    assertThat(InstallOptions.absoluteIfRelative("../repos/p"))
        .isEqualTo(cwd.resolve("../repos/p").normalize().toString());
    assertThat(InstallOptions.absoluteIfRelative("repos/./p"))
        .isEqualTo(cwd.resolve("repos/p").toString());
    for (String kept : List.of("/srv/repos/p", "file:///srv/p", "https://example.com/p.git",
        "ssh://git@example.com/p.git", "git@example.com:org/p.git", "http://h/p", "-x",
        "ftp://h/p")) {
      assertThat(InstallOptions.absoluteIfRelative(kept)).as(kept).isEqualTo(kept);
    }
  }

  @Test
  void addFromABranch() throws Exception {
    assertThat(bootstrap().code()).isZero();
    Run r = run("add", "--profile-repo-url", upstream.url(), "--profile-branch", "main",
        "--profile-path", "app", "--git-dir", gitops.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("installed app in app/ (commit ");
    Run list = run("get", "--installed", "--git-dir", gitops.toString());
    assertThat(list.out()).contains("default     app    " + upstream.url() + ":main:app   -\n");

    // A branch's latest is its head: diff previews and upgrade --latest merges it (the SDK's
    // refresh, which the command line had no way to ask for).
    publishV11();
    Run diff = run("diff", "app", "--latest", "--git-dir", gitops.toString(), "--no-expand");
    assertThat(diff.code()).as(diff.err()).isEqualTo(4);
    assertThat(diff.out()).contains("Refresh app to main");
    Run up = run("upgrade", "app", "--latest", "--git-dir", gitops.toString(), "--no-progress");
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(up.out()).startsWith("upgraded app to main (commit ");
    assertThat(Files.readString(gitops.resolve("app/artifacts/web/m/deploy.yaml")))
        .isEqualTo(deployment(1, "app:1.1"));
    assertThat(run("upgrade", "app", "--latest", "--git-dir", gitops.toString()).out())
        .isEqualTo("app is up to date\n");
  }

  @Test
  void docgenPrintsMarkdownForEveryCommand() {
    Run r = run("docgen");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("# profiles\n").contains("## profiles add\n")
        .contains("## profiles get\n").contains("## profiles upgrade\n")
        .contains("## profiles remove\n").contains("## profiles bootstrap\n")
        .contains("## profiles render\n").contains("## profiles update\n")
        .contains("--ssh-passphrase-env=NAME")
        .contains("--profile-repo-url=URL");
    // add's alias apply names the same command: one section, not two.
    assertThat(r.out().lines().filter(l -> l.equals("## profiles add"))).hasSize(1);
  }

  @Test
  void docgenWritesOneFileACommandIntoPctlsPathOrOut() throws Exception {
    for (String flag : List.of("--path", "--out")) {
      Path docs = tmp.resolve("docs" + flag).resolve("cli");
      Run r = run("docgen", flag, docs.toString());

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).isEmpty();
      try (var files = Files.list(docs)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .contains("profiles-add-cmd.md", "profiles-get-cmd.md", "profiles-upgrade-cmd.md",
                "profiles-remove-cmd.md", "profiles-bootstrap-cmd.md")
            .doesNotContain("profiles-docgen-cmd.md", "profiles-help-cmd.md")
            .allMatch(n -> n.matches("profiles-[a-z]+-cmd\\.md"));
      }
      assertThat(Files.readString(docs.resolve("profiles-add-cmd.md")))
          .startsWith("# profiles add\n").contains("--profile-repo-url=URL");
    }
  }

  @Test
  void anInstallationDirectoryOnDiskNamesItsRepositoryAsInPctlsUpgrade() throws Exception {
    assertThat(bootstrap().code()).isZero();
    assertThat(addTag().code()).isZero();
    publishV11();

    // No --git-dir: the repository is the one holding the directory, from any working directory.
    Run up = run("upgrade", gitops.resolve("inst").toString() + "/", "v1.1.0");

    assertThat(up.code()).as(up.err()).isZero();
    assertThat(up.out()).contains("app/v1.1.0");
    assertThat(Files.readString(gitops.resolve(DEPLOY))).contains("image: app:1.1");
    Run policy = run("policy", gitops.resolve("inst").toString(), "--pinned", "--git-dir",
        gitops.toString());
    assertThat(policy.code()).as(policy.err()).isZero();
    Run removed = run("remove", gitops.resolve("inst").toString());
    assertThat(removed.code()).as(removed.err()).isZero();
    assertThat(gitops.resolve("inst")).doesNotExist();
    assertThat(clean()).isTrue();
  }

  @Test
  void pctlsEarlierProfileUrlFlagStillInstalls() throws Exception {
    Run r = run("add", "--name", "inst", "--profile-url", upstream.url(), "--profile-tag",
        "app/v1.0.0", "--profile-path", "app", "--git-repository", "flux-system/flux-system",
        "--git-dir", gitops.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(gitops.resolve("inst/profile-installation.yaml")).exists();
  }

  @Test
  void completionPrintsAScript() {
    Run r = run("completion", "bash");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("complete").contains("profiles");
    assertThat(run("completion", "fish").code()).isEqualTo(Main.USAGE);
  }

  @Test
  void versionPrintsTheVersion() {
    Run r = run("version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).matches("profiles \\S+\n");
  }

  /** Every command's help: its own arguments and options first, the global ones apart. */
  @Test
  void helpShowsACommandsOwnOptionsApartFromTheGlobalOnes() {
    for (String command : List.of("add", "render", "get", "upgrade", "remove", "bootstrap",
        "version", "docgen", "completion", "install", "diff", "update", "policy")) {
      Run r = run(command, "--help");
      assertThat(r.code()).as(command).isZero();
      String help = r.out();
      assertThat(help).as(command).startsWith("Usage: profiles " + command + " [OPTIONS]")
          .contains("\nOptions:\n", "\nGlobal options:\n");
      String own = help.substring(0, help.indexOf("\nGlobal options:\n"));
      String global = help.substring(help.indexOf("\nGlobal options:\n"));
      assertThat(own).as(command).contains("--help").doesNotContain("--catalog-url=URL",
          "--ssh-key=FILE", "--allow-http");
      assertThat(global).as(command).contains("--catalog-url=URL", "--ssh-key=FILE",
          "--allow-http", "--verbose").doesNotContain("--help");
    }
    String add = run("add", "--help").out();
    assertThat(add).contains("\nArguments:\n      [CATALOG/PROFILE[/VERSION]]");
    assertThat(add.indexOf("--replace")).isLessThan(add.indexOf("Global options:"));
    // docgen prints the same help.
    assertThat(run("docgen").out()).contains("Usage: profiles add [OPTIONS]",
        "\nGlobal options:\n");
  }

  @Test
  void getCatalogPrintsPctlsTable() throws Exception {
    Path sources = Files.createDirectories(tmp.resolve("catalog"));
    ProfileCatalogSource team = ProfileCatalogSource.builder().name("team")
        .addProfile(CatalogEntry.builder().name("nginx").tag("nginx/v0.1.0")
            .description("deploys nginx").url("https://github.com/org/profiles").build())
        .addProfile(CatalogEntry.builder().name("redis").tag("redis/1.0.0")
            .description("a cache").url("https://github.com/org/profiles").build())
        .build();
    Files.writeString(sources.resolve("team.yaml"), ProfileYaml.strict().writeCatalogSource(team));
    try (CatalogServer server = CatalogServer.builder().sources(sources).port(0).build().start()) {
      server.refresh();
      Run r = run("get", "--catalog", "--catalog-url", server.uri().toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo(
          "CATALOG/PROFILE   VERSION   DESCRIPTION\n"
              + "team/nginx        v0.1.0    deploys nginx\n"
              + "team/redis        1.0.0     a cache\n");
      Run q = run("get", "ngi", "--catalog", "--catalog-url", server.uri().toString());
      assertThat(q.out()).isEqualTo(
          "CATALOG/PROFILE   VERSION   DESCRIPTION\n"
              + "team/nginx        v0.1.0    deploys nginx\n");
      Run one = run("get", "team/redis", "-o", "json", "--catalog-url", server.uri().toString());
      assertThat(one.code()).as(one.err()).isZero();
      assertThat(one.out()).contains("\"name\": \"redis\"").contains("\"version\": \"1.0.0\"");
    }
  }
}
