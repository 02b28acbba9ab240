package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.yaml.ProfileYaml;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.GitOpsRepoFixture;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import dev.profiles.testing.git.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged distribution as a user gets it: this build's {@code .tar.gz} unpacked into a
 * temporary directory and its {@code bin/profiles} run as a process (fresh JVM, default
 * settings, class-data sharing on) against a loopback smart-HTTPS git server that requires a
 * token and a running catalog server. Runs after {@code package} (failsafe); tables and JSON are
 * compared with {@code src/test/resources/golden-dist/} after loopback ports and temporary paths
 * are normalised ({@code -Dprofiles.golden.update=true} rewrites those files instead).
 */
class DistributionIT {
  private static final String TOKEN = "dist-t0ken-8c1f";
  private static final String WRONG = "wrong-t0ken-77aa";
  private static final String DEPLOY = "inst/artifacts/web/m/deploy.yaml";
  private static final String STORE_PASSWORD = "changeit";

  @TempDir static Path shared;
  static Path launcher;
  static String version;
  static Path serverRoot;
  static GitHttpServer server;
  static String trustOpts;

  @TempDir Path tmp;
  Path gitops;
  GitOpsRepoFixture gitopsRepo;
  ProfileRepoFixture upstream;
  String url;

  @BeforeAll
  static void unpackAndServe() throws Exception {
    Path target = Path.of("target");
    Path tarGz;
    try (Stream<Path> files = Files.list(target)) {
      tarGz = files.filter(p -> p.getFileName().toString().endsWith("-dist.tar.gz"))
          .findFirst().orElseThrow(() -> new AssertionError(
              "no target/*-dist.tar.gz: this test runs after package (failsafe)"));
    }
    Path unpacked = Files.createDirectories(shared.resolve("opt"));
    Process tar = new ProcessBuilder("tar", "xzf", tarGz.toAbsolutePath().toString(), "-C",
        unpacked.toString()).redirectErrorStream(true).start();
    String tarOut = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tar.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(tar.exitValue()).as("tar: " + tarOut).isZero();
    Path home;
    try (Stream<Path> dirs = Files.list(unpacked)) {
      home = dirs.findFirst().orElseThrow();
    }
    version = home.getFileName().toString().substring("profiles-".length());
    launcher = home.resolve("bin/profiles");
    assertThat(Files.isExecutable(launcher)).isTrue();
    assertThat(home.resolve("lib/profiles.classlist")).isNotEmptyFile();

    serverRoot = Files.createDirectories(shared.resolve("srv"));
    Path keyStore = TestCertificates.createLoopbackKeyStore(shared, STORE_PASSWORD);
    Path trustStore = trustStoreOf(keyStore, shared.resolve("trust.p12"));
    // The way a user points the JVM at a private CA: JVM options through PROFILES_OPTS.
    trustOpts = "-Djavax.net.ssl.trustStore=" + trustStore
        + " -Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD
        + " -Djavax.net.ssl.trustStoreType=PKCS12";
    server = GitHttpServer.builder(serverRoot).https(keyStore, STORE_PASSWORD)
        .basicAuth("x-access-token", TOKEN).start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Path trustStoreOf(Path keyStore, Path target) throws Exception {
    KeyStore source = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      source.load(in, STORE_PASSWORD.toCharArray());
    }
    Certificate cert = source.getCertificate("loopback");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("loopback", cert);
    try (OutputStream out = Files.newOutputStream(target)) {
      trust.store(out, STORE_PASSWORD.toCharArray());
    }
    return target;
  }

  @BeforeEach
  void setUp(org.junit.jupiter.api.TestInfo info) throws Exception {
    gitops = tmp.resolve("gitops");
    gitopsRepo = GitOpsRepoFixture.create(gitops).withUser("Ops", "ops@example.com");
    String name = info.getTestMethod().orElseThrow().getName() + ".git";
    upstream = ProfileRepoFixture.create(serverRoot.resolve(name));
    // Real manifests: previews build them with kubectl kustomize.
    upstream.file("app/m/deploy.yaml", CliTest.deployment(1, "app:1.0"))
        .file("app/m/svc.yaml", CliTest.SERVICE)
        .profile("app", ProfileYamls.profile("app").kustomize("web", "m").toYaml())
        .commit("v1").tag("app/v1.0.0");
    url = server.url(name);
  }

