package dev.profiles.flux.catalog;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.catalog.CatalogService;
import dev.profiles.core.install.DirectoryCommand;
import dev.profiles.core.install.GitOpsRepository;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.RenderException;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.InvalidModelException;
import dev.profiles.core.model.ModelViolation;
import dev.profiles.core.model.PctlConfig;
import dev.profiles.core.model.ProfilesStyle;
import dev.profiles.core.yaml.ProfileYaml;
import dev.profiles.flux.catalog.internal.CatalogManifests;
import dev.profiles.flux.catalog.internal.OptionChecks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The catalog's own installation in a GitOps repository, the equivalent of {@code pctl
 * install}: one directory holding a Flux Kustomization (in the Flux namespace) that applies the
 * rest, namely the Profiles CRDs (vendored, with the status subresource), the Namespace, a
 * ServiceAccount, least-privilege RBAC, the controller's Deployment (non-root, read-only root
 * file system, no capabilities, probes, resources), the Service {@code
 * profiles-catalog-service} on port 8000 (where {@code CatalogClient} reaches it through the API
 * server's service proxy), a PodDisruptionBudget and, optionally, a NetworkPolicy.
 *
 * <p>The image is required: no controller image is built or published from this repository.
 * Build one from the catalog-controller module and push it to your registry; {@link
 * #EXAMPLE_IMAGE} shows the form only. The image is pinned: a tag (or {@link #version()}) or a
 * digest, never {@code latest}, so what Git says is what runs.
 *
 * <p>Layout of {@link #directory()} ({@code profiles-system/catalog} by default):
 * <pre>
 * kustomization.yaml        lists profiles-catalog.yaml only
 * profiles-catalog.yaml     the Flux Kustomization, path ./DIR/manifests
 * manifests/kustomization.yaml and one file per object, crds/ the vendored CRDs
 * </pre>
 * The top {@code kustomization.yaml} makes a Flux sync of a parent directory apply the Flux
 * Kustomization only, so each object has one owner.
 *
 * <pre>{@code
 * CatalogInstallation catalog = CatalogInstallation.builder()
 *     .image("registry.example.com/platform/profiles-catalog-controller")
 *     .version("v0.1.0")
 *     .replicas(3)
 *     .networkPolicy(true)
 *     .build();
 * DirectoryResult r = catalog.install(repo).author(bot).call();   // one commit
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface CatalogInstallation {
  /** The directory written when none is set. */
  String DEFAULT_DIRECTORY = "profiles-system/catalog";

  /** The Flux namespace when none is set. */
  String DEFAULT_FLUX_NAMESPACE = "flux-system";

  /** The form of an image reference; an example, not a published image. */
  String EXAMPLE_IMAGE = "registry.example.com/platform/profiles-catalog-controller:v0.1.0";

  /** The most replicas accepted. */
  int MAX_REPLICAS = 50;

  /** The most namespaces {@link #watchNamespaces()} may name. */
  int MAX_WATCH_NAMESPACES = 100;

  /**
   * The controller image: {@code [registry/]path[:tag][@digest]}; without {@link #version()} it
   * must carry a tag other than {@code latest} or a digest, with it neither.
   */
  String image();

  /** The catalog version, used as the image's tag (pctl's {@code --version}). */
  Optional<String> version();

  /** How many replicas serve the API (one of them leads); 2 when not set. */
  @Value.Default
  default int replicas() {
    return 2;
  }

  /** The namespace of Flux, where the Flux Kustomization goes. */
  @Value.Default
  default String fluxNamespace() {
    return DEFAULT_FLUX_NAMESPACE;
  }

  /** The catalog's namespace. */
  @Value.Default
  default String namespace() {
    return CatalogService.NAMESPACE;
  }

  /** The repository-relative directory the installation is written to. */
  @Value.Default
  default String directory() {
    return DEFAULT_DIRECTORY;
  }

  /**
   * The Flux GitRepository (the source of this GitOps repository) the Flux Kustomization reads;
   * when not set, {@link #install} takes the one {@code .pctl/config.yaml} names ({@code
   * profiles bootstrap}), else {@code FLUX_NAMESPACE/flux-system}, the one {@code flux
   * bootstrap} creates.
   */
  Optional<GitRepositoryReference> gitRepository();

  /** The controller's CPU request (a Kubernetes quantity). */
  @Value.Default
  default String cpuRequest() {
    return "100m";
  }

  /** The controller's memory request. */
  @Value.Default
  default String memoryRequest() {
    return "256Mi";
  }

  /** The controller's memory limit. */
  @Value.Default
  default String memoryLimit() {
    return "512Mi";
  }

  /** The controller's CPU limit; none when not set (throttling slows scans, not safety). */
  Optional<String> cpuLimit();

  /** Whether to render a NetworkPolicy limiting the pods' traffic; off when not set. */
  @Value.Default
  default boolean networkPolicy() {
    return false;
  }

  /**
   * The namespaces whose ProfileCatalogSources (and their Secrets) the controller watches;
   * empty (the default) means all namespaces. When set, the read permissions are Roles in
   * exactly those namespaces instead of a ClusterRole.
   */
  List<String> watchNamespaces();

  /** The image reference the Deployment runs: {@link #image()}, tagged with the version. */
  default String imageReference() {
    return version().map(v -> image() + ":" + v).orElse(image());
  }

  /** The GitRepository the Flux Kustomization reads, the default applied. */
  default GitRepositoryReference source() {
    return gitRepository().orElseGet(() -> GitRepositoryReference.of(fluxNamespace(),
        "flux-system"));
  }

  /**
   * Every file of the installation, by repository-relative path, each object validated (the
   * Flux Kustomization against the vendored Flux CRD).
   *
   * @throws RenderException when a rendered object breaks its schema (a defect: the options
   *     were checked when building)
   */
  default RenderedFiles render() throws RenderException {
    return CatalogManifests.render(this);
  }

  /**
   * A command committing {@link #render()} as {@link #directory()} in one commit, with the
   * guarantees of {@link DirectoryCommand}; set the author, dry run or replacing on it.
   * Without a {@link #gitRepository()}, the one of the repository's {@code .pctl/config.yaml}
   * is used when it names one.
   *
   * @throws RenderException as {@link #render()}
   * @throws ProfilesException when {@code .pctl/config.yaml} cannot be read or is invalid
   *     (located)
   */
  default DirectoryCommand install(GitOpsRepository repository) throws ProfilesException {
    if (repository == null) {
      throw new ProfilesConfigurationException("install needs a GitOps repository, not null");
    }
    CatalogInstallation effective = this;
    if (gitRepository().isEmpty()) {
      Optional<byte[]> config = repository.readFile(PctlConfig.PATH);
      if (config.isPresent()) {
        Optional<GitRepositoryReference> configured = ProfileYaml.strict()
            .readConfig(PctlConfig.PATH, config.get()).gitRepository();
        if (configured.isPresent()) {
          effective = CatalogInstallation.builder().from(this).gitRepository(configured).build();
        }
      }
    }
    return Profiles.directory(repository).directory(directory()).files(effective.render())
        .message("Install the profiles catalog (" + imageReference() + ", " + replicas()
            + (replicas() == 1 ? " replica" : " replicas") + ")");
  }

  @Value.Check
  default void check() {
    List<ModelViolation> out = new ArrayList<>();
    OptionChecks.image(image(), version(), out);
    if (replicas() < 1 || replicas() > MAX_REPLICAS) {
      out.add(new ModelViolation("replicas", "must be between 1 and " + MAX_REPLICAS
          + ", got " + replicas()));
    }
    OptionChecks.label("namespace", namespace(), out);
    OptionChecks.label("fluxNamespace", fluxNamespace(), out);
    OptionChecks.directory(directory(), out);
    OptionChecks.quantity("cpuRequest", cpuRequest(), out);
    OptionChecks.quantity("memoryRequest", memoryRequest(), out);
    OptionChecks.quantity("memoryLimit", memoryLimit(), out);
    cpuLimit().ifPresent(q -> OptionChecks.quantity("cpuLimit", q, out));
    if (watchNamespaces().size() > MAX_WATCH_NAMESPACES) {
      out.add(new ModelViolation("watchNamespaces", "at most " + MAX_WATCH_NAMESPACES
          + " namespaces, got " + watchNamespaces().size()));
    } else {
      HashSet<String> seen = new HashSet<>();
      for (int i = 0; i < watchNamespaces().size(); i++) {
        String ns = watchNamespaces().get(i);
        OptionChecks.label("watchNamespaces[" + i + "]", ns, out);
        if (!seen.add(ns)) {
          out.add(new ModelViolation("watchNamespaces[" + i + "]", "'" + ns
              + "' is named twice"));
        }
      }
    }
    InvalidModelException.throwIfAny(out);
  }

  /** A builder of {@link CatalogInstallation}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link CatalogInstallation}; {@code build()} throws {@link
   * ProfilesConfigurationException} (an {@link InvalidModelException} listing every problem)
   * for invalid options.
   */
  final class Builder extends ImmutableCatalogInstallation.Builder {
    Builder() {}
  }
}
