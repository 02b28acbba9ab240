package dev.profiles.examples;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.InstallResult;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.Signature;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.flux.FluxRenderer;
import dev.profiles.git.GitProfiles;
import dev.profiles.git.gitops.GitOpsRepositories;
import dev.profiles.git.gitops.JGitOpsRepository;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The quickstart: the SDK's main job on bundled example data. It creates two profile
 * repositories (the nginx profile with a remote chart and default values, a local chart, a
 * kustomize directory, a nested profile and a {@code dependsOn}; and the nested base profile),
 * a fresh GitOps repository, bootstraps it for Flux, installs {@code nginx/v0.1.0} as {@code
 * my-nginx}, and prints the file tree and the commit. Everything happens in a temporary
 * directory, which is removed afterwards unless a directory is given as the first argument.
 *
 * <p>Run it with {@code ./mvnw -q -Pquickstart -pl examples -am package}.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) throws Exception {
    boolean keep = args.length > 0;
    Path work = keep ? Files.createDirectories(Path.of(args[0]))
        : Files.createTempDirectory("profiles-quickstart");
    try {
      run(work, System.out);
      if (keep) {
        System.out.println("\nEverything is kept in " + work);
      }
    } finally {
      if (!keep) {
        deleteTree(work);
      }
    }
  }

  /** Runs the quickstart in {@code work}, printing to {@code out}; returns the install. */
  public static InstallResult run(Path work, PrintStream out)
      throws IOException, ProfilesException {
    ExampleRepositories repos = ExampleRepositories.create(work.resolve("upstream"));
    Path gitops = work.resolve("gitops");
    initGitOpsRepository(gitops);

    try (GitProfiles git = GitProfiles.builder().cacheDirectory(work.resolve("cache")).build();
        JGitOpsRepository repo = GitOpsRepositories.open(gitops)) {
      Profiles profiles = Profiles.builder().resolver(git.asResolver())
          .renderer(new FluxRenderer()).build();
      Signature bot = Signature.of("Quickstart", "quickstart@example.com");

      profiles.bootstrap(repo).author(bot)
          .gitRepository(GitRepositoryReference.of("flux-system", "flux-system")).call();
      InstallResult result = profiles.install(repo).author(bot)
          .source(ProfileSource.ofTag(repos.profilesUrl(), ExampleRepositories.NGINX_TAG))
          .name("my-nginx")
          .call();

      out.println("Installed " + ExampleRepositories.NGINX_TAG + " (profile commit "
          + result.profileCommit().substring(0, 12) + ") as " + result.directory()
          + " in " + gitops);
      out.println();
      out.println(result.directory() + "/");
      printTree(gitops.resolve(result.directory()), "", out);
      out.println();
      printCommit(gitops, out);
      return result;
    }
  }

  private static void initGitOpsRepository(Path dir) throws IOException {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      Files.writeString(dir.resolve("README.md"), "# Cluster GitOps repository\n");
      git.add().addFilepattern("README.md").call();
      git.commit().setMessage("Initial commit").setAuthor("Ops", "ops@example.com")
          .setCommitter("Ops", "ops@example.com").setSign(false).call();
    } catch (GitAPIException e) {
      throw new IOException("cannot create the GitOps repository", e);
    }
  }

  private static void printTree(Path dir, String indent, PrintStream out) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      var sorted = children.sorted().toList();
      for (int i = 0; i < sorted.size(); i++) {
        Path child = sorted.get(i);
        boolean last = i == sorted.size() - 1;
        out.println(indent + (last ? "└── " : "├── ") + child.getFileName()
            + (Files.isDirectory(child) ? "/" : ""));
        if (Files.isDirectory(child)) {
          printTree(child, indent + (last ? "    " : "│   "), out);
        }
      }
    }
  }

  private static void printCommit(Path gitops, PrintStream out) throws IOException {
    try (Git git = Git.open(gitops.toFile())) {
      RevCommit head = git.log().setMaxCount(1).call().iterator().next();
      out.println("commit " + head.name());
      out.println("Author: " + head.getAuthorIdent().getName() + " <"
          + head.getAuthorIdent().getEmailAddress() + ">");
      out.println();
      head.getFullMessage().lines().forEach(l -> out.println("    " + l));
    } catch (GitAPIException e) {
      throw new IOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