  @AfterEach
  void tearDown() throws IOException {
    upstream.close();
    gitopsRepo.close();
    try (Stream<Path> left = Files.list(gitops)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
    }
  }

  private void publishV11() {
    upstream.file("app/m/deploy.yaml", CliTest.deployment(1, "app:1.1"))
        .commit("v1.1").tag("app/v1.1.0");
  }

  record Run(int code, String out, String err) {}

  private Run run(String... args) throws Exception {
    return run(Map.of(), args);
  }

  /** The launcher in the GitOps repository, with the user's environment plus {@code env}. */
  private Run run(Map<String, String> extraEnv, String... args) throws Exception {
    return runIn(gitops, extraEnv, args);
  }

  /** The launcher in {@code dir}, with the user's environment plus {@code env}. */
  private Run runIn(Path dir, Map<String, String> extraEnv, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    return exec(dir, extraEnv, command);
  }

  /** {@code command} (which runs the launcher) in {@code dir}, with the environment of runs. */
  private Run exec(Path dir, Map<String, String> extraEnv, List<String> command)
      throws Exception {
    List<String> args = command.subList(1, command.size());
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("PROFILES_") || k.equals("GIT_TOKEN")
        || k.equals("KUBECONFIG"));
    env.put("HOME", shared.resolve("home").toString());
    env.put("XDG_CACHE_HOME", shared.resolve("xdg").toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("GIT_TOKEN", TOKEN);
    env.put("PROFILES_OPTS", trustOpts);
    Map<String, String> extra = new HashMap<>(extraEnv);
    if (extra.containsKey("PROFILES_OPTS")) {
      extra.put("PROFILES_OPTS", trustOpts + " " + extra.get("PROFILES_OPTS"));
    }
    extra.forEach((k, v) -> {
      if (v == null) {
        env.remove(k);
      } else {
        env.put(k, v);
      }
    });
    Path outFile = tmp.resolve("stdout");
    Path errFile = tmp.resolve("stderr");
    pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("profiles " + String.join(" ", args)).isTrue();
    Run r = new Run(p.exitValue(), Files.readString(outFile), Files.readString(errFile));
    // No credential ever reaches the terminal, whatever the command and its outcome.
    assertThat(r.out() + r.err()).doesNotContain(TOKEN).doesNotContain(WRONG);
    assertThat(r.out() + r.err()).doesNotContain("fatal error").doesNotContain("hs_err");
    // Whichever thread touches a library first (the start-up warm-up, a prefetch), SLF4J's
    // "no providers" notice never reaches the user.
    assertThat(r.err()).doesNotContain("SLF4J");
    return r;
  }

  private Run ok(String... args) throws Exception {
    Run r = run(args);
    assertThat(r.code()).as("profiles " + String.join(" ", args) + "\n" + r.err()).isZero();
    return r;
  }

