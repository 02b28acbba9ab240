package dev.profiles.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.rules.SafeUrls;
import dev.profiles.git.internal.FileTrees;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * For a password of any printable characters ({@code @ : % # ? \ }, spaces, non-ASCII; not
 * {@code /}, which ends a URL's authority), in an https, http, ssh or scp-like URL or in
 * {@link GitCredentials}, no piece of it shows in any output: {@link SafeUrls#redact}, {@link
 * ProfileSource#toString()}, {@link GitCredentials#toString()}, and every message in the
 * chain of causes of the failures of resolve and listVersions against a closed loopback port and against a
 * loopback server refusing the credentials.
 *
 * <p>"No piece" is made precise as: no substring of three or more characters of the password
 * (as given, percent-encoded or percent-decoded) appears in an output unless it also appears
 * in the same operation's output without any secret (a piece such as {@code 127} or {@code
 * git} of a password can stand in a message legitimately: it is part of the URL or of the
 * wording, and the baseline shows it).
 */
class CredentialLeakProperties {
  private static final int MIN_PIECE = 3;
  private static Path dir;
  private static GitHttpServer server;
  private static int closedPort;
  private static Path sshConfig;
  private static Path knownHosts;
  private static GitProfiles git;
  private static final java.util.Map<String, String> BASELINES = new java.util.HashMap<>();

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("credential-leaks");
    try (ProfileRepoFixture r = ProfileRepoFixture.create(dir.resolve("repos/p.git"))) {
      r.profile("p", ProfileYamls.profile("p").kustomize("k", "k").toYaml()).commit("p")
          .tag("p/v1.0.0");
    }
    server = GitHttpServer.builder(dir.resolve("repos")).basicAuth("u", "the-right-one").start();
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    sshConfig = Files.writeString(dir.resolve("ssh-config"),
        "Host gitserver\n  HostName 127.0.0.1\n  Port " + closedPort + "\n");
    knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
    git = GitProfiles.builder().cacheDirectory(dir.resolve("cache")).allowHttp(true)
        .sshConfig(sshConfig).credentials(GitCredentials.builder().knownHosts(knownHosts).build())
        .build();
  }

  @AfterContainer
  static void stop() throws Exception {
    git.close();
    server.close();
    FileTrees.delete(dir);
  }

  /** The URL shapes, as functions of the user-info (without the '@'), or null for none. */
  private static List<Function<String, String>> shapes() {
    String http = "127.0.0.1:" + server.port() + "/git/p.git";
    String closed = "127.0.0.1:" + closedPort + "/x.git";
    return List.of(
        ui -> "https://" + at(ui) + closed,
        ui -> "http://" + at(ui) + http,
        ui -> "ssh://" + at(ui) + closed,
        ui -> at(ui) + "gitserver:org/x.git");
  }

  private static String at(String userInfo) {
    return userInfo == null ? "" : userInfo + "@";
  }

  @Provide
  Arbitrary<String> passwords() {
    return Arbitraries.strings()
        .withCharRange(' ', '.').withCharRange('0', '~')
        .withChars('é', 'ß', '中', '€', '\u00a0')
        .ofMinLength(1).ofMaxLength(24);
  }

  @Property(tries = 60)
  void noPieceOfThePasswordIsEverShown(@ForAll("passwords") String password,
      @ForAll boolean percentEncoded) throws Exception {
    String written = percentEncoded
        ? URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20") : password;
    Set<String> forms = forms(password, written);
    List<Function<String, String>> shapes = shapes();
    for (int i = 0; i < shapes.size(); i++) {
      String url = shapes.get(i).apply("u:" + written);
      String baseline = baseline(i, shapes.get(i));
      assertNoPiece(forms, SafeUrls.redact(url), SafeUrls.redact(shapes.get(i).apply("u")));
      assertNoPiece(forms, ProfileSource.ofTag(url, "p/v1.0.0").toString(), baseline);
      assertNoPiece(forms, failures(git, url), baseline);
    }
    GitCredentials credentials = GitCredentials.basic("u", password)
        .withSshKey(dir.resolve("id"), Optional.of(password), knownHosts);
    String wording = GitCredentials.basic("u", "x")
        .withSshKey(dir.resolve("id"), Optional.of("x"), knownHosts).toString();
    assertNoPiece(forms, credentials.toString(), wording);
    try (GitProfiles withCredentials = GitProfiles.builder().cacheDirectory(dir.resolve("cache"))
        .allowHttp(true).sshConfig(sshConfig).credentials(credentials).build()) {
      for (int i = 0; i < shapes.size(); i++) {
        assertNoPiece(forms, failures(withCredentials, shapes.get(i).apply(null)),
            baseline(i, shapes.get(i)));
      }
    }
  }

  /** Everything the failures of resolving and listing {@code url} show, causes included. */
  private static String failures(GitProfiles g, String url) {
    StringBuilder out = new StringBuilder();
    try {
      g.resolve(ProfileSource.ofTag(url, "p/v1.0.0")).call();
      out.append("resolved");
    } catch (ProfilesException e) {
      out.append(stackTrace(e));
    }
    try {
      out.append(g.listVersions(url).call());
    } catch (ProfilesException e) {
      out.append(stackTrace(e));
    }
    return out.toString();
  }

  /**
   * What the operations show without any secret: no user-info, a bare user, and a user-info
   * that cannot be parsed; every legitimate wording is among them.
   */
  private static String baseline(int shape, Function<String, String> url) {
    return BASELINES.computeIfAbsent("shape" + shape, k -> {
      StringBuilder sb = new StringBuilder();
      for (String ui : new String[] {null, "u", "u:%zz", "u:x", "u:-x", "u:\\x"}) {
        sb.append(url.apply(ui)).append('\n').append(failures(git, url.apply(ui)));
      }
      return sb.toString();
    });
  }

  private static Set<String> forms(String password, String written) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(password);
    forms.add(written);
    forms.add(URLEncoder.encode(password, StandardCharsets.UTF_8));
    try {
      forms.add(URLDecoder.decode(password.replace("+", "%2B"), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      // No valid escapes: nothing to decode.
    }
    return forms;
  }

  private static void assertNoPiece(Set<String> forms, String output, String baseline) {
    List<String> leaked = new ArrayList<>();
    for (String form : forms) {
      for (int len = MIN_PIECE; len <= form.length(); len++) {
        for (int i = 0; i + len <= form.length(); i++) {
          String piece = form.substring(i, i + len);
          if (output.contains(piece) && !baseline.contains(piece)) {
            leaked.add(piece);
          }
        }
      }
    }
    assertThat(leaked).as("pieces of the password in:%n%s", output).isEmpty();
  }

  /**
   * What a stack trace shows of {@code e} but its frames (code locations, never secrets, and
   * full of digits that would pass for pieces of a password): every message of the chain of
   * causes and suppressed exceptions.
   */
  private static String stackTrace(Throwable e) {
    StringBuilder sb = new StringBuilder();
    java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>(List.of(e));
    Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    while (!todo.isEmpty()) {
      Throwable t = todo.pop();
      if (seen.add(t)) {
        sb.append(t).append('\n');
        if (t.getCause() != null) {
          todo.push(t.getCause());
        }
        todo.addAll(List.of(t.getSuppressed()));
      }
    }
    return sb.toString();
  }
}
