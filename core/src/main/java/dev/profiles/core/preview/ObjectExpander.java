package dev.profiles.core.preview;

import dev.profiles.core.ProfilesException;

/**
 * Port: turns one Flux object into the Kubernetes objects Flux would apply for it — a
 * HelmRelease into its rendered chart, a Kustomization into its built path. Implementations
 * are found with {@link java.util.ServiceLoader} (module {@code profiles-preview} provides the
 * Helm and kustomize ones) or given to the preview in code. They never write.
 *
 * <pre>{@code
 * final class HelmReleaseExpander implements ObjectExpander {
 *   public boolean handles(KubeObject o) {
 *     return o.id().group().equals("helm.toolkit.fluxcd.io") && o.id().kind().equals("HelmRelease");
 *   }
 *   public Expansion expand(KubeObject release, ExpansionContext side) throws PreviewException {
 *     ...
 *   }
 * }
 * }</pre>
 */
public interface ObjectExpander {
  /** Whether this expander expands {@code fluxObject}. */
  boolean handles(KubeObject fluxObject);

  /**
   * The objects {@code fluxObject} produces on the side {@code context} describes, or an
   * {@link Expansion#notExpanded} with the reason when this machine cannot expand it.
   *
   * @throws PreviewException when the object's inputs are bad (a chart that fails to render, a
   *     values document that does not parse, a chart repository that cannot be reached),
   *     naming the object and, where there is one, the file and line
   */
  Expansion expand(KubeObject fluxObject, ExpansionContext context) throws ProfilesException;
}
