package dev.profiles.core.yaml.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.RepresentToNode;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

/**
 * Writes documents deterministically: fields in the order they are put, block style, two-space
 * indent, LF line ends, a final newline, multi-line strings as literal blocks, strings that
 * would read back as another type quoted.
 */
public final class DocumentWriter {
  private static final DumpSettings SETTINGS = DumpSettings.builder()
      .setDefaultFlowStyle(FlowStyle.BLOCK)
      .setIndent(2)
      .setIndicatorIndent(2)
      .setIndentWithIndicator(true)
      .setWidth(Integer.MAX_VALUE)
      .setSplitLines(false)
      .setBestLineBreak("\n")
      .build();

  private DocumentWriter() {}

  /** Renders a document made of maps, lists and strings. */
  public static String write(Map<String, Object> document) {
    return new Dump(SETTINGS, new Representer()).dumpToString(document);
  }

  /** A fluent ordered map that leaves out absent and empty values. */
  public static final class Fields {
    private final Map<String, Object> map = new LinkedHashMap<>();

    public Fields put(String key, String value) {
      map.put(key, value);
      return this;
    }

    public Fields put(String key, Optional<String> value) {
      value.ifPresent(v -> map.put(key, v));
      return this;
    }

    public Fields put(String key, Fields value) {
      if (!value.map.isEmpty()) {
        map.put(key, value.map);
      }
      return this;
    }

    public Fields putList(String key, List<?> items) {
      if (!items.isEmpty()) {
        map.put(key, items.stream().map(i -> i instanceof Fields f ? f.map : i).toList());
      }
      return this;
    }

    public Map<String, Object> toMap() {
      return map;
    }
  }

  private static final class Representer extends StandardRepresenter {
    Representer() {
      super(SETTINGS);
      RepresentToNode plain = this.representers.get(String.class);
      // Multi-line text (Helm values) reads best as a literal block.
      this.representers.put(String.class, data -> {
        String s = (String) data;
        boolean multiline = s.indexOf('\n') >= 0 && s.indexOf('\n') < s.length() - 1
            || s.endsWith("\n") && s.length() > 1;
        return multiline ? representScalar(Tag.STR, s, ScalarStyle.LITERAL) : plain.representData(s);
      });
    }
  }
}
