package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.testing.git.GitOpsRepoFixture;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code profiles diff} and the previews {@code add}, {@code upgrade} and {@code remove}
 * print with {@code --dry-run}, against real local git repositories. The profile's chart is
 * from a repository that does not exist ({@code charts.example.com}, never contacted): these
 * tests are about the CLI's previews, so they run at Flux level with {@code --no-expand} (Flux
 * objects compared as written, listed as not expanded). Expansion end to end is {@link
 * CliPreviewEndToEndTest}. Markdown and JSON are compared with golden files ({@code
 * -Dprofiles.golden.update=true} rewrites them).
 */
class CliDiffTest {
  static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: {app.kubernetes.io/name: web}
      spec:
        replicas: 1
        template:
          spec:
            containers:
            - name: web
              image: ghcr.io/example/web:%s
              ports: [{name: http, containerPort: 8080}]
      """;
  static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        ports: [{name: http, port: 80, targetPort: http}]
      """;
  static final String ADMIN = """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: web-admin}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
      subjects:
      - {kind: ServiceAccount, name: web, namespace: default}
      """;

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
    upstream.file("app/m/deploy.yaml", DEPLOYMENT.formatted("1.0"))
        .file("app/m/svc.yaml", SERVICE)
        .profile("app", ProfileYamls.profile("app").kustomize("web", "m")
            .chart("cache", "https://charts.example.com", "redis", "17.0.0").toYaml())
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

  private Cli.Run ok(String... args) {
    Cli.Run r = run(args);
    assertThat(r.code()).as(r.err()).isZero();
    return r;
  }

  private void installed() {
    ok("bootstrap", "--git-repository", "flux-system/flux-system", gitops.toString());
    ok("add", "--name", "inst", "--profile-repo-url", upstream.url(), "--profile-tag",
        "app/v1.0.0", "--profile-path", "app", "--git-dir", gitops.toString());
  }

  private void publishV11() {
    upstream.file("app/m/deploy.yaml", DEPLOYMENT.formatted("1.1"))
        .file("app/m/admin.yaml", ADMIN)
        .profile("app", ProfileYamls.profile("app").kustomize("web", "m")
            .chart("cache", "https://charts.example.com", "redis", "17.1.0").toYaml())
        .commit("v1.1").tag("app/v1.1.0");
  }

  @Test
  void addDryRunPrintsThePreviewAndWritesNothing() {
    ok("bootstrap", "--git-repository", "flux-system/flux-system", gitops.toString());
    Map<String, String> before = Cli.tree(gitops);
    Cli.Run r = ok("add", "--name", "inst", "--profile-repo-url", upstream.url(),
        "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--git-dir", gitops.toString(),
        "--dry-run", "--no-expand");
    assertThat(Cli.tree(gitops)).isEqualTo(before);
    assertThat(r.out()).startsWith("would install inst in inst/ (dry run: nothing written)\n"
        + "Install profile app (app/v1.0.0) as inst\n")
        .contains("+ apps/v1 Deployment web\n").contains("+ v1 Service web\n")
        .contains("+ helm.toolkit.fluxcd.io/v2 HelmRelease default/inst-cache\n")
        .contains("helm.toolkit.fluxcd.io/v2 HelmRelease default/inst-cache: expansion turned"
            + " off (--no-expand)")
        .contains("low    apps/v1 Deployment web: containers/web runs ghcr.io/example/web:1.0")
        .doesNotContain("\u001b[");
  }

