package dev.profiles.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.preview.PreviewException;
import dev.profiles.preview.internal.Trees;
import dev.profiles.preview.internal.Yamls;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the values merge and of the bounded YAML reader, over open-ended input. */
class ValuesProperties {
  @Property
  void mergeKeepsEveryOverlayLeafAndEveryBaseLeafTheOverlayDoesNotReplace(
      @ForAll("trees") Map<String, Object> base, @ForAll("trees") Map<String, Object> overlay) {
    Map<String, Object> merged = Trees.merge(base, overlay);
    for (Map.Entry<String, Object> e : overlay.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> over && base.get(e.getKey()) instanceof Map<?, ?>) {
        assertThat(merged.get(e.getKey())).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<Object, Object> mergedChild = (Map<Object, Object>) merged.get(e.getKey());
        assertThat(mergedChild).containsAllEntriesOf(leavesOnly(over));
      } else {
        assertThat(merged.get(e.getKey())).isEqualTo(e.getValue());
      }
    }
    for (Map.Entry<String, Object> e : base.entrySet()) {
      if (!overlay.containsKey(e.getKey())) {
        assertThat(merged.get(e.getKey())).isEqualTo(e.getValue());
      }
    }
  }

  private static Map<Object, Object> leavesOnly(Map<?, ?> map) {
    Map<Object, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      if (!(v instanceof Map<?, ?>)) {
        out.put(k, v);
      }
    });
    return out;
  }

  @Property
  void writtenValuesReadBackEqual(@ForAll("trees") Map<String, Object> values) throws Exception {
    assertThat(Yamls.readMap("values", Yamls.write(values), 1 << 20)).isEqualTo(values);
  }

  @Property(tries = 300)
  void anyTextReadsOrIsAPreviewException(@ForAll("yamlish") String text) {
    try {
      Yamls.readAll("input", text, 1 << 16, 100);
    } catch (PreviewException e) {
      assertThat(e.getMessage()).startsWith("input");
    }
  }

  @Property(tries = 20)
  void deepNestingIsRefusedBeforeComposing(@ForAll("depths") int depth) {
    String text = "[".repeat(depth) + "]".repeat(depth);
    try {
      Yamls.readAll("deep", text, 1 << 20, 10);
      assertThat(depth).isLessThanOrEqualTo(Yamls.MAX_DEPTH);
    } catch (PreviewException e) {
      assertThat(depth).isGreaterThan(Yamls.MAX_DEPTH);
      assertThat(e.getMessage()).contains("nested deeper than");
    }
  }

  @Provide
  Arbitrary<Integer> depths() {
    return Arbitraries.integers().between(1, 20_000);
  }

  @Provide
  Arbitrary<String> yamlish() {
    return Arbitraries.strings().withChars("ab:- \n{}[]&*!|>'\"#%@,?\t1").ofMaxLength(200);
  }

  @Provide
  Arbitrary<Map<String, Object>> trees() {
    Arbitrary<Object> leaf = Arbitraries.oneOf(
        Arbitraries.strings().alpha().ofMaxLength(6).map(s -> (Object) s),
        // Strings a YAML 1.1 reader would take for something else unless quoted.
        Arbitraries.of("yes", "no", "on", "off", "y", "N", "null", "~", "true", "0777", "1e3",
            "", "a: b", "- x", "\"q\"", "back\\slash", "tab\tnl\n", "\u0085", "\uD83D\uDE00")
            .map(s -> (Object) s),
        Arbitraries.integers().between(-1000, 1000).map(i -> (Object) i),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.strings().alpha().ofMaxLength(3).list().ofMaxSize(3).map(l -> (Object) l));
    Arbitrary<Map<String, Object>> level1 = Arbitraries.maps(keys(), leaf).ofMaxSize(4);
    Arbitrary<Object> nested = Arbitraries.oneOf(leaf, level1.map(m -> (Object) m));
    return Arbitraries.maps(keys(), nested).ofMaxSize(5).map(LinkedHashMap::new);
  }

  private static Arbitrary<String> keys() {
    return Arbitraries.of("a", "b", "c", "image", "tag", "replicas", "x.y");
  }
}
