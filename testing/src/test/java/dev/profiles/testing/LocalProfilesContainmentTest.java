package dev.profiles.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.resolve.MissingProfileYamlException;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.resolve.SizeLimitExceededException;
import dev.profiles.core.resolve.UnsafeContentException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LocalProfiles applies git resolution's containment rules to a directory on disk, with real
 * symbolic links: inside ones are served as the file they end at, escaping, absolute,
 * dangling, directory and looping ones are refused, and so are .git entries, control
 * characters, special files and sizes over the limits.
 */
class LocalProfilesContainmentTest {
  private static final Path WEB = Path.of("src/test/resources/profiles/web");
  private static final String SECRET = "secret: never-copied\n";

  @TempDir Path tmp;
  private Path web;
  private Path outside;

  private int copies;

  @BeforeEach
  void copyWeb() throws Exception {
    fresh();
  }

  /** A new copy of the web profile, in a checkout of its own, as {@link #web}. */
  private void fresh() throws Exception {
    Path checkout = tmp.resolve("checkout-" + copies++);
    web = checkout.resolve("profiles/web");
    try (var files = Files.walk(WEB)) {
      for (Path p : files.toList()) {
        Path target = web.resolve(WEB.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    outside = Files.writeString(checkout.resolve("secret.yaml"), SECRET);
  }

  private void link(String path, String target) throws Exception {
    Path link = web.resolve(path);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of(target));
  }

  private void refused(Class<? extends Exception> type, String... expected) {
    var thrown = assertThatThrownBy(() -> LocalProfiles.read(web)).isInstanceOf(type);
    for (String e : expected) {
      thrown.hasMessageContaining(e);
    }
    thrown.hasMessageNotContaining("never-copied");
  }

  @Test
  void linksInsideTheProfileAreServedAsTheFileTheyEndAt() throws Exception {
    link("manifests/copy.yaml", "config.yaml");
    link("manifests/up.yaml", "../charts/site/Chart.yaml");
    link("manifests/chain1.yaml", "chain2.yaml");
    link("manifests/chain2.yaml", "./sub/../config.yaml");

    ResolvedProfile p = LocalProfiles.read(web);

    byte[] config = Files.readAllBytes(web.resolve("manifests/config.yaml"));
    assertThat(p.directory().read("manifests/copy.yaml")).isEqualTo(config);
    assertThat(p.directory().read("manifests/chain1.yaml")).isEqualTo(config);
    assertThat(p.directory().read("manifests/up.yaml"))
        .isEqualTo(Files.readAllBytes(web.resolve("charts/site/Chart.yaml")));
    assertThat(p.directory().list("manifests")).containsExactly("manifests/chain1.yaml",
        "manifests/chain2.yaml", "manifests/config.yaml", "manifests/copy.yaml",
        "manifests/up.yaml");
    // Rendering copies them as files: the rendered tree holds no link.
    RenderedFiles files = ProfileTesting.render(p, "w");
    assertThat(files.paths()).anySatisfy(f -> assertThat(f).endsWith("manifests/copy.yaml"));
    assertThat(files.bytes(files.paths().stream().filter(f -> f.endsWith("manifests/copy.yaml"))
        .findFirst().orElseThrow())).contains(config);
  }

  @Test
  void aProfileYamlLinkedInsideWorksAndOneLinkedOutsideIsRefused() throws Exception {
    Files.move(web.resolve("profile.yaml"), web.resolve("real-profile.yaml"));
    link("profile.yaml", "real-profile.yaml");
    assertThat(LocalProfiles.read(web).definition().name()).isEqualTo("web");

    Files.delete(web.resolve("profile.yaml"));
    Files.copy(web.resolve("real-profile.yaml"), outside,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    link("profile.yaml", "../../secret.yaml");
    refused(UnsafeContentException.class, "'profile.yaml' is a symbolic link to"
        + " '../../secret.yaml', outside the profile directory");

    Files.delete(web.resolve("profile.yaml"));
    link("profile.yaml", outside.toString());
    refused(UnsafeContentException.class, "'profile.yaml' is a symbolic link to '" + outside);
  }

  @Test
  void escapingAbsoluteDanglingDirectoryAndLoopingLinksAreRefused() throws Exception {
    String[][] cases = {
        {"manifests/passwd", "/etc/passwd", "outside the profile directory"},
        {"manifests/secret.yaml", "../../../secret.yaml", "outside the profile directory"},
        // Climbs out and back in: refused even though it ends inside, as git resolution does.
        {"manifests/back.yaml", "../../web/manifests/config.yaml", "outside the profile"},
        {"manifests/home", "~/.ssh/id_rsa", "outside the profile directory"},
        {"manifests/dangling.yaml", "nope.yaml", "which is nothing"},
        {"manifests/dir", "../charts", "which is a directory"},
        {"charts/site/templates", "../../manifests", "which is a directory"},
        {"manifests/self.yaml", "self.yaml", "or a loop"},
    };
    for (String[] c : cases) {
      fresh();
      link(c[0], c[1]);
      refused(UnsafeContentException.class, "'" + c[0] + "' is a symbolic link", c[2]);
    }
    fresh();
    link("manifests/ping.yaml", "pong.yaml");
    link("manifests/pong.yaml", "ping.yaml");
    refused(UnsafeContentException.class, "or a loop");
  }

  @Test
  void chainsOfLinksEndAfterAsManyHopsAsGitResolutionFollows() throws Exception {
    for (int i = 1; i <= 8; i++) {
      link("manifests/l" + i + ".yaml", i == 8 ? "config.yaml" : "l" + (i + 1) + ".yaml");
    }
    assertThat(LocalProfiles.read(web).directory().read("manifests/l1.yaml"))
        .isEqualTo(Files.readAllBytes(web.resolve("manifests/config.yaml")));
    link("manifests/l0.yaml", "l1.yaml");
    refused(UnsafeContentException.class, "'manifests/l0.yaml'", "chain of more than 8 links");
  }

  @Test
  void gitMetadataInAnySpellingIsRefusedButTheCheckoutsOwnIsSkipped() throws Exception {
    // A profile that is the root of a working copy: its .git is not part of the profile.
    Files.createDirectories(web.resolve(".git/objects"));
    Files.writeString(web.resolve(".git/config"), "[core]\n\thooksPath = /tmp/evil\n");
    assertThat(LocalProfiles.read(web).directory().list(".")).noneMatch(f -> f.contains(".git"));

    for (String entry : new String[] {"manifests/.git/config", "manifests/.GIT/config",
        "manifests/.Git", "charts/.git. ", "charts/git~1/config", "charts/GIT~1",
        "manifests/.g\u200cit/hooks/post-checkout", "manifests/.git::$INDEX_ALLOCATION",
        ".GIT/config", ".git.", "charts/site/.git"}) {
      fresh();
      Path file = web.resolve(entry);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "[core]\n");
      refused(UnsafeContentException.class, "git metadata");
    }
    fresh();
    // Not git metadata: names that merely start like it.
    Files.writeString(web.resolve("manifests/.gitignore"), "*.tmp\n");
    Files.writeString(web.resolve("manifests/.github"), "x\n");
    assertThat(LocalProfiles.read(web).directory().list("manifests"))
        .contains("manifests/.gitignore", "manifests/.github");
  }

  @Test
  void controlCharactersInPathsAreRefusedAndShownVisibly() throws Exception {
    for (String name : new String[] {"manifests/evil\nname.yaml", "manifests/tab\t.yaml",
        "manifests/esc\u001b[2J.yaml", "char\rts/x.yaml", "manifests/del\u007f.yaml",
        "manifests/c1\u0085.yaml"}) {
      fresh();
      Path file = web.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "x: 1\n");
      assertThatThrownBy(() -> LocalProfiles.read(web))
          .isInstanceOf(UnsafeContentException.class)
          .hasMessageContaining("control character")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("[\\n\\r\\t\\u001b]"));
    }
    fresh();
    link("manifests/ok.yaml", "con\nfig.yaml");
    refused(UnsafeContentException.class, "con\\u000afig.yaml");
  }