  @Test
  void diffOfAnUpgradeExits4WithTheRiskReportAndGoldenMarkdownAndJson() throws IOException {
    installed();
    publishV11();
    Map<String, String> before = Cli.tree(gitops);
    Cli.Run text = run("diff", "--no-expand", "inst", "v1.1.0", "--git-dir", gitops.toString());
    assertThat(text.code()).as(text.err()).isEqualTo(DiffCommand.CHANGES);
    assertThat(text.out()).startsWith("Upgrade inst to app/v1.1.0\n")
        .contains("high   rbac.authorization.k8s.io/v1 ClusterRoleBinding web-admin: binds"
            + " ServiceAccount default/web to ClusterRole cluster-admin")
        .contains("~ spec.template.spec.containers[name=web].image: ghcr.io/example/web:1.0"
            + " -> ghcr.io/example/web:1.1")
        .contains("~ spec.chart.spec.version: \"17.0.0\" -> \"17.1.0\"");
    Cli.Run md = run("diff", "--no-expand", "inst", "v1.1.0", "--git-dir", gitops.toString(), "-o",
        "markdown");
    assertThat(md.code()).isEqualTo(DiffCommand.CHANGES);
    assertGolden("diff-upgrade.md", md.out());
    Cli.Run json = run("diff", "--no-expand", "inst", "--latest", "--git-dir", gitops.toString(), "-o", "json");
    assertThat(json.code()).as(json.err()).isEqualTo(DiffCommand.CHANGES);
    assertGolden("diff-upgrade.json", json.out());
    assertThat(Cli.tree(gitops)).isEqualTo(before);
  }

  @Test
  void diffOfEveryInstallationWithNothingNewExits0() {
    installed();
    Map<String, String> before = Cli.tree(gitops);
    Cli.Run r = ok("diff", "--no-expand", "--git-dir", gitops.toString());
    assertThat(r.out()).startsWith("inst is up to date (app/v1.0.0)\n0 added, 0 changed,"
        + " 0 removed, 6 unchanged;");
    Cli.Run json = ok("diff", "--no-expand", "--git-dir", gitops.toString(), "-o", "json");
    assertThat(json.out()).startsWith("{\n  \"schemaVersion\": 1,\n  \"hasChanges\": false,\n"
        + "  \"previews\": [\n    {\n      \"schemaVersion\": 1,");
    assertThat(Cli.tree(gitops)).isEqualTo(before);
  }

  @Test
  void upgradeAndRemoveDryRunsPrintThePreviewAndWriteNothing() {
    installed();
    publishV11();
    Map<String, String> before = Cli.tree(gitops);
    Cli.Run up = ok("upgrade", "inst", "v1.1.0", "--dry-run", "--no-expand", "--git-dir", gitops.toString());
    assertThat(up.out()).startsWith("would upgrade inst to app/v1.1.0 (dry run: nothing"
        + " written)\n").contains("+ rbac.authorization.k8s.io/v1 ClusterRoleBinding web-admin");
    Cli.Run rm = ok("remove", "inst", "--dry-run", "--no-expand", "--git-dir", gitops.toString(), "-o",
        "json");
    assertThat(rm.err()).contains("would remove inst (dry run: nothing written)");
    assertThat(rm.out()).contains("\"removed\": 6").contains("\"added\": 0");
    assertThat(Cli.tree(gitops)).isEqualTo(before);
  }

  @Test
  void theTextIsColouredOnATerminalUnlessNoColorIsSet() {
    installed();
    publishV11();
    String[] args = {"diff", "--no-expand", "inst", "v1.1.0", "--git-dir", gitops.toString(), "--no-progress"};
    Cli.Run tty = Cli.run(tmp.resolve("cache"), Map.of("PROFILES_TERMINAL", "yes"), List.of(),
        args);
    assertThat(tty.code()).isEqualTo(DiffCommand.CHANGES);
    assertThat(tty.out()).contains("\u001b[32m+ rbac.authorization.k8s.io/v1 ClusterRoleBinding"
        + " web-admin\u001b[0m").contains("\u001b[31mhigh");
    Cli.Run plain = Cli.run(tmp.resolve("cache"), Map.of("PROFILES_TERMINAL", "yes",
        "NO_COLOR", "1"), List.of(), args);
    assertThat(plain.out()).doesNotContain("\u001b[")
        .isEqualTo(tty.out().replaceAll("\u001b\\[[0-9;]*m", ""));
  }

