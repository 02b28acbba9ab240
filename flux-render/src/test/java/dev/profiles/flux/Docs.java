package dev.profiles.flux;

import dev.profiles.core.install.RenderedFiles;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Test support: reads rendered YAML back as maps, and walks them by dotted paths. */
final class Docs {
  private Docs() {}

  static Map<String, Object> read(RenderedFiles files, String path) {
    String text = files.text(path).orElseThrow(() -> new AssertionError("no file " + path
        + " in " + files.paths()));
    return parse(text);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String text) {
    return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
  }

  /** The map at {@code path}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object doc, String path) {
    return (Map<String, Object>) at(doc, path);
  }

  /** The value at {@code a.b[0].c}. */
  static Object at(Object doc, String path) {
    Object current = doc;
    for (String part : path.split("\\.")) {
      String name = part.contains("[") ? part.substring(0, part.indexOf('[')) : part;
      if (!name.isEmpty()) {
        current = ((Map<?, ?>) current).get(name);
      }
      int open = part.indexOf('[');
      while (open >= 0) {
        int close = part.indexOf(']', open);
        current = ((List<?>) current).get(Integer.parseInt(part.substring(open + 1, close)));
        open = part.indexOf('[', close);
      }
    }
    return current;
  }
}
