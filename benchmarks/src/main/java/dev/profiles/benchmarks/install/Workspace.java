package dev.profiles.benchmarks.install;

import dev.profiles.core.install.Profiles;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.flux.FluxRenderer;
import dev.profiles.git.GitProfiles;
import dev.profiles.git.gitops.GitOpsRepositories;
import dev.profiles.git.gitops.JGitOpsRepository;
import dev.profiles.git.internal.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.ObjectId;

/** A GitOps repository with a given number of files, reset between invocations. */
final class Workspace implements AutoCloseable {
  final Path root;
  final Path gitops;
  final GitProfiles git;
  final JGitOpsRepository repo;
  final Profiles profiles;
  ObjectId mark;

  Workspace(String name, int files) throws Exception {
    root = Files.createTempDirectory(name);
    gitops = root.resolve("gitops");
    try (Git g = Git.init().setDirectory(gitops.toFile()).setInitialBranch("main").call()) {
      for (int i = 0; i < files; i++) {
        Path f = gitops.resolve("clusters/c" + (i % 20) + "/apps/app-" + (i / 20) + "/f" + i
            + ".yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-" + i + "\n");
      }
      g.add().addFilepattern(".").call();
      g.commit().setMessage("10k files").setAuthor("o", "o@example.com")
          .setCommitter("o", "o@example.com").setSign(false).call();
    }
    git = GitProfiles.builder().cacheDirectory(root.resolve("cache")).build();
    repo = GitOpsRepositories.open(gitops);
    profiles = Profiles.builder().resolver(git.asResolver()).renderer(new FluxRenderer())
        .sourcePolicy(SourcePolicy.defaults().allowLocalSources(true)).build();
    markHead();
  }

  void markHead() throws IOException {
    try (Git g = Git.open(gitops.toFile())) {
      mark = g.getRepository().resolve("HEAD");
    }
  }

  /** Puts branch, index and working tree back to the marked commit. */
  void reset() throws Exception {
    try (Git g = Git.open(gitops.toFile())) {
      g.reset().setMode(ResetCommand.ResetType.HARD).setRef(mark.name()).call();
      g.clean().setCleanDirectories(true).setForce(true).call();
    }
  }

  /** A setup or measured step of a benchmark. */
  interface Step {
    void run() throws Exception;
  }

  /** Times {@code shots} runs of {@code op}, each after {@code reset}, for a look without JMH. */
  static void timeShots(String label, int shots, Step reset, Step op) throws Exception {
    for (int i = 0; i < shots; i++) {
      reset.run();
      long t = System.nanoTime();
      op.run();
      System.out.printf("%s: %.1f ms%n", label, (System.nanoTime() - t) / 1e6);
    }
  }

  @Override
  public void close() throws Exception {
    repo.close();
    git.close();
    FileTrees.delete(root);
  }
}