  @Test
  void diffRefreshesABranchInstall() {
    ok("bootstrap", "--git-repository", "flux-system/flux-system", gitops.toString());
    ok("add", "--name", "dev", "--profile-repo-url", upstream.url(), "--profile-branch", "main",
        "--profile-path", "app", "--git-dir", gitops.toString());
    assertThat(run("diff", "--no-expand", "dev", "--git-dir", gitops.toString()).code()).isZero();
    upstream.file("app/m/svc.yaml", SERVICE.replace("port: 80", "port: 8080")).commit("port");
    Map<String, String> before = Cli.tree(gitops);
    Cli.Run r = run("diff", "--no-expand", "--git-dir", gitops.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(DiffCommand.CHANGES);
    assertThat(r.out()).startsWith("Refresh dev to main\n")
        .contains("~ spec.ports[name=http].port: 80 -> 8080");
    assertThat(Cli.tree(gitops)).isEqualTo(before);
  }

  @Test
  void secretValuesNeverReachAnyForm() {
    ok("bootstrap", "--git-repository", "flux-system/flux-system", gitops.toString());
    upstream.file("app/m/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\n"
        + "stringData:\n  password: hunter2-very-secret\n").commit("secret").tag("app/v1.2.0");
    for (String form : List.of("text", "json", "markdown")) {
      Cli.Run r = Cli.run(tmp.resolve("cache"), Map.of(), List.of("hunter2-very-secret"),
          "add", "--name", "inst", "--profile-repo-url", upstream.url(), "--profile-tag",
          "app/v1.2.0", "--profile-path", "app", "--git-dir", gitops.toString(), "--dry-run", "--no-expand",
          "-o", form);
      assertThat(r.code()).as(r.err()).isZero();
      switch (form) {
        case "text" -> assertThat(r.out()).contains("+ v1 Secret db\n");
        case "json" -> assertThat(r.out()).contains("\"kind\": \"Secret\"");
        default -> assertThat(r.out()).contains("+ stringData:\n+   password: \"(masked)\"\n");
      }
    }
  }

  @Test
  void noExpandNeedsAPreview() {
    ok("bootstrap", "--git-repository", "flux-system/flux-system", gitops.toString());
    Map<String, String> before = Cli.tree(gitops);
    Cli.Run r = run("add", "--name", "inst", "--profile-repo-url", upstream.url(),
        "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--git-dir", gitops.toString(),
        "--no-expand");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err()).contains("--no-expand applies to the preview: give --dry-run too");
    assertThat(Cli.tree(gitops)).isEqualTo(before);
    installed();
    Map<String, String> installedTree = Cli.tree(gitops);
    assertThat(run("remove", "inst", "--no-expand", "--git-dir", gitops.toString()).code())
        .isEqualTo(Main.USAGE);
    assertThat(run("upgrade", "inst", "v1.0.0", "--no-expand", "--git-dir", gitops.toString())
        .code()).isEqualTo(Main.USAGE);
    assertThat(Cli.tree(gitops)).isEqualTo(installedTree);
  }

  @Test
  void aPreviewFormatNeedsAPreview() {
    ok("bootstrap", "--git-repository", "flux-system/flux-system", gitops.toString());
    Map<String, String> before = Cli.tree(gitops);
    for (String flag : List.of("-o", "--output", "--output=")) {
      List<String> args = new ArrayList<>(List.of("add", "--name", "inst", "--profile-repo-url",
          upstream.url(), "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--git-dir",
          gitops.toString()));
      if (flag.endsWith("=")) {
        args.add(flag + "json");
      } else {
        args.addAll(List.of(flag, "json"));
      }
      Cli.Run r = run(args.toArray(String[]::new));
      assertThat(r.code()).as(flag).isEqualTo(Main.USAGE);
      assertThat(r.err()).contains("-o/--output applies to the preview: give --dry-run too");
      assertThat(Cli.tree(gitops)).isEqualTo(before);
    }
    installed();
    Map<String, String> installedTree = Cli.tree(gitops);
    assertThat(run("remove", "inst", "-o", "markdown", "--git-dir", gitops.toString()).code())
        .isEqualTo(Main.USAGE);
    assertThat(run("upgrade", "inst", "v1.0.0", "-o", "text", "--git-dir", gitops.toString())
        .code()).isEqualTo(Main.USAGE);
    assertThat(Cli.tree(gitops)).isEqualTo(installedTree);
    // diff is a preview: -o needs nothing more there.
    Cli.Run diff = run("diff", "inst", "v1.0.0", "-o", "json", "--no-expand", "--git-dir",
        gitops.toString());
    assertThat(diff.code()).as(diff.err()).isIn(Main.OK, DiffCommand.CHANGES);
    assertThat(diff.out()).startsWith("{");
  }

