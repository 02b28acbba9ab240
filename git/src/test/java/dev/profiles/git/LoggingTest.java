package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a consumer sees on the console, in child JVMs that resolve over HTTP (a fetch, a cache
 * hit, a version listing):
 * <ul>
 *   <li>with no SLF4J provider on the class path, nothing at all: not even SLF4J's own "no
 *       providers" notice, which the SDK's {@code Loggers} turns off in exactly that case;
 *   <li>with a verbosity the application chose ({@code -Dslf4j.internal.verbosity=WARN}), the
 *       SDK leaves SLF4J alone and its notice appears;
 *   <li>with a binding at debug, the library's decisions (fetch, cache hit) with the URL
 *       redacted, and never the password.
 * </ul>
 */
class LoggingTest {
  private static final String PASSWORD = "n0t-in-any-log";
  @TempDir static Path repos;
  @TempDir Path tmp;
  private static GitHttpServer server;

  @BeforeAll
  static void start() {
    try (ProfileRepoFixture r = ProfileRepoFixture.create(repos.resolve("p.git"))) {
      r.profile("app", ProfileYamls.profile("app").kustomize("k", "k").toYaml())
          .file("app/k/a.yaml", "a: 1\n").commit("one").tag("app/v1.0.0");
    }
    server = GitHttpServer.builder(repos).basicAuth("bob", PASSWORD).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Run(int exit, String stdout, String stderr) {}

  private Run child(List<String> jvmOptions, String classPathPrefix) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPathPrefix + System.getProperty("java.class.path"));
    command.add(QuietMain.class.getName());
    command.add(tmp.resolve("cache").toString());
    command.add(server.urlWithCredentials("p.git", "bob", PASSWORD));
    command.add("app/v1.0.0");
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("child finished").isTrue();
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void withoutABindingNothingOfOursIsPrinted() throws Exception {
    Run run = child(List.of(), "");
    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.stdout().lines()).hasSize(2);
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void aVerbosityTheApplicationChoseIsLeftAlone() throws Exception {
    Run run = child(List.of("-Dslf4j.internal.verbosity=WARN"), "");
    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.stdout().lines()).hasSize(2);
    assertThat(run.stderr()).contains("SLF4J(W): No SLF4J providers were found.");
    assertThat(run.stderr().lines()).allSatisfy(l -> assertThat(l).startsWith("SLF4J(W): "));
  }

  @Test
  void withABindingTheDecisionsAreLoggedWithoutCredentials() throws Exception {
    String simple = System.getProperty("slf4j-simple.jar");
    assertThat(simple).as("surefire passes the slf4j-simple jar").isNotBlank();
    assertThat(Path.of(simple)).exists();
    Run run = child(List.of("-Dorg.slf4j.simpleLogger.log.dev.profiles=debug"),
        simple + File.pathSeparator);
    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.stderr()).contains("DEBUG dev.profiles.git - fetching [refs/tags/app/v1.0.0]")
        .contains("DEBUG dev.profiles.git - cache hit: [refs/tags/app/v1.0.0]")
        .contains("http://127.0.0.1:" + server.port())
        .doesNotContain(PASSWORD);
  }
}
