package dev.profiles.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.testing.git.ProfileYamls;
import dev.profiles.testing.git.RepoState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atomic under real file-system faults: every write path (install, clean upgrade, upgrade with
 * conflicts, bootstrap, branch + push) runs in a child JVM under a file-size limit ({@code
 * ulimit -f}, so a write beyond it fails with EFBIG, "File too large", as a full disk fails a
 * write), sized so that the fault hits the GitOps write itself (a working-tree file, the
 * index backup, the pushed pack), not resolving. Afterwards the repository is byte for byte
 * as before: working tree, index, refs, status, and every file below {@code .git}; no temp
 * file or directory is left anywhere. The only thing allowed to remain is loose objects that
 * nothing references: like a failed {@code git commit}, the transaction writes its objects
 * first, and removing them could break a concurrent writer that found the same object
 * already there; {@code git gc} prunes them.
 */
class FileSystemFaultTest {
  /** The file-size limit, in KiB: above every object and small file, below the big ones. */
  private static final int LIMIT_KIB = 64;
  private static final Pattern LOOSE_OBJECT = Pattern.compile("objects/[0-9a-f]{2}(/[0-9a-f]{38})?");

  @TempDir
  Path tmp;
  private GitOpsFixture f;

  @AfterEach
  void tearDown() throws Exception {
    if (f != null) {
      f.close();
    }
  }

  /**
   * Profile app: kustomize artifact web whose directory holds a 360 KB (compressible, so its
   * object is small) file and twenty 10 KB random files (so one pack of them exceeds the
   * limit while each object stays below it).
   */
  private void publish() {
    Random random = new Random(42);
    f.upstream.file("app/m/big.yaml", "# filler line of a large manifest\n".repeat(11_000));
    for (int i = 0; i < 20; i++) {
      byte[] noise = new byte[7_500];
      random.nextBytes(noise);
      f.upstream.file("app/m/r" + i + ".yaml", "data: " + Base64.getEncoder()
          .encodeToString(noise) + "\n");
    }
    f.upstream.file("app/m/deploy.yaml", "replicas: 1\nimage: app:1.0\n")
        .profile("app", ProfileYamls.profile("app").kustomize("web", "m").toYaml())
        .commit("v1").tag("app/v1.0.0");
    f.upstream.file("app/m/deploy.yaml", "replicas: 1\nimage: app:1.1\n")
        .file("app/m/big.yaml", "# filler line of a large manifest, v2\n".repeat(11_000))
        .commit("v1.1").tag("app/v1.1.0");
  }

  private void setUp(boolean bootstrap) throws Exception {
    assumeThat(Files.isExecutable(Path.of("/bin/bash"))).as("needs bash for ulimit").isTrue();
    f = new GitOpsFixture(tmp, bootstrap);
    publish();
    // Warm the cache, so that the child's resolving reads it and writes nothing large.
    f.git.asResolver().resolve(ProfileSource.ofTag(f.url(), "app/v1.0.0"));
    f.git.asResolver().resolve(ProfileSource.ofTag(f.url(), "app/v1.1.0"));
  }

  private void installFromCatalog() throws Exception {
    f.profiles.install(f.repo).author(GitOpsFixture.BOT).name("app")
        .fromCatalog(CatalogEntry.builder().name("app").tag("app/v1.0.0").url(f.url())
            .catalogSource("cat").build())
        .call();
  }

  /** Runs {@code op} in a child JVM under the limit; answers what it printed. */
  private String runLimited(String op) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of("/bin/bash", "-c",
        "ulimit -f " + LIMIT_KIB + "; exec \"$0\" \"$@\"", java, "-XX:-UsePerfData",
        "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
        FaultChild.class.getName(), op, f.gitops.toString(), tmp.resolve("cache").toString(),
        f.url());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  /** Runs {@code op} under the limit and checks it failed in the write, changing nothing. */
  private void assertFaultChangesNothing(String op, String failedStep) throws Exception {
    RepoState before = RepoState.capture(f.gitops);
    Map<String, String> gitDir = gitDirFiles();
    List<String> reachable = reachableObjects();

    String out = runLimited(op);

    assertThat(out).contains("FAILED ").contains(failedStep).contains("File too large");
    assertThat(RepoState.capture(f.gitops)).isEqualTo(before);
    Map<String, String> after = gitDirFiles();
    Map<String, String> added = new TreeMap<>(after);
    gitDir.keySet().forEach(added::remove);
    assertThat(added.keySet()).as("new in .git").allSatisfy(path ->
        assertThat(path).matches(LOOSE_OBJECT));
    for (String path : added.keySet()) {
      if (path.length() > "objects/xx".length()) {
        String id = path.substring(8, 10) + path.substring(11);
        assertThat(reachable).as("a new object must be unreferenced").doesNotContain(id);
      }
    }
    Map<String, String> kept = new TreeMap<>(after);
    kept.keySet().retainAll(gitDir.keySet());
    assertThat(kept).as("files in .git").isEqualTo(gitDir);
  }

