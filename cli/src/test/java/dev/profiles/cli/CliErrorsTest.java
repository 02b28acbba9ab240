package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad command lines exit 2 with picocli's message naming the flag (or parameter) and the
 * expected form, before anything is fetched or written: one case per new flag and form.
 */
class CliErrorsTest {
  @TempDir
  Path tmp;

  static Stream<Arguments> badCommandLines() {
    String src = "--profile-repo-url=file:///nowhere/r.git";
    return Stream.of(
        Arguments.of(List.of("render", src, "--git-repository", "a/b", "--no-progress=maybe"),
            List.of("'--no-progress'", "'maybe'", "boolean")),
        Arguments.of(List.of("render", src, "--git-repository", "a/b", "--allow-http=sure"),
            List.of("'--allow-http'", "'sure'", "boolean")),
        Arguments.of(List.of("render", src, "--git-repository", "a/b", "--ssh-key"),
            List.of("'--ssh-key'", "FILE")),
        Arguments.of(List.of("render", src, "--git-repository", "a/b", "--ssh-key", "/no/key"),
            List.of("'--ssh-key'", "'/no/key'", "expected FILE")),
        Arguments.of(List.of("get", "--installed", "--known-hosts", "/no/known_hosts"),
            List.of("'--known-hosts'", "expected FILE")),
        Arguments.of(List.of("add", src, "--ssh-passphrase-env", "my-pass"),
            List.of("'--ssh-passphrase-env'", "'my-pass'", "expected NAME")),
        Arguments.of(List.of("render", src), List.of("--git-repository=NS/NAME", "--git-dir")),
        Arguments.of(List.of("render", src, "--git-repository", "a/b", "--list", "-o", "yaml"),
            List.of("--list", "-o yaml", "mutually exclusive")),
        Arguments.of(List.of("render", src, "--git-repository", "a/b", "-o", "table"),
            List.of("'--output'", "[text, json, yaml]")),
        Arguments.of(List.of("render", src, "--git-repository", "flux-system"),
            List.of("'--git-repository'", "NAMESPACE/NAME")),
        Arguments.of(List.of("render", "team/app/v1/extra", "--git-repository", "a/b"),
            List.of("CATALOG/PROFILE[/VERSION]", "'team/app/v1/extra'", "CATALOG/PROFILE/VERSION")),
        Arguments.of(List.of("render", "/app", "--git-repository", "a/b"),
            List.of("CATALOG/PROFILE[/VERSION]", "'/app'")),
        Arguments.of(List.of("render", src, "--profile-tag", "a/v1", "--profile-branch", "main",
            "--git-repository", "a/b"), List.of("--profile-tag", "--profile-branch")),
        Arguments.of(List.of("render", "team/app", "--profile-tag", "app/v1", "--git-repository",
            "a/b"), List.of("--profile-tag", "--profile-repo-url", "CATALOG/PROFILE/VERSION")),
        Arguments.of(List.of("add", "team/app", src), List.of("not both")),
        Arguments.of(List.of("get", "team/app/v1/extra"),
            List.of("'CATALOG/PROFILE'", "'team/app/v1/extra'", "form CATALOG/PROFILE",
                "-p VERSION")),
        Arguments.of(List.of("render", src, "--git-repository", "a/b", "--bogus"),
            List.of("--bogus")));
  }

  @ParameterizedTest
  @MethodSource("badCommandLines")
  void exits2NamingTheFlagAndTheExpectedForm(List<String> args, List<String> expected) {
    Path cache = tmp.resolve("cache");
    Cli.Run r = Cli.run(cache, Map.of(), List.of(), args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains(expected);
    // Usage errors are found before anything is fetched: no cache was even created.
    assertThat(cache).doesNotExist();
  }

  @org.junit.jupiter.api.Test
  void aPlainHttpRepositoryIsRefusedNamingTheFlagThatAllowsIt() {
    Cli.Run r = Cli.run(tmp.resolve("cache"), Map.of(), List.of(), "render",
        "--profile-repo-url", "http://127.0.0.1:9/profiles.git", "--profile-tag", "app/v1.0.0",
        "--git-repository", "a/b");
    assertThat(r.code()).isEqualTo(Main.ERROR);
    assertThat(r.err()).isEqualTo("error: source: 'http://127.0.0.1:9/profiles.git' uses plain"
        + " http, which sends credentials and content unprotected; use https, or allow http"
        + " explicitly with --allow-http\n");
  }
}
