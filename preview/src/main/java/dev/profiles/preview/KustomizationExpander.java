package dev.profiles.preview;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.preview.Expansion;
import dev.profiles.core.preview.ExpansionContext;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectExpander;
import dev.profiles.preview.internal.Kustomizations;
import dev.profiles.preview.internal.NotExpandable;

/**
 * Expands a Flux Kustomization ({@code kustomize.toolkit.fluxcd.io/v1}) whose source is the
 * GitOps repository into the objects kustomize-controller would apply: {@code kustomize build}
 * of its {@code spec.path} on the side ({@code kubectl kustomize}, else {@code kustomize
 * build}, found on the {@code PATH}), with {@code targetNamespace}, {@code namePrefix},
 * {@code nameSuffix}, {@code patches}, {@code images}, {@code components} and
 * {@code commonMetadata} applied as the controller applies them. Without either tool, or for another source, the answer is
 * {@link Expansion#notExpanded} with the reason.
 *
 * <pre>{@code
 * ObjectExpander kustomize = new KustomizationExpander(
 *     ExpanderSettings.defaults().withTimeout(Duration.ofSeconds(30)));
 * Expansion expansion = kustomize.expand(kustomization, side);
 * }</pre>
 */
public final class KustomizationExpander implements ObjectExpander {
  private final Kustomizations kustomizations;

  /** An expander with {@link ExpanderSettings#defaults()} (as {@link java.util.ServiceLoader} makes it). */
  public KustomizationExpander() {
    this(ExpanderSettings.defaults());
  }

  /** An expander with {@code settings}. */
  public KustomizationExpander(ExpanderSettings settings) {
    this.kustomizations = new Kustomizations(settings);
  }

  @Override
  public boolean handles(KubeObject fluxObject) {
    return fluxObject.id().kind().equals("Kustomization")
        && fluxObject.id().apiVersion().startsWith("kustomize.toolkit.fluxcd.io/");
  }

  @Override
  public Expansion expand(KubeObject fluxObject, ExpansionContext context)
      throws ProfilesException {
    try {
      return Expansion.of(kustomizations.expand(fluxObject, context));
    } catch (NotExpandable e) {
      return Expansion.notExpanded(e.getMessage());
    }
  }
}
