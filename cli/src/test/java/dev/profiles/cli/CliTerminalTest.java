package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import dev.profiles.testing.junit.Prerequisites;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar on a real terminal: the CLI runs as a process in a tmux pane (a real pty:
 * stderr's detection is the product's own, nothing forced) against a loopback smart-HTTP git
 * server, and the pane's screen is read back with {@code capture-pane}.
 */
class CliTerminalTest {
  private static final Path TMUX = Path.of("/usr/bin/tmux");

  @TempDir
  Path tmp;
  ProfileRepoFixture upstream;
  GitHttpServer server;
  String socket;

  @BeforeEach
  void setUp() {
    Prerequisites.require(Files.isExecutable(TMUX), "tmux at " + TMUX);
    Path root = tmp.resolve("srv");
    upstream = ProfileRepoFixture.create(root.resolve("profiles.git"));
    for (int i = 0; i < 30; i++) {
      upstream.file("app/m/f" + i + ".yaml", "n: " + i + "\n");
    }
    upstream.profile("app", ProfileYamls.profile("app").kustomize("web", "m").toYaml())
        .commit("v1").tag("app/v1.0.0");
    server = GitHttpServer.builder(root).start();
    // A tmux server of our own (its own socket): nothing of the user's tmux is touched.
    socket = "profiles-cli-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.close();
    }
    if (upstream != null) {
      upstream.close();
    }
    if (socket != null) {
      tmux("kill-server");
    }
  }

  private String tmux(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(TMUX.toString(), "-L", socket));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * Runs {@code profiles render ...} in a fresh 120x30 pane, stdout to a file and stderr to the
   * terminal, and returns the pane's screen (with its escape sequences when {@code escapes})
   * once the command has exited.
   */
  private String screen(String name, String env, boolean escapes, String... extra)
      throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> cmd = new ArrayList<>(List.of(java, "-cp",
        System.getProperty("java.class.path"), "dev.profiles.cli.Main", "render", "--name",
        "inst", "--profile-repo-url", server.url("profiles.git"), "--profile-tag",
        "app/v1.0.0", "--profile-path", "app", "--git-repository", "a/b", "--allow-http",
        "--cache-dir", tmp.resolve("cache-" + name).toString()));
    cmd.addAll(List.of(extra));
    StringBuilder script = new StringBuilder("cd ").append(quote(tmp.toString())).append('\n')
        .append("env -u PROFILES_TERMINAL -u NO_COLOR ").append(env);
    for (String c : cmd) {
      script.append(' ').append(quote(c));
    }
    script.append(" >").append(quote(tmp.resolve(name + ".out").toString()))
        .append("\necho \"EXIT=$?\"\nsleep 600\n");
    Path sh = Files.writeString(tmp.resolve(name + ".sh"), script.toString());
    tmux("new-session", "-d", "-x", "120", "-y", "30", "-s", name, "sh " + sh);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String pane = "";
    while (System.nanoTime() < deadline) {
      pane = tmux("capture-pane", "-p", "-t", name);
      if (pane.contains("EXIT=")) {
        return escapes ? tmux("capture-pane", "-p", "-e", "-t", name) : pane;
      }
      Thread.sleep(100);
    }
    fail("the command did not finish in the pane; screen:\n" + pane);
    return pane;
  }

  @Test
  void aBarIsDrawnOnTheTerminalAndNoProgressDrawsNone() throws Exception {
    String bar = screen("bar", "TERM=xterm-256color", false);
    assertThat(bar).contains("EXIT=0");
    assertThat(bar).containsPattern(
        "Receiving objects +\\[#{24}\\] 100% \\((\\d+)/\\1\\), done\\.");
    // Redrawn in place: the phase is one line on the screen, however many updates it had.
    assertThat(bar.lines().filter(l -> l.startsWith("Receiving objects"))).hasSize(1);
    assertThat(Files.readString(tmp.resolve("bar.out"))).startsWith("---\n# Source: ");

    String coloured = screen("colour", "TERM=xterm-256color", true);
    assertThat(coloured).contains("\u001b[32m#");

    String noColor = screen("nocolor", "TERM=xterm-256color NO_COLOR=1", true);
    assertThat(noColor).contains("EXIT=0").contains("] 100% (").doesNotContain("\u001b[32m");

    String none = screen("none", "TERM=xterm-256color", false, "--no-progress");
    assertThat(none).contains("EXIT=0").doesNotContain("%").doesNotContain("Receiving")
        .doesNotContain("[#");
    assertThat(Files.readString(tmp.resolve("none.out")))
        .isEqualTo(Files.readString(tmp.resolve("bar.out")));
  }
}
