package dev.profiles.preview.internal;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.jni.NativeLibrary;
import dev.profiles.core.preview.PreviewException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The embedded Helm (helm-java, Helm's Go library through JNA): {@code helm template} and
 * {@code helm show crds} of a chart on disk (a directory or an archive), offline. Nothing here
 * talks to a cluster or a repository: dependencies must be in the chart's {@code charts/}.
 */
public final class HelmCharts {
  private static volatile Optional<String> unavailable;

  private HelmCharts() {}

  /**
   * Why the embedded Helm cannot run on this machine, or empty when it can. helm-java
   * downloads its native library from Maven Central when none is on the class path; a preview
   * must not, so without one it is not used at all.
   */
  public static Optional<String> unavailable() {
    Optional<String> known = unavailable;
    if (known != null) {
      return known;
    }
    Optional<String> reason;
    try {
      NativeLibrary library = NativeLibrary.serviceProviderLibrary(HelmCharts.class.getClassLoader());
      if (library == null) {
        reason = Optional.of("no embedded Helm library for " + System.getProperty("os.name")
            + "/" + System.getProperty("os.arch") + " on the class path (helm-java)");
      } else if (!library.getBinaryName().contains(platform())) {
        reason = Optional.of("the embedded Helm library " + library.getBinaryName()
            + " is not for " + System.getProperty("os.name") + "/"
            + System.getProperty("os.arch"));
      } else {
        Helm.version().call();
        reason = Optional.empty();
      }
    } catch (LinkageError | RuntimeException e) {
      reason = Optional.of("the embedded Helm library does not load: " + Yamls.firstLine(
          String.valueOf(e.getMessage())));
    }
    unavailable = reason;
    return reason;
  }

  private static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(java.util.Locale.ROOT);
    String goOs = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin"
        : os.contains("windows") ? "windows" : os;
    String goArch = arch.equals("x86_64") || arch.equals("amd64") ? "amd64"
        : arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : arch;
    return goOs + "-" + goArch;
  }

  /**
   * {@code helm template} of {@code chart} as release {@code name} in {@code namespace}, with
   * the values file (already merged as Flux merges them), reading no repository config of the
   * user's ({@code repositoryConfig} is an empty private file).
   */
  public static String template(String who, Path chart, String name, String namespace,
      Optional<Path> values, Path repositoryConfig) throws PreviewException {
    try {
      var command = Helm.template(chart.toString()).withName(name).withNamespace(namespace)
          .withRepositoryConfig(repositoryConfig);
      if (values.isPresent()) {
        command = command.withValuesFile(values.get());
      }
      String out = command.call();
      // helm-java answers null, not "", for a chart that renders nothing.
      return out == null ? "" : out;
    } catch (IllegalStateException e) {
      throw new PreviewException(who + ": " + helmMessage(e));
    } catch (RuntimeException | LinkageError e) {
      throw new PreviewException(who + ": helm template failed: " + helmMessage(e));
    }
  }

  /** The chart's CRDs ({@code crds/}), as {@code helm show crds} prints them. */
  public static String crds(String who, Path chart) throws PreviewException {
    try {
      String out = Helm.show(chart.toString()).crds().call();
      // helm-java answers null, not "", for a chart without CRDs.
      return out == null ? "" : out;
    } catch (RuntimeException | LinkageError e) {
      throw new PreviewException(who + ": cannot read the chart's CRDs: " + helmMessage(e));
    }
  }

  private static String helmMessage(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    // Helm appends advice about a flag the preview does not have.
    message = message.replace("Use --debug flag to render out invalid YAML", "").strip();
    return message.length() > 2000 ? message.substring(0, 2000) + "..." : message;
  }
}
