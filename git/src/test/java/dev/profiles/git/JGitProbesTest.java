package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.git.internal.ProbeAnswers;
import dev.profiles.git.internal.ProbeAnswers.SystemConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.util.FS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JGitProbesTest {
  @TempDir
  Path dir;

  private Path fakeGit(String binDir) throws Exception {
    Path git = Files.createDirectories(dir.resolve(binDir)).resolve("git");
    Files.writeString(git, "#!/bin/sh\nexit 1\n");
    Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwxr-xr-x"));
    return git;
  }

  @Test
  void systemConfigSitsInThePrefixOfTheFirstGitOnThePath() throws Exception {
    fakeGit("opt/git/bin");
    fakeGit("later/bin");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    String path = String.join(File.pathSeparator, "", empty.toString(),
        dir.resolve("missing").toString(), dir.resolve("opt/git/bin").toString(),
        dir.resolve("later/bin").toString());

    assertThat(ProbeAnswers.systemConfig(Map.of("PATH", path)))
        .isEqualTo(new SystemConfig.At(dir.resolve("opt/git/etc/gitconfig").toFile()));
  }

  @Test
  void aGitUnderUsrReadsEtcGitconfigAsGitsBuildPlacesIt() {
    // This machine's git is Debian's /usr/bin/git.
    assertThat(ProbeAnswers.systemConfig(Map.of("PATH", "/usr/bin")))
        .isEqualTo(Files.isExecutable(Path.of("/usr/bin/git"))
            ? new SystemConfig.At(new File("/etc/gitconfig"))
            : new SystemConfig.None());
  }

  @Test
  void theEnvironmentDecidesFirstAndUnknownLayoutsAreProbed() throws Exception {
    fakeGit("odd");
    String path = dir.resolve("odd").toString();

    assertThat(ProbeAnswers.systemConfig(Map.of("PATH", path))).isEqualTo(new SystemConfig.Probe());
    assertThat(ProbeAnswers.systemConfig(Map.of("PATH", path, "GIT_CONFIG_NOSYSTEM", "1")))
        .isEqualTo(new SystemConfig.Probe());
    assertThat(ProbeAnswers.systemConfig(Map.of("PATH", path, "GIT_CONFIG_SYSTEM", "/x/cfg")))
        .isEqualTo(new SystemConfig.At(new File("/x/cfg")));
    assertThat(ProbeAnswers.systemConfig(Map.of("PATH", dir.resolve("none").toString())))
        .isEqualTo(new SystemConfig.None());
    assertThat(ProbeAnswers.systemConfig(Map.of())).isEqualTo(new SystemConfig.None());
  }

  @Test
  void aNixOrGuixStoresGitIsProbedEvenThroughASymlink() throws Exception {
    Path nixGit = fakeGit("nix/store/abc123-git-2.47.0/bin");
    Path profile = Files.createDirectories(dir.resolve("run/current-system/sw/bin"));
    Files.createSymbolicLink(profile.resolve("git"), nixGit);
    fakeGit("gnu/store/xyz-git-2.46.0/bin");

    assertThat(ProbeAnswers.systemConfig(Map.of("PATH", profile.toString())))
        .isEqualTo(new SystemConfig.Probe());
    assertThat(ProbeAnswers.systemConfig(Map.of("PATH",
        dir.resolve("gnu/store/xyz-git-2.46.0/bin").toString())))
        .isEqualTo(new SystemConfig.Probe());
  }

  @Test
  void aDirectoryOrAPlainFileNamedGitIsNotGit() throws Exception {
    Files.createDirectories(dir.resolve("a/bin/git"));
    Path plain = Files.createDirectories(dir.resolve("b/bin")).resolve("git");
    Files.writeString(plain, "not executable");
    String path = dir.resolve("a/bin") + File.pathSeparator + dir.resolve("b/bin");

    assertThat(ProbeAnswers.systemConfig(Map.of("PATH", path))).isEqualTo(new SystemConfig.None());
  }

  @Test
  void everyUmaskLinuxCanPrintIsReadBack() {
    for (int mask = 0; mask <= 0777; mask++) {
      String status = "Name:\tjava\nUmask:\t" + String.format("%04o", mask) + "\nState:\tR\n";
      assertThat(ProbeAnswers.umask(status)).hasValue(mask);
    }
  }

  @Test
  void aStatusWithoutAReadableUmaskGivesNone() {
    assertThat(ProbeAnswers.umask("Name:\tjava\nState:\tR\n")).isEmpty();
    assertThat(ProbeAnswers.umask("Umask:\t\n")).isEmpty();
    assertThat(ProbeAnswers.umask("Umask:\t0999\n")).isEmpty();
    assertThat(ProbeAnswers.umask("Umask:\t01000\n")).isEmpty();
    assertThat(ProbeAnswers.umask("Umask:\t-1\n")).isEmpty();
    assertThat(ProbeAnswers.umask("Umask:\t0777777777777\n")).isEmpty();
  }

  @Test
  void theAnswersAreWhatJGitThenUses() throws Exception {
    FS fs = FS.DETECTED.newInstance();
    fakeGit("prefix/bin");
    Path status = dir.resolve("status");
    Files.writeString(status, "Name:\tjava\nUmask:\t0077\n");

    JGitProbes.answer(fs, Map.of("PATH", dir.resolve("prefix/bin").toString()), status);

    // The fake git exits 1: had JGit run it, it would have found no system config at all.
    assertThat(fs.getGitSystemConfig()).isEqualTo(dir.resolve("prefix/etc/gitconfig").toFile());
    Path file = Files.writeString(dir.resolve("hook"), "x");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(fs.setExecute(file.toFile(), true)).isTrue();
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    assertThat(perms).contains(PosixFilePermission.OWNER_EXECUTE)
        .doesNotContain(PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

    FS open = FS.DETECTED.newInstance();
    Files.writeString(status, "Name:\tjava\nUmask:\t0022\n");
    JGitProbes.answer(open, Map.of(), status);
    assertThat(open.getGitSystemConfig()).isNull();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(open.setExecute(file.toFile(), true)).isTrue();
    assertThat(Files.getPosixFilePermissions(file)).contains(PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_EXECUTE);
  }
}
