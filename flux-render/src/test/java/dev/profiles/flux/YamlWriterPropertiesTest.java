package dev.profiles.flux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.flux.internal.YamlWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Whatever we write, a YAML reader reads back unchanged, as a string. */
class YamlWriterPropertiesTest {
  private static Object parse(String yaml) {
    return new Load(LoadSettings.builder().build()).loadFromString(yaml);
  }

  @Provide
  Arbitrary<String> tricky() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars("abyYnNoO01.:-+_ #'\"\n\t|>{}[]&*!%@`,?eExX~").ofMaxLength(12),
        Arbitraries.of("", "true", "no", "Off", "null", "~", "1.0", "8.9.1", "0x1F", "1e3",
            "2001-12-14", "12:30", ".inf", "-", "- a", "a: b", "a #b", "\n", " lead", "trail ",
            "line1\nline2\n", "line\n\n", "nochomp\nx", "  indented\nblock", "@at", "*ref",
            "5m", "./x/y", "oci://ghcr.io/a", "=", "<<"));
  }

  @Property(tries = 2000)
  void stringValuesRoundTrip(@ForAll("tricky") String value) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("key", value);
    doc.put("list", List.of(value, Map.of("k", value)));
    String yaml = YamlWriter.write(doc);
    assertThat(parse(yaml)).isEqualTo(doc);
    assertThat(yaml).endsWith("\n").doesNotContain("\r\n");
  }

  @Property(tries = 1000)
  void keysRoundTrip(@ForAll("tricky") String key) {
    Map<String, Object> doc = Map.of(key, "v");
    assertThat(parse(YamlWriter.write(doc))).isEqualTo(doc);
  }

  @Example
  void writesKubernetesStyleBlocks() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "v1");
    doc.put("data", Map.of("values.yaml", "a: 1\nb: [x]\n"));
    doc.put("items", List.of(Map.of("name", "x"), "plain", List.of()));
    doc.put("version", "8.9.1");
    doc.put("enabled", true);
    assertThat(YamlWriter.write(doc)).isEqualTo(String.join("\n",
        "apiVersion: v1",
        "data:",
        "  values.yaml: |",
        "    a: 1",
        "    b: [x]",
        "items:",
        "- name: x",
        "- plain",
        "- []",
        "version: \"8.9.1\"",
        "enabled: true",
        ""));
  }
}
