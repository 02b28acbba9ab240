package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.testing.git.GitOpsRepoFixture;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress on stderr, in-process: plain lines when stderr is not a terminal, bars when it is
 * (forced with PROFILES_TERMINAL, as a test cannot own a terminal; {@link CliTerminalTest}
 * runs on a real one), NO_COLOR and TERM=dumb, --no-progress.
 */
class CliProgressTest {
  @TempDir
  Path tmp;
  ProfileRepoFixture upstream;
  GitOpsRepoFixture gitopsRepo;

  @BeforeEach
  void setUp() {
    upstream = ProfileRepoFixture.create(tmp.resolve("upstream.git"));
    for (int i = 0; i < 20; i++) {
      upstream.file("app/m/f" + i + ".yaml", "n: " + i + "\n");
    }
    upstream.profile("app", ProfileYamls.profile("app").kustomize("web", "m").toYaml())
        .commit("v1").tag("app/v1.0.0");
    gitopsRepo = GitOpsRepoFixture.create(tmp.resolve("gitops")).withUser("Ops", "o@e.com");
  }

  @AfterEach
  void tearDown() {
    upstream.close();
    gitopsRepo.close();
  }

  /** A render with a fresh cache, so that there is a fetch to report. */
  private Cli.Run render(Map<String, String> env, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("render", "--name", "inst",
        "--profile-repo-url", upstream.url(), "--profile-tag", "app/v1.0.0",
        "--profile-path", "app", "--git-repository", "a/b"));
    args.addAll(List.of(more));
    return Cli.run(tmp.resolve("cache-" + System.nanoTime()), env, List.of(),
        args.toArray(String[]::new));
  }

  @Test
  void notATerminalPrintsOnePlainLinePerPhase() {
    Cli.Run r = render(Map.of());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("\r").doesNotContain("\u001b").doesNotContain("[#");
    List<String> lines = r.err().lines().toList();
    assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l).endsWith(", done."));
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("Receiving objects: 100% \\((\\d+)/\\1\\), done\\."));
    assertThat(lines).doesNotHaveDuplicates();
    assertThat(r.out()).startsWith("---\n# Source: ");
  }

  @Test
  void aTerminalGetsABarRedrawnInPlaceInColour() {
    Cli.Run r = render(Map.of(Terminal.OVERRIDE, "yes", "TERM", "xterm"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("\r").contains("\u001b[32m")
        .containsPattern("Receiving objects +\\[\u001b\\[32m#{24}\u001b\\[0m\\] 100% \\((\\d+)/\\1\\), done\\.");
    // Each phase ends its line; between, the bar is only ever rewritten with \r.
    for (String line : r.err().split("\n")) {
      assertThat(line).startsWith("\r");
    }
  }

  @Test
  void noColorAndDumbTerminalsGetNoAnsiButStillABar() {
    for (Map<String, String> env : List.of(Map.of(Terminal.OVERRIDE, "yes", "NO_COLOR", "1"),
        Map.of(Terminal.OVERRIDE, "yes", "NO_COLOR", "anything"),
        Map.of(Terminal.OVERRIDE, "yes", "TERM", "dumb"))) {
      Cli.Run r = render(env);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).as(env.toString()).doesNotContain("\u001b").contains("\r")
          .containsPattern("Receiving objects +\\[#{24}\\] 100%");
    }
    // An empty NO_COLOR is no request (no-color.org): colour stays.
    Map<String, String> empty = new HashMap<>(Map.of(Terminal.OVERRIDE, "yes", "NO_COLOR", ""));
    assertThat(render(empty).err()).contains("\u001b[32m");
  }

  @Test
  void noProgressPrintsNothingOnStderrEvenOnATerminal() {
    Cli.Run plain = render(Map.of(), "--no-progress");
    Cli.Run tty = render(Map.of(Terminal.OVERRIDE, "yes"), "--no-progress");
    assertThat(plain.code()).isZero();
    assertThat(tty.code()).isZero();
    assertThat(plain.err()).isEmpty();
    assertThat(tty.err()).isEmpty();
    assertThat(tty.out()).isEqualTo(plain.out());
  }

  @Test
  void aCachedRenderHasNothingToReport() {
    Path cache = tmp.resolve("shared-cache");
    List<String> args = List.of("render", "--name", "inst", "--profile-repo-url",
        upstream.url(), "--profile-tag", "app/v1.0.0", "--profile-path", "app",
        "--git-repository", "a/b");
    Cli.Run first = Cli.run(cache, Map.of(), List.of(), args.toArray(String[]::new));
    Cli.Run second = Cli.run(cache, Map.of(), List.of(), args.toArray(String[]::new));
    assertThat(first.err()).contains("Receiving objects");
    assertThat(second.err()).doesNotContain("Receiving objects");
    assertThat(second.out()).isEqualTo(first.out());
  }

  @Test
  void aFetchCutShortEndsItsBarBeforeTheErrorLine() throws Exception {
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 40; i++) {
      byte[] noise = new byte[4096];
      random.nextBytes(noise);
      upstream.file("app/m/big" + i + ".yaml",
          "data: " + java.util.Base64.getEncoder().encodeToString(noise) + "\n");
    }
    upstream.commit("big").tag("app/v2.0.0");
    try (dev.profiles.testing.git.GitHttpServer server =
        dev.profiles.testing.git.GitHttpServer.builder(tmp).start()) {
      server.stopDuringNextFetch(20_000);
      Cli.Run r = Cli.run(tmp.resolve("cache-cut"), Map.of(Terminal.OVERRIDE, "yes"), List.of(),
          "render", "--name", "inst", "--profile-repo-url", server.url("upstream.git"),
          "--profile-tag", "app/v2.0.0", "--profile-path", "app", "--git-repository", "a/b",
          "--allow-http");
      assertThat(r.code()).as(r.err()).isEqualTo(Main.ERROR);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).contains("\r");
      // The phase the cut interrupted shows how far it got, and does not claim to be done.
      java.util.regex.Matcher m = java.util.regex.Pattern
          .compile("\\((\\d+)/(\\d+)\\)(, done\\.)?").matcher(r.err());
      boolean unfinished = false;
      while (m.find()) {
        if (m.group(3) != null) {
          assertThat(m.group(1)).as(m.group()).isEqualTo(m.group(2));
        }
        unfinished |= !m.group(1).equals(m.group(2));
      }
      assertThat(unfinished).as("the cut left a phase unfinished").isTrue();
      String last = r.err().substring(r.err().stripTrailing().lastIndexOf('\n') + 1);
      assertThat(last).startsWith("error: ");
      assertThat(r.err().lines().filter(l -> l.contains("error: "))).hasSize(1)
          .allSatisfy(l -> assertThat(l).startsWith("error: "));
    }
  }

  @Test
  void aBarLeftOpenIsEndedOnCloseAndLaterReportsAreIgnored() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressPrinter p = new ProgressPrinter(err, new Terminal(true, false));
    p.start("Receiving objects", 10);
    p.update(3);
    p.close();
    p.update(7);
    p.end();
    p.start("Resolving deltas", 5);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).endsWith("Receiving objects   [#######-----------------]  30% (3/10)\n")
        .doesNotContain("done").doesNotContain("Resolving");
    // Plain output prints nothing for a phase that never ended.
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    ProgressPrinter q = new ProgressPrinter(new PrintStream(plain, true, StandardCharsets.UTF_8),
        new Terminal(false, false));
    q.start("Receiving objects", 10);
    q.update(3);
    q.close();
    assertThat(plain.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private static String draw(Terminal terminal, List<Integer> totals, List<Integer> steps) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressPrinter p = new ProgressPrinter(err, terminal);
    for (int i = 0; i < totals.size(); i++) {
      p.start("Task " + i, totals.get(i));
      for (int s : steps) {
        p.update(s);
      }
      p.end();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Property(tries = 200)
  void plainOutputIsOneLinePerPhaseWhateverTheUpdates(
      @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 0, max = 5000) Integer> totals,
      @ForAll @Size(max = 300) List<@IntRange(min = -3, max = 400) Integer> steps) {
    String out = draw(new Terminal(false, false), totals, steps);
    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(totals.size());
    long sum = steps.stream().filter(n -> n > 0).mapToLong(Integer::longValue).sum();
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i)).startsWith("Task " + i + ": ");
      boolean finished = totals.get(i) == 0 || sum >= totals.get(i);
      assertThat(lines.get(i).endsWith(", done.")).as(lines.get(i)).isEqualTo(finished);
    }
    assertThat(out).doesNotContain("\r");
  }

  @Property(tries = 200)
  void aBarIsRedrawnOnlyWhenItsPercentageChanges(
      @ForAll @IntRange(min = 1, max = 100_000) int total,
      @ForAll @Size(max = 500) List<@IntRange(min = 0, max = 1000) Integer> steps) {
    String out = draw(new Terminal(true, false), List.of(total), steps);
    long redraws = out.chars().filter(c -> c == '\r').count();
    // the first draw, at most one per percent, and the final one
    assertThat(redraws).isBetween(2L, 102L);
    long sum = steps.stream().mapToLong(Integer::longValue).sum();
    String last = out.substring(out.lastIndexOf('\r') + 1).strip();
    long percent = Math.min(100, sum * 100 / total);
    assertThat(last).endsWith(String.format("%3d%% (%d/%d)%s", percent,
        Math.min(sum, total), total, sum >= total ? ", done." : ""));
    assertThat(last).contains("[" + "#".repeat((int) (percent * ProgressPrinter.BAR / 100)));
    assertThat(out).endsWith(System.lineSeparator()).doesNotContain("\u001b");
  }
}
