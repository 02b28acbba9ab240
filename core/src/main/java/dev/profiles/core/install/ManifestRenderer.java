package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;

/**
 * Renders the files of one profile installation (spec §4): the installation record and, for
 * every artifact of the resolved profile tree, the GitOps manifests that deploy it.
 *
 * <p>Rendering is separate from writing so that installing and upgrading can compute the whole
 * file set first, and write all of it or nothing. Implementations are deterministic: the same
 * request gives equal {@link RenderedFiles}, byte for byte. The {@code profiles-flux-render}
 * module provides {@code dev.profiles.flux.FluxRenderer}.
 *
 * <pre>{@code
 * ManifestRenderer renderer = new FluxRenderer();
 * RenderedFiles files = renderer.render(RenderRequest.of(installation, resolvedProfile));
 * files.forEach((path, bytes) -> write(repoRoot.resolve(path), bytes));
 * }</pre>
 */
public interface ManifestRenderer {
  /**
   * Renders every file of the installation, with paths relative to the GitOps repository root.
   *
   * @throws RenderException carrying every problem found (names too long or colliding,
   *     dependency cycles, missing GitRepository, invalid default values, missing local paths)
   * @throws ProfilesException when the profile's files cannot be read for another reason
   */
  RenderedFiles render(RenderRequest request) throws ProfilesException;
}
