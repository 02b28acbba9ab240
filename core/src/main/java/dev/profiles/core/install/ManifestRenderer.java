package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;

/**
 * Renders the files of one profile installation (spec §4): for every artifact of the resolved
 * profile tree, the GitOps manifests that deploy it. It knows only its manifests: the
 * installation's directory, its record ({@code profile-installation.yaml}) and the commit are
 * {@link Installation}'s; a renderer never writes the record.
 *
 * <p>Rendering is separate from writing so that installing and upgrading can compute the whole
 * file set first, and write all of it or nothing. Implementations are deterministic: the same
 * request gives equal {@link RenderedFiles}, byte for byte. The {@code profiles-flux-render}
 * module provides {@code dev.profiles.flux.FluxRenderer}.
 *
 * <pre>{@code
 * ManifestRenderer renderer = new FluxRenderer();
 * RenderedFiles files = renderer.render(Installation.at("apps/my-nginx").request(record, profile));
 * files.paths(); // [artifacts/web/kustomization.yaml, artifacts/web/kustomize-flux.yaml, ...]
 * }</pre>
 */
public interface ManifestRenderer {
  /**
   * Renders every artifact file of the installation, by path relative to the installation
   * directory ({@code artifacts/...}); never the record.
   *
   * @throws RenderException carrying every problem found (names too long or colliding,
   *     dependency cycles, missing GitRepository, invalid default values, missing local paths)
   * @throws ProfilesException when the profile's files cannot be read for another reason
   */
  RenderedFiles render(RenderRequest request) throws ProfilesException;

  /**
   * Brings the files of an installation as they are in the GitOps repository to this
   * renderer's conventions, wherever they differ from its own output only in form: an
   * upgrade's three-way merge then sees the user's real edits and nothing else. Installations
   * written by the original pctl carry retired Flux API versions (at the top of a manifest and
   * nested: health checks, source references, patch targets), Go's spelling of durations
   * ({@code 5m0s}), serializer leftovers ({@code creationTimestamp: null}, {@code status: {}})
   * and another key order; none of that is an edit.
   *
   * <p>Only files this renderer generates for {@code request} are touched; files copied from
   * the profile are returned as they are (their content is the profile's, and the merge base
   * has the same). A file with real edits keeps them. Nothing is written.
   *
   * <p>The default returns {@code installed} unchanged.
   *
   * @param request the request whose render the installed files correspond to (the installed
   *     version)
   * @param installed the installation's files as they are, by path relative to the
   *     installation directory, the record left out
   * @return the files to merge as "ours"
   */
  default RenderedFiles migrate(RenderRequest request, RenderedFiles installed)
      throws ProfilesException {
    return installed;
  }
}