  @Test
  void anUnreachableChartRepositoryNamesTheReleaseTheFileTheUrlAndTheWayOut() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String url = "http://127.0.0.1:" + port + "/charts";
    upstream.profile("app", ProfileYamls.profile("app").kustomize("web", "m")
            .chart("cache", url, "redis", "17.0.0").toYaml())
        .commit("closed").tag("app/v1.3.0");
    ok("bootstrap", "--git-repository", "flux-system/flux-system", gitops.toString());
    Map<String, String> before = Cli.tree(gitops);
    String[] add = {"add", "--name", "inst", "--profile-repo-url", upstream.url(),
        "--profile-tag", "app/v1.3.0", "--profile-path", "app", "--git-dir", gitops.toString(),
        "--dry-run"};
    Cli.Run r = run(add);
    assertThat(r.code()).as(r.out()).isEqualTo(Main.ERROR);
    assertThat(r.err()).matches("(?s)(.*\n)?error: HelmRelease default/inst-cache"
        + " \\(inst/[^ ]+\\.yaml\\): cannot fetch index\\.yaml from "
        + java.util.regex.Pattern.quote(url + "/index.yaml") + ": connection refused \\(use --no-expand to preview at Flux level\\)\n");
    assertThat(Cli.tree(gitops)).isEqualTo(before);
    // The way out works: at Flux level the same install previews.
    String[] flux = java.util.Arrays.copyOf(add, add.length + 1);
    flux[add.length] = "--no-expand";
    Cli.Run offline = ok(flux);
    assertThat(offline.out())
        .contains("+ helm.toolkit.fluxcd.io/v2 HelmRelease default/inst-cache\n")
        .contains("helm.toolkit.fluxcd.io/v2 HelmRelease default/inst-cache: "
            + PreviewOptions.REASON);
    assertThat(Cli.tree(gitops)).isEqualTo(before);
  }

  @Test
  void badUsageExits2BeforeAnythingIsRead() {
    installed();
    assertThat(run("diff", "--no-expand", "inst", "v1.1.0", "--latest", "--git-dir",
        gitops.toString()).code()).isEqualTo(Main.USAGE);
    assertThat(run("diff", "--no-expand", "inst", "-o", "yaml", "--git-dir", gitops.toString()).code())
        .isEqualTo(Main.USAGE);
  }

  @Test
  void anUnknownInstallationIsAnError() {
    installed();
    Cli.Run r = run("diff", "--no-expand", "nope", "--git-dir", gitops.toString());
    assertThat(r.code()).isEqualTo(Main.ERROR);
    assertThat(r.err()).contains("nope");
  }

  private String normalise(String s) {
    return s.replace(tmp.toString(), "<tmp>")
        .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:<port>");
  }

  private void assertGolden(String name, String actual) throws IOException {
    if (Boolean.getBoolean("profiles.golden.update")) {
      Path file = Path.of("src/test/resources/golden", name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, normalise(actual));
      return;
    }
    try (InputStream in = CliDiffTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file " + name).isNotNull();
      String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(normalise(actual)).as("golden " + name).isEqualTo(expected);
    }
  }
}
