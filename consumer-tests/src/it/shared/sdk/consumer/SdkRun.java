package consumer;

import dev.profiles.catalog.client.CatalogClient;
import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.core.install.InstallResult;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.Signature;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.yaml.ProfileYaml;
import dev.profiles.flux.FluxRenderer;
import dev.profiles.git.GitProfiles;
import dev.profiles.git.gitops.GitOpsRepositories;
import dev.profiles.git.gitops.JGitOpsRepository;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The SDK as a user's program uses it (profile.yaml, an install into a GitOps repository, an
 * embedded catalog server queried with the catalog client), all on loopback; shared by every
 * consumer project, each of which adds what it tests (fabric8 beside the SDK, the module path).
 */
public final class SdkRun {
  private SdkRun() {}

  /**
   * Runs the SDK's part with stdout and stderr captured: anything printed while the SDK works
   * fails the run (exit 2) unless {@code -Dconsumer.requireSilence=false}.
   */
  public static String silently() throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    Path work = Files.createTempDirectory("consumer");
    String summary;
    try {
      summary = sdk(work);
    } finally {
      System.setOut(out);
      System.setErr(err);
      deleteTree(work);
    }
    String printed = console.toString(StandardCharsets.UTF_8);
    if (!printed.isEmpty()) {
      err.println("The console was not silent:\n" + printed);
      if (Boolean.parseBoolean(System.getProperty("consumer.requireSilence", "true"))) {
        System.exit(2);
      }
    }
    return summary;
  }

  private static String sdk(Path work) throws Exception {
    Path upstream = work.resolve("profiles-repo");
    write(upstream.resolve("web/profile.yaml"), """
        apiVersion: weave.works/v1alpha1
        kind: ProfileDefinition
        metadata:
          name: web
        spec:
          description: nginx and its manifests
          artifacts:
            - name: server
              chart:
                url: https://charts.bitnami.com/bitnami
                name: nginx
                version: 8.9.1
                defaultValues: |
                  replicaCount: 2
            - name: extras
              kustomize:
                path: manifests
        """);
    write(upstream.resolve("web/manifests/kustomization.yaml"), """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - namespace.yaml
        """);
    write(upstream.resolve("web/manifests/namespace.yaml"), """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: web
        """);
    ProfileDefinition definition = ProfileYaml.strict()
        .readProfile(upstream.resolve("web/profile.yaml"));
    check(definition.name().equals("web"), "profile.yaml read");
    PersonIdent author = new PersonIdent("Author", "author@example.com");
    try (Git git = Git.init().setDirectory(upstream.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("web 1.0.0").setAuthor(author).setCommitter(author)
          .setSign(false).call();
      git.tag().setName("web/1.0.0").setAnnotated(false).call();
    }
    Path gitops = work.resolve("gitops");
    try (Git git = Git.init().setDirectory(gitops.toFile()).setInitialBranch("main").call()) {
      write(gitops.resolve("README.md"), "# cluster\n");
      git.add().addFilepattern("README.md").call();
      git.commit().setMessage("Initial commit").setAuthor(author).setCommitter(author)
          .setSign(false).call();
    }

    String installed;
    try (GitProfiles git = GitProfiles.builder().cacheDirectory(work.resolve("cache")).build();
        JGitOpsRepository repo = GitOpsRepositories.open(gitops)) {
      Profiles profiles = Profiles.builder().resolver(git.asResolver())
          .renderer(new FluxRenderer()).build();
      Signature bot = Signature.of("Consumer", "consumer@example.com");
      profiles.bootstrap(repo).author(bot)
          .gitRepository(GitRepositoryReference.of("flux-system", "flux-system")).call();
      InstallResult result = profiles.install(repo).author(bot)
          .source(ProfileSource.ofTag(upstream.toUri().toString(), "web/1.0.0"))
          .name("my-web").call();
      Path dir = gitops.resolve(result.directory());
      try (Stream<Path> files = Files.walk(dir)) {
        installed = files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
            .sorted().toList().toString();
      }
      check(installed.contains("profile-installation.yaml"), "installation record written");
    }

    Path sources = Files.createDirectories(work.resolve("catalog-sources"));
    ProfileCatalogSource team = ProfileCatalogSource.builder().name("team")
        .addProfile(CatalogEntry.builder().name("web").tag("web/1.0.0")
            .description("nginx").url("https://github.com/org/profiles").build())
        .build();
    Files.writeString(sources.resolve("team.yaml"), ProfileYaml.strict().writeCatalogSource(team));
    CatalogEntry found;
    List<CatalogEntry> all;
    try (CatalogServer server = CatalogServer.builder().sources(sources).port(0).build().start()) {
      server.refresh();
      CatalogClient client = CatalogClient.builder().baseUrl(server.uri()).build();
      found = client.get("team", "web");
      all = client.search("");
    }
    check(found.tag().orElseThrow().equals("web/1.0.0") && all.size() == 1, "catalog query");
    return "sdk: installed " + installed + "; catalog served " + found.tag().orElseThrow()
        + " " + Map.of("entries", all.size());
  }

  static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("failed: " + what);
    }
  }

  private static void write(Path file, String content) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static void deleteTree(Path dir) throws Exception {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
