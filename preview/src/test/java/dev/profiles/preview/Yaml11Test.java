package dev.profiles.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.preview.internal.Yamls;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rendered manifests and values are read as Kubernetes' and Helm's YAML 1.1 reader reads them. */
class Yaml11Test {
  @Test
  void yaml11BooleansAreBooleansAndQuotedOnesStrings() throws Exception {
    Map<String, Object> doc = Yamls.readMap("doc", """
        a: yes
        b: off
        c: "yes"
        d: true
        e: y
        f: yesterday
        g: 012
        """, 1 << 10);
    assertThat(doc).containsEntry("a", true).containsEntry("b", false)
        .containsEntry("c", "yes").containsEntry("d", true).containsEntry("e", true)
        .containsEntry("f", "yesterday").containsEntry("g", 10);
  }
}
