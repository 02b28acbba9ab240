package dev.profiles.core.install;

import dev.profiles.core.model.InvalidModelException;
import dev.profiles.core.model.ModelViolation;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfilesStyle;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.rules.ContainedPaths;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What to render: the installation record (its name, namespace, governing GitRepository, user
 * values ConfigMap, source and catalog drive the output), the resolved profile tree, and the
 * installation's directory in the GitOps repository. A renderer returns files by path relative
 * to that directory; it needs the directory itself only for the fields of the manifests that
 * name repository paths (Flux {@code spec.path}, local chart paths). {@link Installation#request}
 * builds it.
 *
 * <pre>{@code
 * RenderRequest request = RenderRequest.builder()
 *     .installation(installation)                     // name my-nginx
 *     .profile(resolved)
 *     .installationDirectory("clusters/dev/my-nginx") // Flux paths: ./clusters/dev/my-nginx/...
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface RenderRequest {
  /** The installation being rendered. */
  ProfileInstallation installation();

  /** The profile tree to render, nested profiles included. */
  ResolvedProfile profile();

  /**
   * The installation's directory, relative to the GitOps repository root, normalized; the
   * installation's name (a directory at the root) when not set. Never the root, never escapes.
   */
  @Value.Default
  default String installationDirectory() {
    return installation().name();
  }

  @Value.Check
  default RenderRequest normalize() {
    String dir = installationDirectory();
    Optional<String> problem = ContainedPaths.problemInRepository(dir);
    if (problem.isEmpty() && ContainedPaths.normalize(dir).equals(".")) {
      problem = Optional.of("must name a directory, not the repository root");
    }
    problem.ifPresent(p -> {
      throw new InvalidModelException(List.of(new ModelViolation("installationDirectory", p)));
    });
    String normalized = ContainedPaths.normalize(dir);
    return normalized.equals(dir) ? this
        : builder().from(this).installationDirectory(normalized).build();
  }

  /** A request for {@code installation} of {@code profile}, in a directory at the root. */
  static RenderRequest of(ProfileInstallation installation, ResolvedProfile profile) {
    return builder().installation(installation).profile(profile).build();
  }

  /** A builder of {@link RenderRequest}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RenderRequest}: {@code RenderRequest.builder()...build()}. */
  final class Builder extends ImmutableRenderRequest.Builder {
    Builder() {}
  }
}
