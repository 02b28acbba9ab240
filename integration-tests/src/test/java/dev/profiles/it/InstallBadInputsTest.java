package dev.profiles.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.InstallCommand;
import dev.profiles.core.install.InstallRefusedException;
import dev.profiles.core.install.RenderException;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ResolveException;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.testing.git.ProfileYamls;
import dev.profiles.testing.git.RepoState;
import dev.profiles.testing.junit.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input is refused with a precise error, and the GitOps repository (working tree,
 * index, refs, status) is byte for byte as it was.
 */
class InstallBadInputsTest {
  @TempDir
  Path tmp;
  private GitOpsFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new GitOpsFixture(tmp, true);
  }

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  private ProfileSource publish(String name, String yaml) {
    f.upstream.profile(name, yaml).commit("publish " + name).tag(name + "/v1.0.0");
    return ProfileSource.ofTag(f.url(), name + "/v1.0.0");
  }

  private InstallCommand install(ProfileSource source) {
    return f.profiles.install(f.repo).author(GitOpsFixture.BOT).source(source).name("inst");
  }

  private void assertUntouched(ThrowingCallable call, Class<? extends Throwable> type,
      String... messageParts) throws Exception {
    RepoState before = RepoState.capture(f.gitops);
    assertThatThrownBy(call).isInstanceOf(type).satisfies(e -> {
      for (String part : messageParts) {
        assertThat(e.getMessage()).contains(part);
      }
    });
    assertThat(RepoState.capture(f.gitops)).isEqualTo(before);
  }

  private ProfileSource okProfile() {
    f.upstream.file("ok/crds/crd.yaml", "kind: ConfigMap\n");
    return publish("ok", ProfileYamls.profile("ok").kustomize("crds", "crds").toYaml());
  }

  @Test
  void kustomizePathEscapingTheProfile() throws Exception {
    ProfileSource s = publish("esc", ProfileYamls.profile("esc").kustomize("x", "../other").toYaml());
    assertUntouched(() -> install(s).call(), InvalidDocumentException.class,
        "spec.artifacts[0].kustomize.path: '../other' must stay inside the profile directory");
  }

  @Test
  void chartPathEscapingTheProfile() throws Exception {
    String yaml = ProfileYamls.profile("esc").toYaml()
        + "    - name: c\n      chart:\n        path: a/../../b\n";
    ProfileSource s = publish("esc", yaml);
    assertUntouched(() -> install(s).call(), InvalidDocumentException.class,
        "spec.artifacts[0].chart.path: 'a/../../b' must stay inside the profile directory");
  }

  @Test
  void symlinkEscapingTheProfile() throws Exception {
    f.upstream.symlink("sl/manifests/passwd", "/etc/passwd");
    ProfileSource s = publish("sl", ProfileYamls.profile("sl").kustomize("m", "manifests").toYaml());
    assertUntouched(() -> install(s).call(), ProfilesException.class, "manifests/passwd",
        "/etc/passwd");
  }

  @Test
  void nestedArtifactNamesThatWouldCollideAreDisambiguated() throws Exception {
    f.upstream.file("inner/m/a.yaml", "a: 1\n");
    f.upstream.profile("inner", ProfileYamls.profile("inner").kustomize("x-y", "m").toYaml())
        .commit("inner").tag("inner/v1.0.0");
    f.upstream.file("outer/m/a.yaml", "a: 1\n");
    // outer's "x" nests inner's "x-y"; outer's own "x-y" renders NAME-x-y too.
    ProfileSource s = publish("outer", ProfileYamls.profile("outer").kustomize("x-y", "m")
        .nestedTag("x", f.url(), "inner/v1.0.0").toYaml());
    install(s).call();

    // Never emitted twice: the top-level artifact keeps its name, the nested one is named by
    // its path (docs/flux-render.md).
    assertThat(Files.readString(f.gitops.resolve("inst/artifacts/x-y/kustomize-flux.yaml")))
        .contains("  name: inst-x-y\n");
    assertThat(Files.readString(f.gitops.resolve("inst/artifacts/x/x-y/kustomize-flux.yaml")))
        .contains("  name: inst-x-x-y\n");
  }

  @Test
  void namesOver63CharactersAfterPrefixing() throws Exception {
    f.upstream.file("long/m/a.yaml", "a: 1\n");
    ProfileSource s = publish("long", ProfileYamls.profile("long")
        .kustomize("an-artifact-name-of-forty-characters-xx", "m").toYaml());
    assertUntouched(() -> f.profiles.install(f.repo).source(s)
        .name("an-installation-named-thirty-chars").call(), RenderException.class,
        "an-installation-named-thirty-chars-an-artifact-name-of-forty-characters-xx");
  }

  @Test
  void dependsOnCycleThroughANestedProfile() throws Exception {
    f.upstream.file("inner/m/a.yaml", "a: 1\n");
    f.upstream.profile("inner", ProfileYamls.profile("inner").kustomize("a", "m").toYaml())
        .commit("inner").tag("inner/v1.0.0");
    f.upstream.file("cyc/m/a.yaml", "a: 1\n");
    String yaml = "apiVersion: weave.works/v1alpha1\nkind: ProfileDefinition\nmetadata:\n"
        + "  name: cyc\nspec:\n  description: d\n  artifacts:\n"
        + "    - name: app\n      kustomize:\n        path: m\n      dependsOn:\n        - name: base\n"
        + "    - name: base\n      profile:\n        source:\n          url: \"" + f.url() + "\"\n"
        + "          tag: inner/v1.0.0\n      dependsOn:\n        - name: app\n";
    ProfileSource s = publish("cyc", yaml);
    assertUntouched(() -> install(s).call(), InvalidDocumentException.class,
        "dependency cycle: app -> base -> app");
  }

  @Test
  void selfIncludingProfile() throws Exception {
    ProfileSource s = publish("loop", ProfileYamls.profile("loop")
        .nestedTag("again", f.url(), "loop/v1.0.0").toYaml());
    assertUntouched(() -> install(s).call(), ProfilesException.class, "loop/v1.0.0");
  }

  @Test
  void existingTarget() throws Exception {
    ProfileSource s = okProfile();
    install(s).call();
    assertUntouched(() -> install(s).call(), InstallRefusedException.class,
        "'inst' already exists; choose another name or replace the installation explicitly");
  }

  @Test
  void replacingADirectoryThatHoldsAnotherInstallation() throws Exception {
    ProfileSource s = okProfile();
    install(s).call();
    Files.writeString(f.gitops.resolve("inst/profile-installation.yaml"),
        Files.readString(f.gitops.resolve("inst/profile-installation.yaml"))
            .replace("name: inst", "name: other"));
    try (var g = org.eclipse.jgit.api.Git.open(f.gitops.toFile())) {
      g.commit().setAll(true).setMessage("rename").setSign(false).call();
    }
    assertUntouched(() -> install(s).replaceExisting(true).call(), InstallRefusedException.class,
        "'inst' holds installation 'other', not 'inst'");
  }

  @Test
  void dirtyTargetWithAnUntrackedFile() throws Exception {
    ProfileSource s = okProfile();
    RepoState.write(f.gitops.resolve("inst/notes.txt"), "mine\n");
    assertUntouched(() -> install(s).call(), InstallRefusedException.class,
        "'inst' exists but holds no profile-installation.yaml, so it is no installation to"
            + " replace");
  }

  @Test
  void dirtyTargetWithAModifiedFile() throws Exception {
    ProfileSource s = okProfile();
    install(s).call();
    Files.writeString(f.gitops.resolve("inst/artifacts/crds/crds/crd.yaml"), "edited\n");
    assertUntouched(() -> install(s).replaceExisting(true).call(),
        InstallRefusedException.class, "'inst' has uncommitted changes",
        "inst/artifacts/crds/crds/crd.yaml");
  }

  @Test
  void readOnlyDirectory() throws Exception {
    ProfileSource s = okProfile();
    Path dir = Files.createDirectories(f.gitops.resolve("clusters"));
    Files.writeString(dir.resolve(".keep"), "");
    try (var g = org.eclipse.jgit.api.Git.open(f.gitops.toFile())) {
      g.add().addFilepattern("clusters").call();
      g.commit().setMessage("clusters").setSign(false).call();
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    // Root ignores permission bits; the immutable attribute stops root too.
    Process p = new ProcessBuilder(root ? new String[] {"chattr", "+i", dir.toString()}
        : new String[] {"chmod", "a-w", dir.toString()}).inheritIO().start();
    boolean locked = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    Prerequisites.require(locked, "cannot make a directory read-only here (chattr/chmod failed)");
    try {
      assertUntouched(() -> install(s).directory("clusters").call(), ProfilesException.class,
          "commit failed, nothing was changed");
    } finally {
      new ProcessBuilder(root ? new String[] {"chattr", "-i", dir.toString()}
          : new String[] {"chmod", "u+w", dir.toString()}).start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void missingGitRepositorySettings(@TempDir Path other) throws Exception {
    try (GitOpsFixture bare = new GitOpsFixture(other, false)) {
      bare.upstream.file("ok/crds/crd.yaml", "kind: ConfigMap\n")
          .profile("ok", ProfileYamls.profile("ok").kustomize("crds", "crds").toYaml())
          .commit("ok").tag("ok/v1.0.0");
      RepoState before = RepoState.capture(bare.gitops);
      assertThatThrownBy(() -> bare.profiles.install(bare.repo)
          .source(ProfileSource.ofTag(bare.url(), "ok/v1.0.0")).name("inst").call())
          .isInstanceOf(InstallRefusedException.class)
          .hasMessage("no Flux GitRepository is known for this GitOps repository: pass"
              + " gitRepository(namespace, name) or bootstrap .pctl/config.yaml");
      assertThat(RepoState.capture(bare.gitops)).isEqualTo(before);
    }
  }

  @Test
  void invalidDefaultValuesYaml() throws Exception {
    String yaml = ProfileYamls.profile("vals").toYaml()
        + "    - name: web\n      chart:\n        url: https://charts.example.com\n"
        + "        name: web\n        version: 1.0.0\n        defaultValues: |\n"
        + "          a: [unclosed\n";
    ProfileSource s = publish("vals", yaml);
    assertUntouched(() -> install(s).call(), InvalidDocumentException.class,
        "spec.artifacts[0].chart.defaultValues: defaultValues is not valid YAML");
  }

  @Test
  void defaultValuesThatAreNotAMapping() throws Exception {
    String yaml = ProfileYamls.profile("vals").toYaml()
        + "    - name: web\n      chart:\n        url: https://charts.example.com\n"
        + "        name: web\n        version: 1.0.0\n        defaultValues: just text\n";
    ProfileSource s = publish("vals", yaml);
    assertUntouched(() -> install(s).call(), InvalidDocumentException.class,
        "defaultValues must be a YAML mapping of Helm values");
  }

  @Test
  void missingTag() throws Exception {
    okProfile();
    assertUntouched(() -> install(ProfileSource.ofTag(f.url(), "ok/v9.9.9")).call(),
        ResolveException.class, "ok/v9.9.9");
  }

  @Test
  void missingProfileDirectory() throws Exception {
    okProfile();
    assertUntouched(() -> install(ProfileSource.ofBranch(f.url(), "main", "nowhere")).call(),
        ResolveException.class, "nowhere");
  }

  @Test
  void invalidProfileYaml() throws Exception {
    ProfileSource s = publish("bad", ProfileYamls.profile("bad").kustomize("crds", "crds").toYaml()
        .replace("  description:", "  colour: blue\n  description:"));
    assertUntouched(() -> install(s).call(), InvalidDocumentException.class,
        "bad/profile.yaml:6:3: spec.colour: unknown field 'colour'");
  }

  @Test
  void localKustomizeDirectoryMissing() throws Exception {
    ProfileSource s = publish("nodir", ProfileYamls.profile("nodir").kustomize("crds", "absent")
        .toYaml());
    assertUntouched(() -> install(s).call(), ProfilesException.class, "absent");
  }

  @Test
  void invalidInstallationName() throws Exception {
    ProfileSource s = okProfile();
    assertUntouched(() -> install(s).name("My_Nginx").call(), InstallRefusedException.class,
        "metadata.name: 'My_Nginx' is not a DNS-1123 label");
  }

  @Test
  void invalidNamespace() throws Exception {
    ProfileSource s = okProfile();
    assertUntouched(() -> install(s).namespace("Team A").call(), InstallRefusedException.class,
        "metadata.namespace: 'Team A' is not a DNS-1123 label");
  }

  @Test
  void outputDirectoryEscapingTheRepository() throws Exception {
    ProfileSource s = okProfile();
    assertUntouched(() -> install(s).directory("../outside").call(),
        InstallRefusedException.class, "directory: '../outside' must stay inside");
  }

  @Test
  void unknownRepository() throws Exception {
    assertUntouched(() -> install(ProfileSource.ofTag(tmp.resolve("nope.git").toUri().toString(),
        "x/v1.0.0")).call(), ResolveException.class, "nope.git");
  }

  @Test
  void invalidPctlConfig() throws Exception {
    ProfileSource s = okProfile();
    Files.writeString(f.gitops.resolve(".pctl/config.yaml"), "gitRepository: flux-system\n");
    try (var g = org.eclipse.jgit.api.Git.open(f.gitops.toFile())) {
      g.commit().setAll(true).setMessage("break config").setSign(false).call();
    }
    assertUntouched(() -> install(s).call(), InvalidDocumentException.class,
        ".pctl/config.yaml:1:16: gitRepository: expected a mapping, found a string");
  }
}
