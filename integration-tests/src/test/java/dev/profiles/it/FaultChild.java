package dev.profiles.it;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.Signature;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.flux.FluxRenderer;
import dev.profiles.git.GitProfiles;
import dev.profiles.git.gitops.GitOpsRepositories;
import dev.profiles.git.gitops.JGitOpsRepository;
import java.nio.file.Path;

/**
 * One SDK write, run in its own JVM by {@link FileSystemFaultTest} under a file-size limit
 * ({@code ulimit -f}): every file the process writes beyond the limit fails with EFBIG ("File
 * too large"), as on a full disk. Prints {@code OK} or {@code FAILED <exception>: <message>}.
 *
 * <p>Arguments: operation ({@code install}, {@code upgrade}, {@code bootstrap}, {@code
 * push}), the GitOps working tree, the resolver cache, the profile repository's url.
 */
public final class FaultChild {
  private FaultChild() {}

  public static void main(String[] args) throws Exception {
    String op = args[0];
    Path gitops = Path.of(args[1]);
    Signature bot = Signature.of("Bot", "bot@example.com");
    try (GitProfiles git = GitProfiles.builder().cacheDirectory(Path.of(args[2])).build();
        JGitOpsRepository repo = GitOpsRepositories.open(gitops)) {
      Profiles profiles = Profiles.builder().resolver(git.asResolver())
          .renderer(new FluxRenderer()).build();
      ProfileSource v1 = ProfileSource.ofTag(args[3], "app/v1.0.0");
      switch (op) {
        case "install" -> profiles.install(repo).author(bot).name("app").source(v1).call();
        case "upgrade" -> profiles.upgrade(repo).author(bot).installation("app")
            .toVersion("v1.1.0").call();
        case "bootstrap" -> profiles.bootstrap(repo).author(bot)
            .gitRepository(GitRepositoryReference.of("flux-system", "flux-system"))
            .defaultDir("clusters").call();
        case "push" -> profiles.install(repo).author(bot).name("app").source(v1)
            .branch("install-app").push(true).call();
        default -> throw new IllegalArgumentException(op);
      }
      System.out.println("OK");
    } catch (ProfilesException e) {
      StringBuilder causes = new StringBuilder();
      for (Throwable t = e; t != null; t = t.getCause()) {
        causes.append(" | ").append(t);
      }
      System.out.println("FAILED " + e.getClass().getName() + ": " + causes);
    }
  }
}