  private Run addTag() throws Exception {
    return ok("add", "--name", "inst", "--profile-repo-url", url, "--profile-tag", "app/v1.0.0",
        "--profile-path", "app");
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

  private String normalise(String s) {
    return s.replace(tmp.toString(), "<tmp>").replace(shared.toString(), "<tmp>")
        .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:<port>");
  }

  /** Compares with {@code golden-dist/NAME} (or rewrites it with -Dprofiles.golden.update). */
  private void assertGolden(String name, String actual) throws IOException {
    String normalised = normalise(actual);
    if (Boolean.getBoolean("profiles.golden.update")) {
      Path file = Path.of("src/test/resources/golden-dist", name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, normalised);
      return;
    }
    try (InputStream in = DistributionIT.class.getResourceAsStream("/golden-dist/" + name)) {
      assertThat(in).as("golden-dist/" + name).isNotNull();
      assertThat(normalised).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void theFirstRunStartsTheClassDataArchiveDumpAndLaterRunsMapIt() throws Exception {
    Path xdg = tmp.resolve("fresh-cache");
    Map<String, String> fresh = Map.of("XDG_CACHE_HOME", xdg.toString());
    Run first = run(fresh, "version");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo("profiles " + version + "\n");
    assertThat(first.err()).isEmpty();
    Path cds = xdg.resolve("profiles/cds");
    // The first run started the dump in the background; wait for it (not a timing assertion:
    // the bound only keeps a broken dump from hanging the build).
    for (int i = 0; i < 1800 && !dumpDone(cds); i++) {
      Thread.sleep(100);
    }
    try (Stream<Path> files = Files.list(cds)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("the archive and nothing else (no failure marker, no dump log)")
          .singleElement().matches(n -> n.startsWith("profiles") && n.endsWith(".jsa"));
    }
    // -Xshare:on makes the JVM fail rather than run without the archive.
    Map<String, String> logged = new HashMap<>(fresh);
    logged.put("PROFILES_OPTS", "-Xshare:on -Xlog:class+load=info");
    Run mapped = run(logged, "get", "--installed");
    assertThat(mapped.code()).as(mapped.err()).isZero();
    assertThat(mapped.out()).contains("dev.profiles.cli.Main source: shared objects file")
        .contains("picocli.CommandLine source: shared objects file")
        .as("JGit ships without its signature, so its classes are archived too")
        .contains("org.eclipse.jgit.lib.Repository source: shared objects file");
    // Off: the same command, its classes read from the jars.
    logged.put("PROFILES_CDS", "off");
    Run off = run(logged, "get", "--installed");
    assertThat(off.code()).as(off.err()).isZero();
    assertThat(off.out()).doesNotContain("dev.profiles.cli.Main source: shared objects file")
        .contains("dev.profiles.cli.Main source: file:");
    // An archive that does not fit (here: garbage) is ignored silently.
    try (Stream<Path> files = Files.list(cds)) {
      for (Path jsa : files.toList()) {
        Files.writeString(jsa, "not an archive");
      }
    }
    Run ignored = run(fresh, "version");
    assertThat(ignored.code()).isZero();
    assertThat(ignored.out()).isEqualTo("profiles " + version + "\n");
    assertThat(ignored.err()).isEmpty();
  }

  /** The dump has ended: an archive or a failure marker, and the lock is gone. */
  private static boolean dumpDone(Path cds) throws IOException {
    try (Stream<Path> files = Files.list(cds)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      return names.stream().noneMatch(n -> n.endsWith(".lock"))
          && names.stream().anyMatch(n -> n.endsWith(".jsa") || n.endsWith(".failed"));
    }
  }

  @Test
  void aCacheThatCannotBeWrittenRunsWithoutTheArchive() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
    Run r = run(Map.of("XDG_CACHE_HOME", file.toString()), "version");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("profiles " + version + "\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void theZipHoldsWhatTheTarGzHolds() throws Exception {
    Path zip;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      zip = files.filter(p -> p.getFileName().toString().endsWith("-dist.zip")).findFirst()
          .orElseThrow();
    }
    TreeSet<String> zipped = new TreeSet<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      z.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).forEach(zipped::add);
    }
    TreeSet<String> unpacked = new TreeSet<>();
    Path home = launcher.getParent().getParent();
    try (Stream<Path> files = Files.walk(home)) {
      files.filter(Files::isRegularFile)
          .map(p -> "profiles-" + version + "/" + home.relativize(p).toString().replace('\\', '/'))
          .forEach(unpacked::add);
    }
    try (ZipFile jgit = new ZipFile(home.resolve("lib").toFile().listFiles(
        (d, n) -> n.startsWith("org.eclipse.jgit-"))[0])) {
      assertThat(jgit.stream().map(ZipEntry::getName)).as("signature files")
          .noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"))
          .contains("org/eclipse/jgit/lib/Repository.class");
    }
    assertThat(zipped).isEqualTo(unpacked).contains("profiles-" + version + "/bin/profiles",
        "profiles-" + version + "/lib/profiles.classlist");
  }

