package dev.profiles.core.preview;

import dev.profiles.core.ProfilesException;

/**
 * A preview could not be computed from its inputs: a chart that fails to render, a values
 * document that does not parse, a chart repository that cannot be reached. The message names
 * the Flux object (and its artifact, file and line where known); nothing was written.
 *
 * <pre>{@code
 * throw new PreviewException("HelmRelease team/web (team/web/helm-release/HelmRelease.yaml):"
 *     + " chart web 1.2.0: template deployment.yaml:12: nil pointer evaluating .Values.image");
 * }</pre>
 */
public class PreviewException extends ProfilesException {
  private static final long serialVersionUID = 1L;

  public PreviewException(String message) {
    super(message);
  }

  public PreviewException(String message, Throwable cause) {
    super(message, cause);
  }
}
