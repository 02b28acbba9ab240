package dev.profiles.preview;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.preview.Expansion;
import dev.profiles.core.preview.ExpansionContext;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectExpander;
import dev.profiles.core.preview.PreviewException;
import dev.profiles.preview.internal.Downloads;
import dev.profiles.preview.internal.HelmReleases;
import dev.profiles.preview.internal.NotExpandable;
import java.util.Set;

/**
 * Expands a Flux HelmRelease ({@code helm.toolkit.fluxcd.io} v2, v2beta2, v2beta1) into the
 * objects helm-controller would install: the chart rendered offline by the embedded Helm
 * (helm-java), with the values merged in Flux's order (each {@code valuesFrom} in turn, then
 * inline {@code values}, over the chart's defaults), and the chart's CRDs first.
 *
 * <p>Charts are read from the GitOps repository (a {@code GitRepository} source that is the
 * repository itself), fetched anonymously from an HTTP Helm repository, or pulled from an OCI
 * registry ({@code HelmRepository} of type {@code oci}, or {@code chartRef} to an
 * {@code OCIRepository}). Archives are cached for the life of the expander. A source the
 * preview cannot read (another Git repository, one needing credentials, a version range) gives
 * {@link Expansion#notExpanded}; bad input (a chart that does not render, values that do not
 * parse, a chart repository or version that does not exist) a {@link PreviewException}.
 *
 * <pre>{@code
 * ObjectExpander helm = new HelmReleaseExpander();
 * if (helm.handles(release)) {
 *   Expansion expansion = helm.expand(release, side);
 * }
 * }</pre>
 */
public final class HelmReleaseExpander implements ObjectExpander {
  private static final Set<String> VERSIONS = Set.of("v2", "v2beta2", "v2beta1");

  private final ExpanderSettings settings;
  private volatile Downloads downloads;

  /** An expander with {@link ExpanderSettings#defaults()} (as {@link java.util.ServiceLoader} makes it). */
  public HelmReleaseExpander() {
    this(ExpanderSettings.defaults());
  }

  /** An expander with {@code settings}. */
  public HelmReleaseExpander(ExpanderSettings settings) {
    this.settings = settings;
  }

  @Override
  public boolean handles(KubeObject fluxObject) {
    String apiVersion = fluxObject.id().apiVersion();
    return fluxObject.id().kind().equals("HelmRelease")
        && fluxObject.id().group().equals("helm.toolkit.fluxcd.io")
        && VERSIONS.contains(apiVersion.substring(apiVersion.indexOf('/') + 1));
  }

  @Override
  public Expansion expand(KubeObject fluxObject, ExpansionContext context)
      throws ProfilesException {
    try {
      return Expansion.of(new HelmReleases(settings, downloads()).expand(fluxObject, context));
    } catch (NotExpandable e) {
      return Expansion.notExpanded(e.getMessage());
    }
  }

  private Downloads downloads() throws PreviewException {
    Downloads d = downloads;
    if (d == null) {
      synchronized (this) {
        d = downloads;
        if (d == null) {
          d = new Downloads(settings.timeout(), settings.maxArchiveBytes(),
              settings.maxInputBytes());
          downloads = d;
        }
      }
    }
    return d;
  }
}
