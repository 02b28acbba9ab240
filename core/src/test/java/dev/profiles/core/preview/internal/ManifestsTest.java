package dev.profiles.core.preview.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectId;
import dev.profiles.core.yaml.InvalidDocumentException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading manifest files into objects: values as parsed, documents that are no objects skipped. */
class ManifestsTest {
  static List<KubeObject> read(String text) throws InvalidDocumentException {
    return Manifests.read("m.yaml", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsEveryObjectOfAStreamAndSkipsWhatIsNoObject() throws Exception {
    List<KubeObject> objects = read("""
        ---
        # only a comment
        ---
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [a.yaml]
        ---
        replicas: 3
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a, namespace: team}
        data: {n: 1, q: "1", b: true, f: 1.5, z: null, big: 123456789012345678901234567890}
        status: null
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: team}
        """);
    assertThat(objects).extracting(KubeObject::id).containsExactly(
        new ObjectId("v1", "ConfigMap", "team", "a"), new ObjectId("v1", "Namespace", "", "team"));
    Map<?, ?> data = (Map<?, ?>) objects.get(0).content().get("data");
    assertThat(data.get("n")).isEqualTo(1L);
    assertThat(data.get("q")).isEqualTo("1");
    assertThat(data.get("b")).isEqualTo(true);
    assertThat(data.get("f")).isEqualTo(1.5);
    assertThat(data.containsKey("z")).isTrue();
    assertThat(data.get("z")).isNull();
    assertThat(data.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(objects.get(0).content()).doesNotContainKey("status");
    assertThat(objects.get(0).file()).contains("m.yaml");
  }

  @Test
  void aSyntaxErrorIsLocatedInItsDocument() {
    assertThatThrownBy(() -> read("apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: [\n"))
        .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
          assertThat(e.problems()).first().satisfies(p -> {
            assertThat(p.source()).isEqualTo("m.yaml");
            assertThat(p.line()).isGreaterThanOrEqualTo(5);
          });
        });
  }

  @Test
  void aDocumentNestedTooDeeplyIsRefusedNotAStackOverflow() {
    String deep = "apiVersion: v1\nkind: A\nx: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n";
    assertThatThrownBy(() -> read(deep)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("refused");
  }

  @Test
  void pathsQuoteKeysThatAreNoPlainWords() {
    assertThat(Diff.diff(Map.of("metadata", Map.of("labels", Map.of("app.kubernetes.io/name",
        "a"))), Map.of("metadata", Map.of("labels", Map.of("app.kubernetes.io/name", "b")))))
        .extracting(Diff.Change::pathText)
        .containsExactly("metadata.labels[\"app.kubernetes.io/name\"]");
    assertThat(Json.compact(Map.of("k", List.of("a\"b\n", 1L)))).isEqualTo("{\"k\":[\"a\\\"b\\n\",1]}");
  }
}
