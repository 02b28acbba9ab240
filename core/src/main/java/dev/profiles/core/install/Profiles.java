package dev.profiles.core.install;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.resolve.ProfileResolver;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.core.preview.ObjectExpander;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The entry point for changing a GitOps repository with profiles, in the style of JGit's
 * porcelain: each operation is a command object configured fluently and run by {@code call()}.
 *
 * <p>Where an installation lives and what its record says is {@link Installation}'s. It holds
 * the two parts an install needs and that other modules provide: a {@link
 * ProfileResolver} (where profiles are read from; {@code profiles-git}) and a {@link
 * ManifestRenderer} (what is written; {@code profiles-flux-render}), and the {@link
 * SourcePolicy} deciding which catalog entries may be installed: an entry is served by a
 * catalog, so one whose url is local ({@code file://} or a path) is refused with {@link
 * dev.profiles.core.resolve.UntrustedSourceException} unless local sources are allowed
 * explicitly ({@code .sourcePolicy(SourcePolicy.defaults().allowLocalSources(true))}).
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
 * profiles.upgrade(repo).installation("my-nginx").toVersion("v0.2.0").call();
 * profiles.uninstall(repo).installation("my-nginx").dryRun(true).call(); // writes nothing
 * }</pre>
 */
public final class Profiles {
  private static final org.slf4j.Logger LOG =
      dev.profiles.core.internal.Loggers.get(Profiles.class.getName());
  private final ProfileResolver resolver;
  private final ManifestRenderer renderer;
  private final SourcePolicy sourcePolicy;
  private final Optional<Merger> merger;
  private final Optional<VersionLister> versionLister;
  private final List<ObjectExpander> expanders;

  private Profiles(Builder b) {
    this.resolver = b.resolver;
    this.renderer = b.renderer;
    this.sourcePolicy = b.sourcePolicy;
    this.merger = b.merger.isPresent() ? b.merger : loadMerger();
    this.versionLister = b.versionLister;
    this.expanders = b.expanders.isPresent() ? b.expanders.get() : loadExpanders();
  }

  /**
   * Every {@link ObjectExpander} service on the class or module path ({@code
   * profiles-preview}'s); a provider that cannot be loaded is left out, so a preview lists its
   * objects as not expanded instead of failing.
   */
  private static List<ObjectExpander> loadExpanders() {
    List<ObjectExpander> out = new ArrayList<>();
    try {
      var it = ServiceLoader.load(ObjectExpander.class, Profiles.class.getClassLoader())
          .iterator();
      while (true) {
        try {
          if (!it.hasNext()) {
            break;
          }
          out.add(it.next());
        } catch (java.util.ServiceConfigurationError e) {
          LOG.warn("an object expander could not be loaded: {}", e.getMessage());
        }
      }
    } catch (java.util.ServiceConfigurationError e) {
      LOG.warn("object expanders could not be loaded: {}", e.getMessage());
    }
    return List.copyOf(out);
  }

