package dev.profiles.core.install;

import java.util.Objects;

/**
 * One reason a profile installation cannot be rendered: which artifact (by its path in the
 * profile tree) and what is wrong.
 *
 * <p>{@link #toString()} reads {@code artifact base/nginx: name 'my-nginx-...' is 64 characters
 * long...}; problems of the installation as a whole have an empty artifact path.
 *
 * @param artifact the artifact's path from the root profile, nested artifact names joined with
 *     '/' (such as {@code base/nginx}); empty for the installation itself
 * @param message what is wrong, without trailing period
 */
public record RenderProblem(String artifact, String message) {
  public RenderProblem {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return artifact.isEmpty() ? message : "artifact " + artifact + ": " + message;
  }
}
