package dev.profiles.flux;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.ManifestRenderer;
import dev.profiles.core.install.RenderRequest;
import dev.profiles.core.install.RenderException;
import dev.profiles.core.install.RenderProblem;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.yaml.DocumentProblem;
import java.util.List;
import dev.profiles.flux.internal.InstallationRenderer;
import dev.profiles.flux.internal.InstalledManifests;

/**
 * Renders a profile installation as Flux manifests (spec §4), using the current Flux APIs:
 * {@code source.toolkit.fluxcd.io/v1} HelmRepository, {@code helm.toolkit.fluxcd.io/v2}
 * HelmRelease and {@code kustomize.toolkit.fluxcd.io/v1} Kustomization.
 *
 * <p>It returns files by path relative to the installation directory: per chart or kustomize
 * artifact (nested profiles recursively), a directory under {@code artifacts/} with a {@code
 * kustomization.yaml}, a Flux Kustomization that applies the artifact from the governing
 * GitRepository, and the chart objects or the copied files. It knows only Flux: the
 * installation's directory, its record ({@code profile-installation.yaml}) and the commit are
 * core's ({@link dev.profiles.core.install.Installation}); the request's {@link
 * RenderRequest#installationDirectory()} is used only where a manifest names a repository path
 * (Kustomization {@code spec.path}, local chart paths). Names are
 * {@code NAME-<artifact>}; colliding nested names are disambiguated by their path, and names that
 * would be invalid are reported, never emitted (see {@code docs/flux-render.md}).
 *
 * <p>The output is deterministic: the same request renders the same bytes. Instances are
 * stateless and thread-safe.
 *
 * <pre>{@code
 * ProfileInstallation inst = ProfileInstallation.builder()
 *     .name("my-nginx")
 *     .source(ProfileSource.ofTag("https://github.com/org/profiles", "nginx/v0.1.0"))
 *     .gitRepository(GitRepositoryReference.of("flux-system", "flux-system"))
 *     .build();
 * RenderedFiles files = new FluxRenderer().render(RenderRequest.builder().installation(inst)
 *     .profile(resolved).installationDirectory("apps/my-nginx").build());
 * files.paths(); // [artifacts/nginx-server/helm-chart/HelmRelease.yaml, ...]
 * // artifacts/nginx-server/kustomize-flux.yaml: spec.path ./apps/my-nginx/artifacts/nginx-server/helm-chart
 * }</pre>
 */
public final class FluxRenderer implements ManifestRenderer {
  private final boolean validate;

  /**
   * A renderer that validates what it renders against the bundled CRDs before returning it,
   * so an install never commits a manifest the cluster would reject. Each CRD is compiled once
   * per process, when a render first produces its kind (a short-lived process pays only for
   * the kinds it writes); a CRD rule outside the supported CEL subset would fail that render
   * with {@link UnsupportedCrdRuleException}, never for the CRDs shipped in this jar (a test
   * compiles and evaluates every rule).
   */
  public FluxRenderer() {
    this(true);
  }

  private FluxRenderer(boolean validate) {
    this.validate = validate;
  }

  /**
   * A renderer that skips the schema validation (about four times the cost of rendering): for
   * callers that validate themselves, or measure rendering alone.
   */
  public static FluxRenderer withoutValidation() {
    return new FluxRenderer(false);
  }

  /**
   * {@inheritDoc}
   *
   * @throws dev.profiles.core.install.RenderException with every problem: missing GitRepository,
   *     object names that collide or are not DNS-1123 labels of at most 63 characters, Helm
   *     release names over 53, dependency cycles, invalid {@code defaultValues}, local chart or
   *     kustomize paths that are missing from the profile directory, and (unless created
   *     {@link #withoutValidation()}) every rendered object that breaks its CRD schema
   */
  @Override
  public RenderedFiles render(RenderRequest request) throws ProfilesException {
    InstallationRenderer.Output out = InstallationRenderer.renderWithOrigins(request);
    RenderedFiles files = out.files();
    if (validate) {
      List<DocumentProblem> problems = ManifestValidator.bundled().validate(files);
      if (!problems.isEmpty()) {
        throw new RenderException(problems.stream()
            .map(p -> new RenderProblem("", "invalid manifest " + p)).toList());
      }
    }
    if (!out.notCharts().isEmpty()) {
      throw new RenderException(out.notCharts());
    }
    return files;
  }

  /**
   * {@inheritDoc}
   *
   * <p>For installations written by the original pctl: every retired Flux API version (of a
   * group whose bundled CRDs serve another) is replaced wherever it occurs in a generated file
   * (the object's {@code apiVersion}, health checks, source references, patch targets and
   * embedded patches); Go durations ({@code 5m0s}), {@code creationTimestamp: null}, {@code
   * status: {}}, default namespaces in {@code dependsOn}, key order, quoting and pctl's
   * kustomization files without {@code apiVersion} are brought to this renderer's form. A
   * generated file that then equals this renderer's output becomes its exact bytes; one with
   * real edits is written canonically, keeping the edits; one with comments keeps its text
   * (only API versions are replaced in place). Files copied from the profile are never
   * touched.
   */
  @Override
  public RenderedFiles migrate(RenderRequest request, RenderedFiles installed)
      throws ProfilesException {
    return InstalledManifests.migrate(request, installed);
  }
}
