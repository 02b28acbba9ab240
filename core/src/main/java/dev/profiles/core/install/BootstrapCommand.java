package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.InvalidModelException;
import dev.profiles.core.model.PctlConfig;
import dev.profiles.core.yaml.ProfileYaml;
import java.util.List;
import java.util.Optional;

/**
 * Writes a GitOps repository's {@code .pctl/config.yaml} (the Flux GitRepository that syncs
 * it, and the default install directory {@link Installation#forInstall} reads) and commits it.
 *
 * <pre>{@code
 * profiles.bootstrap(repo)
 *     .gitRepository(GitRepositoryReference.of("flux-system", "flux-system"))
 *     .defaultDir("clusters/prod/profiles")
 *     .call();
 * }</pre>
 */
public final class BootstrapCommand extends CommitOptions<BootstrapCommand> {
  private final GitOpsRepository repository;
  private Optional<GitRepositoryReference> gitRepository = Optional.empty();
  private Optional<String> defaultDir = Optional.empty();

  BootstrapCommand(GitOpsRepository repository) {
    this.repository = repository;
  }

  @Override
  BootstrapCommand self() {
    return this;
  }

  /** The Flux GitRepository that syncs this repository. */
  public BootstrapCommand gitRepository(GitRepositoryReference gitRepository) {
    this.gitRepository = Optional.of(gitRepository);
    return this;
  }

  /** The directory installs write to when they name none. */
  public BootstrapCommand defaultDir(String defaultDir) {
    this.defaultDir = Optional.of(defaultDir);
    return this;
  }

  /**
   * Writes and commits the settings.
   *
   * @throws InstallRefusedException when the settings are invalid or {@code .pctl/config.yaml}
   *     has uncommitted changes (nothing was written)
   * @throws ProfilesException when committing fails; the repository is then as it was
   */
  public CommitResult call() throws ProfilesException {
    return Guard.call("bootstrap", this::run);
  }

  /**
   * Whether {@code .pctl/config.yaml} is committed with exactly these settings already, so
   * that {@link #call()} would only add a commit that changes nothing: a command line says
   * "already bootstrapped" instead of calling it.
   *
   * @throws InstallRefusedException when the settings are invalid
   */
  public boolean upToDate() throws ProfilesException {
    byte[] wanted = configFile().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return repository.uncommittedChanges(PctlConfig.PATH).isEmpty()
        && repository.readFile(PctlConfig.PATH).map(b -> java.util.Arrays.equals(b, wanted))
            .orElse(false);
  }

  private String configFile() throws InstallRefusedException {
    // The directory every later install goes to: checked as an install's, and written in one
    // spelling (apps, ./apps and apps/ are one setting, not three commits).
    Optional<String> dir = Optional.empty();
    if (defaultDir.isPresent()) {
      Optional<String> problem = dev.profiles.core.rules.ContainedPaths
          .problemInRepository(defaultDir.get());
      String normalized = problem.isPresent() ? ""
          : dev.profiles.core.rules.ContainedPaths.normalize(defaultDir.get());
      if (problem.isEmpty() && (normalized.equals(".git") || normalized.startsWith(".git/"))) {
        problem = Optional.of("'" + normalized + "' is git's own directory");
      }
      if (problem.isEmpty()) {
        problem = Installation.inConfigDirectory(normalized);
      }
      if (problem.isPresent()) {
        throw new InstallRefusedException(InstallRefusedException.Reason.INVALID_OPTIONS,
            "defaultDir: " + problem.get());
      }
      dir = normalized.equals(".") ? Optional.empty() : Optional.of(normalized);
    }
    PctlConfig config;
    try {
      config = PctlConfig.builder().gitRepository(gitRepository).defaultDir(dir).build();
    } catch (InvalidModelException e) {
      throw new InstallRefusedException(InstallRefusedException.Reason.INVALID_OPTIONS,
          "invalid settings: " + e.getMessage());
    }
    return ProfileYaml.strict().writeConfig(config);
  }

  private CommitResult run() throws ProfilesException {
    String config = configFile();
    List<String> dirty = repository.uncommittedChanges(PctlConfig.PATH);
    if (!dirty.isEmpty()) {
      throw new InstallRefusedException(InstallRefusedException.Reason.UNCOMMITTED_CHANGES,
          PctlConfig.PATH + " has uncommitted changes; commit or discard them first");
    }
    RenderedFiles files = RenderedFiles.builder()
        .put(PctlConfig.PATH, config).build();
    List<String> removals = repository.exists(PctlConfig.PATH) ? List.of(PctlConfig.PATH)
        : List.of();
    return repository.commit(changeBuilder("Configure Profiles"
        + gitRepository.map(g -> ": GitRepository " + g.namespace() + "/" + g.name())
            .orElse("")).files(files).removals(removals).build());
  }
}
