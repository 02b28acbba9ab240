package dev.profiles.git.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.install.Change;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.install.Signature;
import dev.profiles.testing.git.RepoState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a commit writes its objects: loose, at git's level for loose objects ({@code
 * core.looseCompression}, else {@code core.compression}, else 1), content that does not compress
 * (a packaged chart) stored as it is, without touching the repository's configuration; and a
 * file the baseline also holds stored once, with the right content whether or not the
 * baseline's copy differs. Real git reads every object back ({@code git fsck}).
 */
class LooseObjectsTest {
  @TempDir
  Path dir;
  private Git git;
  /** Compressible (hex text) and larger than the incompressibility sample. */
  private final byte[] chart = new byte[96 * 1024];

  @BeforeEach
  void repoWithOneCommit() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < chart.length; i++) {
      chart[i] = (byte) "0123456789abcdef\n".charAt(random.nextInt(17));
    }
    git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    RepoState.write(dir.resolve("README.md"), "gitops\n");
    git.add().addFilepattern(".").call();
    git.commit().setMessage("init").setAuthor("t", "t@example.com")
        .setCommitter("t", "t@example.com").setSign(false).call();
  }

  private void install(byte[] baselineChart) throws Exception {
    Change change = Change.builder().message("Install web").installation("apps/web")
        .author(Signature.of("Bot", "bot@example.com"))
        .files(RenderedFiles.builder().put("apps/web/chart.tgz", chart)
            .put("apps/web/a.yaml", "a: 1\n").build())
        .baseline(RenderedFiles.builder().put("chart.tgz", baselineChart)
            .put("a.yaml", "a: 1\n").build())
        .build();
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      repo.commit(change);
    }
  }

  /** The zlib header of the loose object of {@code content}: its second byte names the level. */
  private int zlibLevelByte(byte[] content) throws Exception {
    ObjectId id = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, content);
    Path loose = dir.resolve(".git/objects").resolve(id.name().substring(0, 2))
        .resolve(id.name().substring(2));
    byte[] head = Files.readAllBytes(loose);
    assertThat(head[0] & 0xff).isEqualTo(0x78);
    return head[1] & 0xff;
  }

  private String configText() throws Exception {
    return Files.readString(dir.resolve(".git/config"), StandardCharsets.UTF_8);
  }

  @Test
  void writesAtTheFastestLevelByDefaultAndLeavesTheConfigAsItWas() throws Exception {
    String before = configText();

    install(chart);

    assertThat(zlibLevelByte(chart)).isEqualTo(0x01);
    assertThat(configText()).isEqualTo(before);
    assertThat(git.getRepository().getConfig().getNames("core", false))
        .noneMatch(n -> n.equalsIgnoreCase("compression"));
    assertThat(git.status().call().isClean()).isTrue();
  }

  @Test
  void followsLooseCompressionOverCompression() throws Exception {
    StoredConfig config = git.getRepository().getConfig();
    config.setInt("core", null, "compression", 9);
    config.setInt("core", null, "looseCompression", 6);
    config.save();
    String before = configText();

    install(chart);

    assertThat(zlibLevelByte(chart)).isEqualTo(0x9c);
    assertThat(configText()).isEqualTo(before);
  }

  @Test
  void followsCompressionWhenLooseCompressionIsUnset() throws Exception {
    StoredConfig config = git.getRepository().getConfig();
    config.setInt("core", null, "compression", 9);
    config.save();

    install(chart);

    assertThat(zlibLevelByte(chart)).isEqualTo(0xda);
  }

  @Test
  void anUnreadableLooseLevelFallsBackToJGitsOwnLevel() throws Exception {
    StoredConfig config = git.getRepository().getConfig();
    config.setString("core", null, "looseCompression", "fast");
    config.save();

    install(chart);

    assertThat(zlibLevelByte(chart)).isEqualTo(0x9c);
  }

  @Test
  void incompressibleContentIsStoredWithoutDeflatingAndGitReadsIt() throws Exception {
    byte[] random = new byte[256 * 1024];
    new Random(3).nextBytes(random);
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(random, 0, 200 * 1024);
    }
    byte[] tgz = gz.toByteArray();
    byte[] small = new byte[16 * 1024];
    new Random(4).nextBytes(small);
    byte[] text = "apiVersion: v1\nkind: ConfigMap\n".repeat(200)
        .getBytes(StandardCharsets.UTF_8);
    StoredConfig config = git.getRepository().getConfig();
    config.setInt("core", null, "compression", 9);
    config.save();
    String before = configText();
    Change change = Change.builder().message("Install web").installation("apps/web")
        .author(Signature.of("Bot", "bot@example.com"))
        .files(RenderedFiles.builder().put("apps/web/chart-1.0.0.tgz", tgz)
            .put("apps/web/random.bin", random).put("apps/web/small.bin", small)
            .put("apps/web/cm.yaml", text).build())
        .baseline(RenderedFiles.builder().put("chart-1.0.0.tgz", tgz).put("random.bin", random)
            .put("small.bin", small).put("cm.yaml", text).build())
        .build();
    try (JGitOpsRepository repo = GitOpsRepositories.open(dir)) {
      repo.commit(change);
    }

    assertThat(zlibLevelByte(tgz)).isEqualTo(0x01);
    assertThat(zlibLevelByte(random)).isEqualTo(0x01);
    // Too small to judge, and text: both at the configured level.
    assertThat(zlibLevelByte(small)).isEqualTo(0xda);
    assertThat(zlibLevelByte(text)).isEqualTo(0xda);
    assertThat(configText()).isEqualTo(before);
    assertThat(git.getRepository().getConfig().getInt("core", "compression", 0)).isEqualTo(9);
    Process fsck = new ProcessBuilder("git", "-C", dir.toString(), "fsck", "--strict", "--full")
        .redirectErrorStream(true).start();
    String fsckOut = new String(fsck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(fsck.waitFor()).as(fsckOut).isZero();
    Process status = new ProcessBuilder("git", "-C", dir.toString(), "status", "--porcelain")
        .redirectErrorStream(true).start();
    assertThat(new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEmpty();
    assertThat(Files.readAllBytes(dir.resolve("apps/web/chart-1.0.0.tgz"))).isEqualTo(tgz);
  }

  @Test
  void aFileTheBaselineHoldsDifferentlyIsStoredWithItsOwnContent() throws Exception {
    byte[] pristine = chart.clone();
    pristine[pristine.length / 2] ^= 1;

    install(pristine);

    RevCommit head = git.log().setMaxCount(1).call().iterator().next();
    try (TreeWalk walk = TreeWalk.forPath(git.getRepository(), "apps/web/chart.tgz",
        head.getTree())) {
      assertThat(git.getRepository().open(walk.getObjectId(0)).getBytes()).isEqualTo(chart);
    }
    assertThat(Files.readAllBytes(dir.resolve("apps/web/chart.tgz"))).isEqualTo(chart);
    assertThat(zlibLevelByte(pristine)).isEqualTo(0x01);
    assertThat(git.status().call().isClean()).isTrue();
  }
}
