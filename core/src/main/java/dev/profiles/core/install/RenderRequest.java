package dev.profiles.core.install;

import dev.profiles.core.model.InvalidModelException;
import dev.profiles.core.model.ModelViolation;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfilesStyle;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.rules.ContainedPaths;
import java.util.List;
import org.immutables.value.Value;

/**
 * What to render: the installation record (its name, namespace, governing GitRepository, user
 * values ConfigMap, source and catalog drive the output), the resolved profile tree, and where
 * in the GitOps repository the installation's directory goes.
 *
 * <pre>{@code
 * RenderRequest request = RenderRequest.builder()
 *     .installation(installation)      // name my-nginx, gitRepository flux-system/flux-system
 *     .profile(resolved)
 *     .outputDirectory("clusters/dev") // files go under clusters/dev/my-nginx/
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface RenderRequest {
  /** The installation being rendered; also written as {@code profile-installation.yaml}. */
  ProfileInstallation installation();

  /** The profile tree to render, nested profiles included. */
  ResolvedProfile profile();

  /**
   * The directory of the GitOps repository, relative to its root, under which {@code NAME/} is
   * written; {@code "."} (the default) is the root. Never escapes the repository.
   */
  @Value.Default
  default String outputDirectory() {
    return ".";
  }

  /** {@link #outputDirectory()} in canonical form: no '.' or empty segments, "." for the root. */
  @Value.Derived
  @Value.Auxiliary
  default String normalizedOutputDirectory() {
    return ContainedPaths.problem(outputDirectory()).isPresent()
        ? outputDirectory()
        : ContainedPaths.normalize(outputDirectory());
  }

  @Value.Check
  default void check() {
    ContainedPaths.problem(outputDirectory())
        .ifPresent(p -> {
          throw new InvalidModelException(List.of(new ModelViolation("outputDirectory", p)));
        });
  }

  /** A request for {@code installation} of {@code profile} at the repository root. */
  static RenderRequest of(ProfileInstallation installation, ResolvedProfile profile) {
    return builder().installation(installation).profile(profile).build();
  }

  static ImmutableRenderRequest.Builder builder() {
    return ImmutableRenderRequest.builder();
  }
}
