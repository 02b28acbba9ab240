package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token-protected profile repository: a missing or refused token is one line saying so and
 * naming the flag, never JGit's API ("no CredentialsProvider has been registered"), and never
 * the token.
 */
class CliAuthTest {
  private static final String TOKEN = "t0ken-the-server-wants";

  @TempDir Path tmp;
  GitHttpServer server;
  ProfileRepoFixture upstream;

  @BeforeEach
  void setUp() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("srv"));
    upstream = ProfileRepoFixture.create(root.resolve("p.git"));
    upstream.file("app/m/cm.yaml", "kind: ConfigMap\nmetadata:\n  name: c\n")
        .profile("app", ProfileYamls.profile("app").kustomize("web", "m").toYaml())
        .commit("v1").tag("app/v1.0.0");
    server = GitHttpServer.builder(root).basicAuth("x-access-token", TOKEN).start();
  }

  @AfterEach
  void tearDown() {
    server.close();
    upstream.close();
  }

  private Cli.Run render(Map<String, String> env, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("render", "--profile-repo-url",
        server.url("p.git"), "--profile-tag", "app/v1.0.0", "--git-repository",
        "flux-system/flux-system", "--allow-http", "--no-progress"));
    args.addAll(List.of(more));
    return Cli.run(tmp.resolve("cache"), env, List.of(TOKEN, "wr0ng-t0ken"),
        args.toArray(String[]::new));
  }

  @Test
  void noTokenNamesTheFlagAndTheVariable() {
    Cli.Run r = render(Map.of());
    assertThat(r.code()).isEqualTo(Main.ERROR);
    assertThat(r.err()).isEqualTo("error: authentication failed for " + server.url("p.git")
        + ": the server asks for credentials and none were given; give a token with"
        + " --git-token or the GIT_TOKEN environment variable\n");
  }

  @Test
  void aRefusedTokenSaysSoWithoutShowingIt() {
    Cli.Run r = render(Map.of("GIT_TOKEN", "wr0ng-t0ken"));
    assertThat(r.code()).isEqualTo(Main.ERROR);
    assertThat(r.err()).isEqualTo("error: authentication failed for " + server.url("p.git")
        + ": the server refused the credentials given (--git-token or GIT_TOKEN)\n");
  }

  @Test
  void theRightTokenRenders() {
    Cli.Run r = render(Map.of(), "--git-token", TOKEN);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("kind: ConfigMap");
  }
}
