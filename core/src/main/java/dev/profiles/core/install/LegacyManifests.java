package dev.profiles.core.install;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings manifests written by the original pctl up to the Flux APIs served today, before an
 * upgrade merges them: pctl wrote {@code source.toolkit.fluxcd.io/v1beta1|v1beta2}, {@code
 * helm.toolkit.fluxcd.io/v2beta1|v2beta2} and {@code kustomize.toolkit.fluxcd.io/v1beta1|v1beta2},
 * which current Flux no longer serves. Without this step a three-way merge would take those
 * old versions for user edits and keep them.
 *
 * <pre>{@code
 * RenderedFiles ours = LegacyManifests.migrate(filesAsTheUserHasThem);
 * }</pre>
 */
public final class LegacyManifests {
  private static final Pattern OLD_API = Pattern.compile(
      "(?m)^(apiVersion:\\s*)(source|helm|kustomize)\\.toolkit\\.fluxcd\\.io/(v1beta[12]|v2beta[12])\\s*$");
  private static final Map<String, String> CURRENT = Map.of(
      "source", "v1", "helm", "v2", "kustomize", "v1");

  private LegacyManifests() {}

  /** {@code files} with every retired Flux apiVersion replaced by the current one. */
  public static RenderedFiles migrate(RenderedFiles files) {
    RenderedFiles.Builder out = RenderedFiles.builder();
    files.forEach((path, bytes) -> {
      if (!path.endsWith(".yaml") && !path.endsWith(".yml")) {
        out.put(path, bytes);
        return;
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      Matcher m = OLD_API.matcher(text);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2)
            + ".toolkit.fluxcd.io/" + CURRENT.get(m.group(2))));
      }
      m.appendTail(sb);
      out.put(path, sb.toString().getBytes(StandardCharsets.UTF_8));
    });
    return out.build();
  }
}