  @Test
  void installListUpgradeAndRemoveByUrlAndTag() throws Exception {
    String start = head();
    assertThat(ok("bootstrap", "--git-repository", "flux-system/flux-system").out())
        .startsWith("bootstrapped with flux-system/flux-system (commit ");
    assertThat(head()).isNotEqualTo(start);
    assertThat(addTag().out()).startsWith("installed inst in inst/ (commit ");
    assertThat(Files.readString(gitops.resolve(DEPLOY))).contains("image: app:1.0");
    assertThat(clean()).isTrue();

    assertGolden("get-installed-tag.txt", ok("get", "--installed").out());
    assertGolden("get-installed-tag.json", ok("get", "--installed", "-o", "json").out());
    assertThat(ok("get", "--installed", "-o", "yaml").out())
        .startsWith("\"installations\":\n- \"namespace\": \"default\"\n  \"name\": \"inst\"\n");

    publishV11();
    assertThat(ok("upgrade", "inst", "v1.1.0").out()).startsWith("upgraded inst to app/v1.1.0");
    assertThat(Files.readString(gitops.resolve(DEPLOY))).contains("image: app:1.1");
    upstream.file("app/m/svc.yaml", "port: 8080\n").commit("v1.2").tag("app/v1.2.0");
    assertThat(ok("upgrade", "inst", "--latest").out()).startsWith("upgraded inst to app/v1.2.0");
    assertThat(Files.readString(gitops.resolve("inst/artifacts/web/m/svc.yaml")))
        .isEqualTo("port: 8080\n");
    String upgraded = head();
    assertThat(ok("upgrade", "inst", "--latest").out()).isEqualTo("inst is up to date\n");
    assertThat(head()).isEqualTo(upgraded);

    assertThat(ok("remove", "inst").out()).startsWith("removed inst (commit ");
    assertThat(gitops.resolve("inst")).doesNotExist();
    assertThat(clean()).isTrue();
    assertThat(ok("get", "--installed").out()).startsWith("NAMESPACE").hasLineCount(1);
  }

  @Test
  void addByBranchAndPath() throws Exception {
    ok("bootstrap", "--git-repository", "flux-system/flux-system");
    Run r = ok("add", "--name", "inst", "--namespace", "web", "--profile-repo-url", url,
        "--profile-branch", "main", "--profile-path", "app");
    assertThat(r.out()).startsWith("installed inst in inst/ (commit ");
    assertGolden("get-installed-branch.txt", ok("get", "--installed").out());
    assertGolden("get-installed-branch.json", ok("get", "--installed", "-o", "json").out());
    Run dry = ok("add", "--name", "other", "--profile-repo-url", url, "--profile-tag",
        "app/v1.0.0", "--profile-path", "app", "--dry-run");
    assertThat(dry.out()).startsWith("would install other in other/ (dry run: nothing written)");
    assertThat(gitops.resolve("other")).doesNotExist();
  }

  @Test
  void renderAndDiffWriteNothing() throws Exception {
    ok("bootstrap", "--git-repository", "flux-system/flux-system");
    addTag();
    String before = head();
    Run list = ok("render", "--name", "other", "--profile-repo-url", url, "--profile-tag",
        "app/v1.0.0", "--profile-path", "app", "--git-dir", ".", "--list");
    assertThat(list.out()).contains("other/artifacts/web/m/deploy.yaml");
    Run stream = ok("render", "--name", "other", "--profile-repo-url", url, "--profile-tag",
        "app/v1.0.0", "--profile-path", "app", "--git-dir", ".");
    assertThat(stream.out()).contains("# Source: other/artifacts/web/m/deploy.yaml")
        .contains("image: app:1.0");

    assertThat(run("diff", "inst", "v1.0.0").code()).as("nothing changes").isZero();
    publishV11();
    Run diff = run("diff", "inst", "v1.1.0");
    assertThat(diff.code()).as(diff.err()).isEqualTo(4);
    assertThat(diff.out()).contains("~ apps/v1 Deployment default/web\n")
        .contains("~ spec.template.spec.containers[name=web].image: app:1.0 -> app:1.1");
    Run json = run("diff", "inst", "v1.1.0", "-o", "json");
    assertThat(json.code()).isEqualTo(4);
    assertThat(json.out()).startsWith("{")
        .contains("\"path\": \"spec.template.spec.containers[name=web].image\"");
    // At Flux level (--no-expand) the files are compared as written: the same change.
    Run flux = run("diff", "inst", "v1.1.0", "--no-expand");
    assertThat(flux.code()).as(flux.err()).isEqualTo(4);
    assertThat(flux.out()).contains("~ apps/v1 Deployment web\n")
        .contains("kustomize.toolkit.fluxcd.io/v1 Kustomization default/inst-web: expansion"
            + " turned off (--no-expand)");
    assertThat(head()).isEqualTo(before);
    assertThat(clean()).isTrue();
    assertThat(gitops.resolve("other")).doesNotExist();
  }