  /** The first {@link Merger} service on the class or module path ({@code profiles-git}'s). */
  private static Optional<Merger> loadMerger() {
    try {
      return ServiceLoader.load(Merger.class, Profiles.class.getClassLoader()).findFirst();
    } catch (java.util.ServiceConfigurationError e) {
      return Optional.empty();
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A command installing one profile into {@code repository}. */
  public InstallCommand install(GitOpsRepository repository) {
    return new InstallCommand(resolver, renderer, sourcePolicy, repository(repository));
  }

  /** A command upgrading or refreshing one installation by three-way merge. */
  public UpgradeCommand upgrade(GitOpsRepository repository) {
    return new UpgradeCommand(resolver, renderer, merger, versionLister,
        repository(repository));
  }

  /** A command setting or clearing the update policy of one installation, in one commit. */
  public UpdatePolicyCommand updatePolicy(GitOpsRepository repository) {
    return new UpdatePolicyCommand(repository(repository));
  }

  /** A command removing one installation in one commit. */
  public UninstallCommand uninstall(GitOpsRepository repository) {
    return new UninstallCommand(repository(repository));
  }

  /**
   * A preview of what an install, upgrade or uninstall on {@code repository} will do to the
   * cluster, computed without writing: {@code
   * profiles.preview(repo).of(profiles.upgrade(repo).installation("web").toLatest()).call()}.
   */
  public PreviewCommand preview(GitOpsRepository repository) {
    return new PreviewCommand(repository(repository), expanders);
  }

  /** The expanders previews use: given to the builder, else the service ones. */
  public List<ObjectExpander> expanders() {
    return expanders;
  }

  /** A command listing the installations in {@code repository}. */
  public ListCommand list(GitOpsRepository repository) {
    return new ListCommand(repository(repository), versionLister);
  }

  /** A command writing {@code .pctl/config.yaml} so later installs need not repeat settings. */
  public BootstrapCommand bootstrap(GitOpsRepository repository) {
    return new BootstrapCommand(repository(repository));
  }

  /**
   * A command committing one generated directory (such as the catalog's own installation)
   * with the same all-or-nothing and author guarantees; it needs no resolver or renderer.
   */
  public static DirectoryCommand directory(GitOpsRepository repository) {
    return new DirectoryCommand(repository(repository));
  }

  /** The policy catalog entries are checked against before they are installed. */
  public SourcePolicy sourcePolicy() {
    return sourcePolicy;
  }

  private static GitOpsRepository repository(GitOpsRepository repository) {
    if (repository == null) {
      throw new ProfilesConfigurationException("a command needs a GitOps repository, not null");
    }
    return repository;
  }

  /** Builds a {@link Profiles}. */
  public static final class Builder {
    private ProfileResolver resolver;
    private ManifestRenderer renderer;
    private SourcePolicy sourcePolicy = SourcePolicy.defaults();
    private Optional<Merger> merger = Optional.empty();
    private Optional<VersionLister> versionLister = Optional.empty();
    private Optional<List<ObjectExpander>> expanders = Optional.empty();

    private Builder() {}

    /**
     * What previews expand Flux objects with, in order (the first that handles an object
     * expands it); when not set, every {@link ObjectExpander} service on the class path
     * ({@code profiles-preview}'s Helm and kustomize ones). An empty list previews at Flux
     * level.
     */
    public Builder expanders(List<ObjectExpander> expanders) {
      List<ObjectExpander> list = required(expanders, "expanders");
      if (list.stream().anyMatch(java.util.Objects::isNull)) {
        throw new ProfilesConfigurationException("expanders must not contain null");
      }
      this.expanders = Optional.of(List.copyOf(list));
      return this;
    }

    /** {@link #expanders(List)} of these. */
    public Builder expanders(ObjectExpander... expanders) {
      return expanders(java.util.Arrays.asList(required(expanders, "expanders")));
    }

    /** Where profiles are read from. */
    public Builder resolver(ProfileResolver resolver) {
      this.resolver = required(resolver, "resolver");
      return this;
    }

    /** What manifests an installation becomes. */
    public Builder renderer(ManifestRenderer renderer) {
      this.renderer = required(renderer, "renderer");
      return this;
    }

    /**
     * Which catalog entries may be installed ({@link SourcePolicy#defaults()} when not set):
     * local entry urls need {@link SourcePolicy#allowLocalSources(boolean)}, plain http needs
     * {@link SourcePolicy#allowHttp(boolean)}.
     */
    public Builder sourcePolicy(SourcePolicy sourcePolicy) {
      this.sourcePolicy = required(sourcePolicy, "sourcePolicy");
      return this;
    }

    /**
     * How upgrades merge the user's files with the new version; when not set, the {@link
     * Merger} service on the class path ({@code profiles-git}'s JGit merge).
     */
    public Builder merger(Merger merger) {
      this.merger = Optional.of(required(merger, "merger"));
      return this;
    }

    /**
     * Where {@link UpgradeCommand#toLatest()} reads a profile repository's version tags ({@code
     * gitProfiles.asVersionLister()}); without one, {@code toLatest()} is refused.
     */
    public Builder versionLister(VersionLister versionLister) {
      this.versionLister = Optional.of(required(versionLister, "versionLister"));
      return this;
    }

    private static <T> T required(T value, String name) {
      if (value == null) {
        throw new ProfilesConfigurationException(name + " must not be null");
      }
      return value;
    }

    public Profiles build() {
      if (resolver == null || renderer == null) {
        throw new ProfilesConfigurationException("Profiles needs a resolver and a renderer");
      }
      return new Profiles(this);
    }
  }
}
