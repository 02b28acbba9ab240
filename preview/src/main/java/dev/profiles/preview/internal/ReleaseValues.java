package dev.profiles.preview.internal;

import dev.profiles.core.preview.ExpansionContext;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.PreviewException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The values helm-controller gives Helm for a HelmRelease, merged in its order: each
 * {@code spec.valuesFrom} entry in turn (whole documents deep-merged, or one value set at its
 * {@code targetPath}), then the inline {@code spec.values} on top. Helm then puts the result
 * over the chart's defaults.
 */
public final class ReleaseValues {
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");

  private ReleaseValues() {}

  /** The merged values of {@code release} (namespace {@code namespace}) on this side. */
  public static Map<String, Object> of(String who, KubeObject release, String namespace,
      ExpansionContext context, long maxBytes) throws PreviewException, NotExpandable {
    Map<String, Object> spec = Trees.map(release.content(), "spec");
    Map<String, Object> values = new LinkedHashMap<>();
    List<?> from = Trees.list(spec, "valuesFrom");
    for (int i = 0; i < from.size(); i++) {
      if (!(from.get(i) instanceof Map<?, ?> raw)) {
        throw new PreviewException(who + ": spec.valuesFrom[" + i + "] is not a mapping");
      }
      Map<String, Object> ref = Trees.stringKeyed(who, raw);
      String field = "spec.valuesFrom[" + i + "]";
      String kind = Trees.text(ref, "kind").orElse("");
      String name = Trees.text(ref, "name").orElse("");
      if (!kind.equals("ConfigMap") && !kind.equals("Secret") || name.isEmpty()) {
        throw new PreviewException(who + ": " + field
            + " must name a ConfigMap or Secret (kind and name)");
      }
      String key = Trees.text(ref, "valuesKey").filter(k -> !k.isEmpty()).orElse("values.yaml");
      boolean optional = Trees.flag(ref, "optional");
      Optional<KubeObject> source = context.find(kind, namespace, name);
      if (source.isEmpty()) {
        // Not in the repository: it may exist only in the cluster, which a preview cannot
        // see; it contributes nothing here (README: what a preview cannot know).
        continue;
      }
      String what = kind + " " + namespace + "/" + name + source.get().file()
          .map(f -> " (" + f + ")").orElse("") + " key '" + key + "'";
      Optional<String> text = data(who, source.get(), kind, key, what);
      if (text.isEmpty()) {
        if (optional) {
          continue;
        }
        throw new PreviewException(who + ": " + field + ": " + what + " does not exist");
      }
      Optional<String> targetPath = Trees.text(ref, "targetPath").filter(p -> !p.isEmpty());
      if (targetPath.isPresent()) {
        values = setPath(who, field, values, targetPath.get(), text.get());
      } else {
        Map<String, Object> document = Yamls.readMap(who + ": values of " + what, text.get(),
            maxBytes);
        values = Trees.merge(values, document);
      }
    }
    Object inline = spec.get("values");
    if (inline instanceof Map<?, ?> m) {
      values = Trees.merge(values, Trees.stringKeyed(who, m));
    } else if (inline != null) {
      throw new PreviewException(who + ": spec.values is not a mapping");
    }
    return values;
  }

  private static Optional<String> data(String who, KubeObject source, String kind, String key,
      String what) throws PreviewException, NotExpandable {
    Map<String, Object> content = source.content();
    if (kind.equals("Secret") && content.containsKey("sops")) {
      throw new NotExpandable(what + " is SOPS-encrypted; a preview does not decrypt it");
    }
    if (kind.equals("Secret")) {
      Optional<String> plain = Trees.text(Trees.map(content, "stringData"), key);
      if (plain.isPresent()) {
        return plain;
      }
    } else {
      Optional<String> plain = Trees.text(Trees.map(content, "data"), key);
      if (plain.isPresent()) {
        return plain;
      }
    }
    String encodedField = kind.equals("Secret") ? "data" : "binaryData";
    Optional<String> encoded = Trees.text(Trees.map(content, encodedField), key);
    if (encoded.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new String(Base64.getMimeDecoder().decode(encoded.get()),
          StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new PreviewException(who + ": " + what + " (" + encodedField
          + ") is not base64: " + e.getMessage());
    }
  }

  /**
   * {@code value} set at the dotted {@code path} ({@code a.b.c}, {@code \.} for a literal
   * dot), typed as Helm's {@code --set} types it (integers, booleans, null, else a string).
   */
  static Map<String, Object> setPath(String who, String field, Map<String, Object> values,
      String path, String value) throws PreviewException {
    List<String> keys = new ArrayList<>();
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' && i + 1 < path.length()) {
        key.append(path.charAt(++i));
      } else if (c == '.') {
        keys.add(key.toString());
        key.setLength(0);
      } else if (c == '[' || c == ']' || c == '=' || c == ',') {
        throw new PreviewException(who + ": " + field + ".targetPath '" + path
            + "': list indexes and '=' or ',' are not supported by the preview");
      } else {
        key.append(c);
      }
    }
    keys.add(key.toString());
    if (keys.stream().anyMatch(String::isEmpty) || keys.size() > Yamls.MAX_DEPTH) {
      throw new PreviewException(who + ": " + field + ".targetPath '" + path
          + "' is not a dotted path of keys");
    }
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put(keys.get(keys.size() - 1), typed(value));
    for (int i = keys.size() - 2; i >= 0; i--) {
      Map<String, Object> outer = new LinkedHashMap<>();
      outer.put(keys.get(i), nested);
      nested = outer;
    }
    return Trees.merge(values, nested);
  }

  private static Object typed(String value) {
    if (value.equals("true") || value.equals("false")) {
      return Boolean.valueOf(value);
    }
    if (value.equals("null")) {
      return null;
    }
    if (INTEGER.matcher(value).matches()) {
      return Long.valueOf(value);
    }
    return value;
  }
}