  @Test
  void aConflictingUpgradeExits3AndListsTheConflictingFiles() throws Exception {
    ok("bootstrap", "--git-repository", "flux-system/flux-system");
    addTag();
    Files.writeString(gitops.resolve(DEPLOY), CliTest.deployment(3, "app:custom"));
    try (Git g = Git.open(gitops.toFile())) {
      g.add().addFilepattern(".").call();
      g.commit().setMessage("user edit").setAuthor("u", "u@example.com")
          .setCommitter("u", "u@example.com").setSign(false).call();
    }
    publishV11();
    String before = head();
    Run r = run("upgrade", "inst", "v1.1.0");
    assertThat(r.code()).as(r.err()).isEqualTo(3);
    // endsWith: off a terminal, fetch progress may come first as plain lines.
    assertThat(r.err()).endsWith("error: upgrade of inst stopped on merge conflicts in:\n"
        + "  " + DEPLOY + "\n"
        + "resolve the conflicts in the working tree, then commit them\n");
    assertThat(head()).isEqualTo(before);
  }

  @Test
  void theCatalogListsShowsAndInstalls() throws Exception {
    Path sources = Files.createDirectories(tmp.resolve("catalog"));
    ProfileCatalogSource team = ProfileCatalogSource.builder().name("team")
        .addProfile(CatalogEntry.builder().name("app").tag("app/v1.0.0")
            .description("the app").url(url).build())
        .addProfile(CatalogEntry.builder().name("redis").tag("redis/1.0.0")
            .description("a cache — très rapide, 高速").url(url).build())
        .build();
    Files.writeString(sources.resolve("team.yaml"), ProfileYaml.strict().writeCatalogSource(team));
    try (CatalogServer catalog = CatalogServer.builder().sources(sources).port(0).build()
        .start()) {
      catalog.refresh();
      String at = catalog.uri().toString();
      assertGolden("get-catalog.txt", ok("get", "--catalog", "--catalog-url", at).out());
      assertGolden("get-catalog.json",
          ok("get", "--catalog", "-o", "json", "--catalog-url", at).out());
      assertGolden("get-catalog-query.txt", ok("get", "red", "--catalog", "--catalog-url", at)
          .out());
      // The C locale of a bare container: the output is still UTF-8, not '?'.
      assertThat(run(cLocale(), "get", "--catalog", "-o", "json", "--catalog-url", at).out())
          .isEqualTo(ok("get", "--catalog", "-o", "json", "--catalog-url", at).out())
          .contains("\"a cache — très rapide, 高速\"");
      assertThat(run(cLocale(), "get", "--catalog", "--catalog-url", at).out())
          .contains("a cache — très rapide, 高速");
      assertThat(ok("get", "team/app", "--catalog-url", at).out())
          .startsWith("CATALOG/PROFILE").contains("team/app").contains("the app");

      ok("bootstrap", "--git-repository", "flux-system/flux-system");
      Run add = ok("add", "team/app/v1.0.0", "--name", "inst", "--catalog-url", at);
      assertThat(add.out()).startsWith("installed inst in inst/ (commit ");
      assertThat(Files.readString(gitops.resolve(DEPLOY))).contains("image: app:1.0");
      assertGolden("get-installed-catalog.txt", ok("get", "--installed").out());
      Run missing = run("get", "team/nope", "--catalog-url", at);
      assertThat(missing.code()).isEqualTo(1);
      assertThat(missing.err()).startsWith("error: ").hasLineCount(1);
    }
  }

