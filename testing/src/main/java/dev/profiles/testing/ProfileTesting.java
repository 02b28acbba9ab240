package dev.profiles.testing;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.Installation;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.flux.FluxRenderer;

/**
 * Renders a resolved profile the way an install would, without a GitOps repository: for tests
 * that check what a profile becomes. The installation goes in namespace {@code default},
 * synced by the GitRepository {@code flux-system/flux-system}, at the repository root.
 *
 * <pre>{@code
 * RenderedFiles files = ProfileTesting.render(LocalProfiles.read(dir), "my-nginx");
 * }</pre>
 */
public final class ProfileTesting {
  /** The GitRepository the rendered objects are synced by. */
  public static final GitRepositoryReference FLUX_SYSTEM =
      GitRepositoryReference.of("flux-system", "flux-system");

  private ProfileTesting() {}

  /** Renders {@code profile} as installation {@code name}, validated against the Flux CRDs. */
  public static RenderedFiles render(ResolvedProfile profile, String name)
      throws ProfilesException {
    return render(profile, ProfileInstallation.builder().name(name)
        .source(profile.source().redacted()).gitRepository(FLUX_SYSTEM).build());
  }

  /**
   * Renders {@code profile} as {@code installation} at the repository root, validated against
   * the Flux CRDs: the files an install would write, by repository-relative path, the record
   * included (placed by {@link dev.profiles.core.install.Installation}, as an install does).
   */
  public static RenderedFiles render(ResolvedProfile profile, ProfileInstallation installation)
      throws ProfilesException {
    Installation target = Installation.in(".", installation.name());
    return target.place(installation,
        new FluxRenderer().render(target.request(installation, profile)));
  }
}
