package dev.profiles.core.install;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.resolve.ProfileResolver;
import java.util.Objects;

/**
 * The entry point for changing a GitOps repository with profiles, in the style of JGit's
 * porcelain: each operation is a command object configured fluently and run by {@code call()}.
 *
 * <p>It holds the two parts an install needs and that other modules provide: a {@link
 * ProfileResolver} (where profiles are read from; {@code profiles-git}) and a {@link
 * ManifestRenderer} (what is written; {@code profiles-flux-render}).
 *
 * <pre>{@code
 * Profiles profiles = Profiles.builder()
 *     .resolver(gitProfiles.asResolver())
 *     .renderer(new FluxRenderer())
 *     .build();
 * GitOpsRepository repo = GitOpsRepositories.open(Path.of("/srv/gitops"));
 * profiles.bootstrap(repo).gitRepository(GitRepositoryReference.of("flux-system", "flux-system")).call();
 * InstallResult r = profiles.install(repo)
 *     .source(ProfileSource.ofTag("https://github.com/org/profiles", "nginx/v0.1.0"))
 *     .name("my-nginx")
 *     .call();
 * }</pre>
 */
public final class Profiles {
  private final ProfileResolver resolver;
  private final ManifestRenderer renderer;

  private Profiles(ProfileResolver resolver, ManifestRenderer renderer) {
    this.resolver = resolver;
    this.renderer = renderer;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A command installing one profile into {@code repository}. */
  public InstallCommand install(GitOpsRepository repository) {
    return new InstallCommand(resolver, renderer, Objects.requireNonNull(repository));
  }

  /** A command upgrading or refreshing one installation by three-way merge. */
  public UpgradeCommand upgrade(GitOpsRepository repository) {
    return new UpgradeCommand(resolver, renderer, Objects.requireNonNull(repository));
  }

  /** A command listing the installations in {@code repository}. */
  public ListCommand list(GitOpsRepository repository) {
    return new ListCommand(Objects.requireNonNull(repository));
  }

  /** A command writing {@code .pctl/config.yaml} so later installs need not repeat settings. */
  public BootstrapCommand bootstrap(GitOpsRepository repository) {
    return new BootstrapCommand(Objects.requireNonNull(repository));
  }

  /** Builds a {@link Profiles}. */
  public static final class Builder {
    private ProfileResolver resolver;
    private ManifestRenderer renderer;

    private Builder() {}

    /** Where profiles are read from. */
    public Builder resolver(ProfileResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** What manifests an installation becomes. */
    public Builder renderer(ManifestRenderer renderer) {
      this.renderer = Objects.requireNonNull(renderer, "renderer");
      return this;
    }

    public Profiles build() {
      if (resolver == null || renderer == null) {
        throw new ProfilesConfigurationException("Profiles needs a resolver and a renderer");
      }
      return new Profiles(resolver, renderer);
    }
  }
}