  @Test
  void versionDocgenAndCompletion() throws Exception {
    Run v = ok("version");
    assertThat(v.out()).isEqualTo("profiles " + version + "\n");
    assertThat(ok("--version").out()).isEqualTo("profiles " + version + "\n");
    Run doc = ok("docgen");
    for (String c : List.of("add", "render", "get", "upgrade", "remove", "bootstrap", "version",
        "docgen", "completion", "install", "diff")) {
      assertThat(doc.out()).contains("## profiles " + c + "\n");
    }
    assertThat(ok("completion", "bash").out()).contains("complete -F").contains("profiles");
    Run zsh = ok("completion", "zsh");
    assertThat(zsh.out()).contains("profiles").contains("compdef");
    Run fish = run("completion", "fish");
    assertThat(fish.code()).isEqualTo(2);
    assertThat(ok("--help").out()).startsWith("Usage: profiles").contains("  add, apply ")
        .contains("  completion ");
  }

  @Test
  void badFlagsExit2AndNameTheFlag() throws Exception {
    Run bogus = run("get", "--bogus");
    assertThat(bogus.code()).isEqualTo(2);
    assertThat(bogus.err()).contains("Unknown option: '--bogus'");
    assertThat(bogus.out()).isEmpty();
    Run top = run("--bogus", "version");
    assertThat(top.code()).isEqualTo(2);
    assertThat(top.err()).contains("Unknown option: '--bogus'")
        .as("the top-level usage lists every command").contains("  add, apply ")
        .contains("  remove ");
    Run noVersion = run("upgrade", "inst");
    assertThat(noVersion.code()).isEqualTo(2);
    assertThat(noVersion.err()).contains("VERSION or --latest");
    Run badRef = run("add", "--name", "x", "--profile-repo-url", url, "--git-repository",
        "no-slash");
    assertThat(badRef.code()).isEqualTo(2);
    assertThat(badRef.err()).contains("'--git-repository'").contains("NAMESPACE/NAME");
    Run badUrl = run("get", "--catalog", "--catalog-url", "ht tp://x");
    assertThat(badUrl.code()).isEqualTo(2);
    assertThat(badUrl.err()).contains("'--catalog-url'");
    Run badFormat = run("get", "--installed", "-o", "xml");
    assertThat(badFormat.code()).isEqualTo(2);
    assertThat(badFormat.err()).contains("xml");
    Run unknown = run("frobnicate");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("frobnicate");
  }

  /** The C locale of a bare container or cron job. */
  private static Map<String, String> cLocale() {
    Map<String, String> env = new HashMap<>(Map.of("LANG", "C", "LC_ALL", "C"));
    env.put("LC_CTYPE", null);
    return env;
  }

  @Test
  void aBareCLocaleStillReadsAndWritesUtf8() throws Exception {
    ok("bootstrap", "--git-repository", "flux-system/flux-system");
    // printf makes the argument's bytes (UTF-8 'équipe'), so the test JVM's own locale, which
    // encodes the arguments it passes, plays no part.
    Run add = exec(gitops, cLocale(), List.of("sh", "-c",
        "exec \"$0\" \"$@\" --out \"$(printf '\\303\\251quipe')\"", launcher.toString(), "add",
        "--name", "inst", "--profile-repo-url", url, "--profile-tag", "app/v1.0.0",
        "--profile-path", "app"));
    assertThat(add.code()).as(add.err()).isZero();
    assertThat(add.out()).startsWith("installed inst in équipe/inst/ (commit ");
    assertThat(run(cLocale(), "get", "--installed", "-o", "json").out())
        .contains("\"équipe/inst\"");
    Process ls = new ProcessBuilder("git", "-C", gitops.toString(), "-c", "core.quotePath=false",
        "ls-files", "-z").redirectErrorStream(true).start();
    String files = new String(ls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ls.waitFor()).isZero();
    assertThat(files).contains("équipe/inst/profile-installation.yaml");
  }

