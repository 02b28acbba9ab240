package dev.profiles.core.preview.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectId;
import dev.profiles.core.preview.Preview;
import dev.profiles.core.preview.PreviewFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The output forms: hostile names stay inert, the JSON parses back to what was compared. */
class FormatsTest {
  static KubeObject cm(String name, Map<String, Object> data) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("apiVersion", "v1");
    content.put("kind", "ConfigMap");
    content.put("metadata", Map.of("name", name));
    content.put("data", data);
    return KubeObject.builder().id(new ObjectId("v1", "ConfigMap", "", name)).content(content)
        .file("a.yaml").build();
  }

  @Test
  void controlCharactersAndMarkupInNamesAndValuesStayInert() {
    String evil = "x\u001b[2J<script>|`";
    Preview p = Preview.compare("op", Optional.empty(), List.of(cm(evil, Map.of("k", "a"))),
        List.of(cm(evil, Map.of("k", "b\u001b]0;title\u0007\n```\nend"))), List.of());
    String text = PreviewFormat.text(p, false);
    assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").contains("\\u001b");
    String md = PreviewFormat.markdown(p);
    assertThat(md).doesNotContain("\u001b").doesNotContain("<script>")
        .contains("&lt;script&gt;").contains("````diff"); // a fence longer than the content's
  }

  @Test
  @SuppressWarnings("unchecked")
  void theJsonParsesBackToThePreview() {
    Preview p = Preview.compare("Upgrade x", Optional.of("dir"),
        List.of(cm("a", Map.of("n", 1L, "s", "1")), cm("gone", Map.of())),
        List.of(cm("a", Map.of("n", 2L, "s", "1", "f", 1.5, "t", true)), cm("new", Map.of())),
        List.of());
    Map<String, Object> json = (Map<String, Object>) new Load(LoadSettings.builder().build())
        .loadFromString(PreviewFormat.json(p));
    assertThat(json.get("schemaVersion")).isEqualTo(1);
    assertThat(json.get("directory")).isEqualTo("dir");
    assertThat(json.get("summary")).isEqualTo(Map.of("added", 1, "changed", 1, "removed", 1,
        "unchanged", 0));
    List<Map<String, Object>> objects = (List<Map<String, Object>>) json.get("objects");
    assertThat(objects).extracting(o -> o.get("change"))
        .containsExactly("changed", "removed", "added");
    List<Map<String, Object>> fields = (List<Map<String, Object>>) objects.get(0).get("fields");
    assertThat(fields).containsExactlyInAnyOrder(
        Map.of("path", "data.n", "change", "changed", "before", 1, "after", 2),
        Map.of("path", "data.f", "change", "added", "after", 1.5),
        Map.of("path", "data.t", "change", "added", "after", true));
    assertThat(objects.get(0).get("file")).isEqualTo("a.yaml");
    assertThat(objects.get(0)).containsEntry("producedBy", null);
  }
}