  @Test
  void installFailingInTheWorkingTreeChangesNothing() throws Exception {
    setUp(true);
    assertFaultChangesNothing("install", "commit failed, nothing was changed");
  }

  @Test
  void cleanUpgradeFailingInTheWorkingTreeChangesNothing() throws Exception {
    setUp(true);
    installFromCatalog();
    assertFaultChangesNothing("upgrade", "commit failed, nothing was changed");
  }

  @Test
  void upgradeWithConflictsFailingWhileWritingThemChangesNothing() throws Exception {
    setUp(true);
    installFromCatalog();
    Path deploy = f.gitops.resolve("app/artifacts/web/m/deploy.yaml");
    Files.writeString(deploy, "replicas: 1\nimage: mine:2.0\n");
    try (Git git = Git.open(f.gitops.toFile())) {
      git.commit().setAll(true).setMessage("pin image").setAuthor("u", "u@example.com")
          .setCommitter("u", "u@example.com").setSign(false).call();
    }
    assertFaultChangesNothing("upgrade", "writing failed, nothing was changed");
  }

  @Test
  void bootstrapFailingOnTheIndexChangesNothing() throws Exception {
    setUp(false);
    // Enough tracked files for the index to exceed the limit; bootstrap's own file is tiny.
    try (Git git = Git.open(f.gitops.toFile())) {
      for (int i = 0; i < 1_200; i++) {
        RepoState.write(f.gitops.resolve("clusters/c" + (i % 10) + "/f" + i + ".yaml"),
            "n: " + i + "\n");
      }
      git.add().addFilepattern(".").call();
      git.commit().setMessage("many").setAuthor("u", "u@example.com")
          .setCommitter("u", "u@example.com").setSign(false).call();
    }
    assertThat(Files.size(f.gitops.resolve(".git/index"))).isGreaterThan(LIMIT_KIB * 1024L);
    assertFaultChangesNothing("bootstrap", "commit failed, nothing was changed");
  }

  @Test
  void branchAndPushFailingWhilePushingChangesNothing() throws Exception {
    setUp(true);
    Path remote = tmp.resolve("remote.git");
    try (Git bare = Git.init().setBare(true).setDirectory(remote.toFile()).call();
        Git git = Git.open(f.gitops.toFile())) {
      var config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", remote.toUri().toString());
      config.save();
    }
    Map<String, String> remoteBefore = files(remote);
    assertFaultChangesNothing("push", "push of branch 'install-app' to 'origin' failed");
    assertThat(files(remote)).as("the remote").isEqualTo(remoteBefore);
    try (Git git = Git.open(f.gitops.toFile())) {
      assertThat(git.getRepository().exactRef("refs/heads/install-app")).isNull();
    }
  }

  /** Every file and directory below .git with a hash of its content. */
  private Map<String, String> gitDirFiles() throws Exception {
    return files(f.gitops.resolve(".git"));
  }

  private static Map<String, String> files(Path gitDir) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(gitDir)) {
      for (Path p : walk.toList()) {
        String rel = gitDir.relativize(p).toString().replace('\\', '/');
        if (rel.isEmpty()) {
          continue;
        }
        out.put(rel, Files.isDirectory(p) ? "dir" : sha(Files.readAllBytes(p)));
      }
    }
    return out;
  }

  private List<String> reachableObjects() throws IOException {
    List<String> out = new ArrayList<>();
    try (Git git = Git.open(f.gitops.toFile()); ObjectWalk walk =
        new ObjectWalk(git.getRepository())) {
      Repository repo = git.getRepository();
      for (Ref r : repo.getRefDatabase().getRefs()) {
        if (r.getObjectId() != null) {
          walk.markStart(walk.parseAny(r.getObjectId()));
        }
      }
      for (RevObject o = walk.next(); o != null; o = walk.next()) {
        out.add(o.name());
      }
      for (RevObject o = walk.nextObject(); o != null; o = walk.nextObject()) {
        out.add(o.name());
      }
    }
    return out;
  }

  private static String sha(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

}
