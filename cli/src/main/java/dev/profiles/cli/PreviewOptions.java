package dev.profiles.cli;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.PreviewCommand;
import dev.profiles.core.preview.Expansion;
import dev.profiles.core.preview.ExpansionContext;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectExpander;
import dev.profiles.core.preview.Preview;
import dev.profiles.core.preview.PreviewException;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of a preview, shared by {@code diff} and the {@code --dry-run} of {@code add},
 * {@code upgrade} and {@code remove}: {@code -o text|json|markdown}, and {@code --no-expand} for
 * a preview at Flux level — the Flux objects compared as written, HelmReleases and
 * Kustomizations listed as not expanded — for offline use and CI without access to chart
 * repositories or kustomize.
 *
 * <pre>{@code
 * profiles diff web v1.1.0 --no-expand -o markdown
 * profiles add --name web --profile-repo-url URL --profile-tag web/v1.0.0 --dry-run -o json
 * }</pre>
 */
final class PreviewOptions {
  /** The reason a Flux object is listed as not expanded under {@code --no-expand}. */
  static final String REASON = "expansion turned off (--no-expand)";
  /** Appended to an expansion that failed on the network. */
  static final String HINT = " (use --no-expand to preview at Flux level)";

  @Option(names = "--no-expand", description = "Preview at Flux level: compare the Flux"
      + " objects as written, without rendering HelmReleases or building Kustomizations"
      + " (offline; no chart repository or kustomize needed).")
  boolean noExpand;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "The preview's form: text, json or markdown (default: ${DEFAULT-VALUE}).")
  PreviewPrinter.Format format;

  /**
   * Refuses {@code --no-expand} and {@code -o} where there is no preview to apply them to
   * (an {@code add} without {@code --dry-run} would otherwise ignore them silently).
   */
  void requirePreview(CommandLine cl, boolean preview) {
    if (preview) {
      return;
    }
    for (String option : List.of("--no-expand", "--output")) {
      if (cl.getParseResult().hasMatchedOption(option)) {
        throw new CommandLine.ParameterException(cl, (option.equals("--output") ? "-o/" : "")
            + option + " applies to the preview: give --dry-run too");
      }
    }
  }

  /**
   * Prints {@code preview} in the chosen form after {@code headline} (a "would …" line): on
   * stdout above a text preview, on stderr otherwise, so JSON and Markdown stay parseable.
   */
  void print(Main main, String headline, Preview preview) {
    (format == PreviewPrinter.Format.text ? main.out : main.err).println(headline
        + " (dry run: nothing written)");
    PreviewPrinter.print(main, preview, format);
  }

  /**
   * Computes {@code preview}, at Flux level under {@code --no-expand}. Rather than no
   * expanders at all (which lists Flux objects as having "no expander"), one that declines
   * every Flux object with {@link #REASON}, so the listing says why. An expansion that failed
   * on the network (a chart repository not reachable) says how to preview without it.
   */
  Preview call(PreviewCommand preview) throws ProfilesException {
    if (noExpand) {
      preview.expanders(List.of(OFF));
    }
    try {
      return preview.call();
    } catch (PreviewException e) {
      if (causedBy(e, IOException.class) && !e.getMessage().endsWith(HINT)) {
        throw new PreviewException(e.getMessage() + HINT, e);
      }
      throw e;
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static final ObjectExpander OFF = new ObjectExpander() {
    @Override
    public boolean handles(KubeObject o) {
      return (o.id().group().equals("helm.toolkit.fluxcd.io")
          && o.id().kind().equals("HelmRelease"))
          || (o.id().group().equals("kustomize.toolkit.fluxcd.io")
              && o.id().kind().equals("Kustomization"));
    }

    @Override
    public Expansion expand(KubeObject o, ExpansionContext context) {
      return Expansion.notExpanded(REASON);
    }
  };
}