  @Test
  void specialFilesAreRefusedWithoutBeingOpened() throws Exception {
    Path fifo = web.resolve("manifests/pipe.yaml");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (java.io.IOException noMkfifo) {
      org.junit.jupiter.api.Assumptions.abort("mkfifo is not available");
      return;
    }
    assertThat(mkfifo.waitFor()).isZero();
    // Reading a FIFO nobody writes to would block forever: it must be refused unread.
    refused(UnsafeContentException.class, "'manifests/pipe.yaml' is neither a regular file");
  }

  @Test
  void filesAndDirectoriesOverTheLimitsAreRefusedBeforeBeingRead() throws Exception {
    try (RandomAccessFile big = new RandomAccessFile(web.resolve("manifests/big.bin").toFile(),
        "rw")) {
      big.setLength(LocalProfiles.MAX_FILE_SIZE + 1);
    }
    refused(SizeLimitExceededException.class, "'manifests/big.bin' is 16777217 bytes");
    Files.delete(web.resolve("manifests/big.bin"));

    for (int i = 0; i < 3; i++) {
      try (RandomAccessFile f = new RandomAccessFile(web.resolve("manifests/part" + i + ".bin")
          .toFile(), "rw")) {
        f.setLength(LocalProfiles.MAX_FILE_SIZE);
      }
    }
    // 48 MiB of files; links to them count again, as in git resolution.
    assertThat(LocalProfiles.read(web).directory().list("manifests")).hasSize(4);
    link("manifests/again.bin", "part0.bin");
    refused(SizeLimitExceededException.class, "holds more than " + LocalProfiles.MAX_TOTAL_SIZE);
  }

  @Test
  void aMissingOrNonRegularProfileYamlIsTyped() throws Exception {
    Files.delete(web.resolve("profile.yaml"));
    refused(MissingProfileYamlException.class, "no profile.yaml");
    Files.createDirectory(web.resolve("profile.yaml"));
    refused(MissingProfileYamlException.class, "no profile.yaml");
  }

  @Test
  void pathsAskedForAreContainedToo() throws Exception {
    ResolvedProfile p = LocalProfiles.read(web);
    for (String path : new String[] {"../secret.yaml", "/etc/passwd", "manifests/../../x",
        "manifests/\nconfig.yaml"}) {
      assertThatThrownBy(() -> p.directory().read(path)).as(path)
          .isInstanceOf(UnsafeContentException.class);
    }
    assertThat(new String(p.directory().read("manifests/../manifests/config.yaml"),
        StandardCharsets.UTF_8)).isNotEmpty();
  }

  @Test
  void aDirectoryGivenThroughALinkIsReadFromWhereItIs() throws Exception {
    Path viaLink = tmp.resolve("links/web");
    Files.createDirectories(viaLink.getParent());
    Files.createSymbolicLink(viaLink, web);
    assertThat(LocalProfiles.read(viaLink).directory().list("manifests"))
        .containsExactly("manifests/config.yaml");
  }
}