  @Test
  void theCommitIdentityComesFromHomesGitconfigAsForGit() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("a home"));
    Files.writeString(home.resolve(".gitconfig"),
        "[user]\n\tname = Home User\n\temail = home@example.com\n");
    Path noUser = tmp.resolve("no-user");
    GitOpsRepoFixture.create(noUser).close();
    Run add = run(Map.of("HOME", home.toString()), "add", "--name", "inst",
        "--profile-repo-url", url, "--profile-tag", "app/v1.0.0", "--profile-path", "app",
        "--git-repository", "flux-system/flux-system", "--git-dir", noUser.toString());
    assertThat(add.code()).as(add.err()).isZero();
    try (Git git = Git.open(noUser.toFile())) {
      PersonIdent author = git.log().setMaxCount(1).call().iterator().next().getAuthorIdent();
      assertThat(author.getName() + " <" + author.getEmailAddress() + ">")
          .isEqualTo("Home User <home@example.com>");
    }
  }

  @Test
  void aNewcomersFirstMistakesSayWhatToDo() throws Exception {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    Run outside = runIn(plain, Map.of(), "get", "--installed");
    assertThat(outside.code()).isEqualTo(1);
    assertThat(outside.err()).hasLineCount(1).startsWith("error: '").contains(
        "is not a git working tree (no .git); run profiles in the GitOps repository's working"
            + " tree, or give --git-dir REPO");

    ok("bootstrap", "--git-repository", "flux-system/flux-system");
    Path sub = Files.createDirectories(gitops.resolve("clusters/prod"));
    Run inside = runIn(sub, Map.of(), "get", "--installed");
    assertThat(inside.code()).isEqualTo(1);
    assertThat(inside.err()).hasLineCount(1).contains("; it is inside the working tree '",
        gitops.getFileName() + "'; run profiles in the GitOps repository's working tree");

    Path none = tmp.resolve("no-such-dir/config");
    Run noCatalog = run(Map.of("KUBECONFIG", none.toString()), "get", "--catalog");
    assertThat(noCatalog.code()).isEqualTo(1);
    assertThat(noCatalog.err()).hasLineCount(1).isEqualTo("error: no kubeconfig file exists: "
        + none + "; give --catalog-url URL (the catalog's HTTP API), or --kubeconfig FILE /"
        + " KUBECONFIG to reach it through the cluster's API server\n");
    Run named = run(Map.of(), "get", "--catalog", "--kubeconfig", none.toString());
    assertThat(named.code()).isEqualTo(1);
    assertThat(named.err()).doesNotContain("give --catalog-url");
  }

  @Test
  void errorsExit1InOneLineAndCredentialsAreNeverPrinted() throws Exception {
    Run nowhere = run("get", "--installed", "--git-dir", tmp.resolve("nowhere").toString());
    assertThat(nowhere.code()).isEqualTo(1);
    assertThat(nowhere.err()).startsWith("error: ").hasLineCount(1);
    assertThat(nowhere.out()).isEmpty();
    Run verbose = run("get", "--installed", "-v", "--git-dir", tmp.resolve("nowhere").toString());
    assertThat(verbose.code()).isEqualTo(1);
    assertThat(verbose.err()).contains("\tat ");

    ok("bootstrap", "--git-repository", "flux-system/flux-system");
    String before = head();
    Map<String, String> noToken = new HashMap<>();
    noToken.put("GIT_TOKEN", null);
    Run anonymous = run(noToken, "add", "--name", "inst", "--profile-repo-url", url,
        "--profile-tag", "app/v1.0.0", "--profile-path", "app", "-v");
    assertThat(anonymous.code()).isEqualTo(1);
    assertThat(anonymous.err()).startsWith("error: ");
    // run() checks every stream of every run for both tokens.
    Run wrongFlag = run(noToken, "add", "--name", "inst", "--profile-repo-url", url,
        "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--git-token", WRONG, "-v");
    assertThat(wrongFlag.code()).isEqualTo(1);
    String inUrl = server.urlWithCredentials(url.substring(url.lastIndexOf('/') + 1),
        "x-access-token", WRONG);
    Run wrongUrl = run(noToken, "add", "--name", "inst", "--profile-repo-url", inUrl,
        "--profile-tag", "app/v1.0.0", "--profile-path", "app", "-v");
    assertThat(wrongUrl.code()).isEqualTo(1);
    assertThat(head()).isEqualTo(before);
    assertThat(gitops.resolve("inst")).doesNotExist();

    Run flag = run(noToken, "add", "--name", "inst", "--profile-repo-url", url,
        "--profile-tag", "app/v1.0.0", "--profile-path", "app", "--git-token", TOKEN, "-v");
    assertThat(flag.code()).as(flag.err()).isZero();
    assertThat(ok("get", "--installed", "-v", "-o", "json").out()).contains(url);
  }
}
