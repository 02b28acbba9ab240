package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code bin/profiles} launcher of the distribution, run as a process: an
 * installation laid out as the distribution is ({@code bin/}, {@code lib/*.jar}) from this
 * build's class path, with the default settings a newcomer has.
 */
class LauncherTest {
  @TempDir Path tmp;

  private Path install() throws IOException {
    Path home = tmp.resolve("profiles");
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path lib = Files.createDirectories(home.resolve("lib"));
    Path launcher = bin.resolve("profiles");
    Files.copy(Path.of("src/dist/bin/profiles"), launcher);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (entry.contains("test-classes")) {
        continue;
      }
      Path target = lib.resolve(n++ + "-" + p.getFileName() + (Files.isDirectory(p) ? ".jar" : ""));
      if (Files.isDirectory(p)) {
        jar(p, target);
      } else {
        Files.copy(p, target);
      }
    }
    return launcher;
  }

  private static void jar(Path classes, Path target) throws IOException {
    try (OutputStream out = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(out); Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        jar.write(Files.readAllBytes(f));
        jar.closeEntry();
      }
    }
  }

  private record Run(int exit, String out) {}

  private Run run(Path launcher, Path dir, String... args) throws Exception {
    return run(launcher, dir, Map.of(), args);
  }

  private Run run(Path launcher, Path dir, Map<String, String> extra, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("HOME", tmp.resolve("home").toString());
    env.remove("PROFILES_CDS");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.putAll(extra);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Run(p.exitValue(), out);
  }

  @Test
  void theLauncherRunsCommandsWithTheirExitCodes() throws Exception {
    Path launcher = install();
    Path gitops = tmp.resolve("gitops");
    try (Git git = Git.init().setDirectory(gitops.toFile()).setInitialBranch("main").call()) {
      git.getRepository().getConfig().setString("user", null, "name", "Me");
      git.getRepository().getConfig().setString("user", null, "email", "me@example.com");
      git.getRepository().getConfig().save();
      Files.writeString(gitops.resolve("README.md"), "x\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("init").setSign(false).call();
    }

    Run bootstrap = run(launcher, gitops, "bootstrap", "--git-repository",
        "flux-system/flux-system");
    // A first run that does real work (on a fresh cache): the JVM must exit cleanly.
    assertThat(bootstrap.exit()).as(bootstrap.out()).isZero();
    assertThat(bootstrap.out()).startsWith("bootstrapped").doesNotContain("fatal error");
    Run version = run(launcher, gitops, "version");
    assertThat(version.exit()).as(version.out()).isZero();
    assertThat(version.out()).startsWith("profiles ");
    Run listed = run(launcher, gitops, "get", "--installed");
    assertThat(listed.exit()).as(listed.out()).isZero();
    assertThat(listed.out()).startsWith("NAMESPACE");
    Run again = run(launcher, gitops, "get", "--installed");
    assertThat(again.exit()).as(again.out()).isZero();

    Run bad = run(launcher, gitops, "get", "--bogus");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.out()).contains("Unknown option: '--bogus'");
    try (Stream<Path> left = Files.list(gitops)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
    }
  }

  @Test
  void onOneOrTwoCpusTheJvmCompilesWithOneCompilerThreadElseWithItsOwnCount() throws Exception {
    Path launcher = install();
    String online = Files.readString(Path.of("/sys/devices/system/cpu/online")).strip();
    boolean few = online.equals("0") || online.equals("0-1");
    Run flags = run(launcher, tmp, Map.of("PROFILES_OPTS", "-XX:+PrintFlagsFinal"), "version");
    assertThat(flags.exit()).as(flags.out()).isZero();
    String count = flags.out().lines().filter(l -> l.matches("\\s*intx CICompilerCount\\s+=.*"))
        .findFirst().orElseThrow(() -> new AssertionError("no CICompilerCount in " + flags.out()));
    if (few) {
      assertThat(count).as("CPUs online: " + online).matches(".*= 1\\s.*\\{command line\\}.*");
    } else {
      assertThat(count).as("CPUs online: " + online).doesNotContain("{command line}");
    }
    assertThat(flags.out()).contains("profiles ");
    // A user who turns tiered compilation back on gets the JVM's count: it refuses one then.
    Run tiered = run(launcher, tmp, Map.of("PROFILES_OPTS", "-XX:TieredStopAtLevel=4"),
        "version");
    assertThat(tiered.exit()).as(tiered.out()).isZero();
    assertThat(tiered.out()).startsWith("profiles ");
  }
}
