package dev.profiles.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectId;
import dev.profiles.core.preview.PreviewException;
import dev.profiles.preview.internal.Manifests;
import dev.profiles.preview.internal.Yamls;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendered documents as objects: namespaces by scope, empty fields, documents that are not objects. */
class ManifestsTest {
  private static final ObjectId PRODUCER =
      new ObjectId("helm.toolkit.fluxcd.io/v2", "HelmRelease", "apps", "web");

  private static List<KubeObject> read(String yaml) throws PreviewException {
    return Manifests.knowing(List.of()).objects("out", Yamls.readAll("out", yaml, 1 << 20, 100),
        PRODUCER, "apps");
  }

  @Test
  void namespacedKindsGetTheReleaseNamespaceClusterScopedOnesNoneAndNullFieldsAreDropped()
      throws Exception {
    List<KubeObject> objects = read("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        data:
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: team, namespace: ignored}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: s, namespace: other}
        """);
    assertThat(objects).extracting(o -> o.id().toString()).containsExactly(
        "v1 ConfigMap apps/a", "v1 Namespace team", "v1 Secret other/s");
    assertThat(objects.get(0).content()).doesNotContainKey("data");
    assertThat(objects).allSatisfy(o -> assertThat(o.producedBy()).contains(PRODUCER));
  }

  @Test
  void documentsThatAreNotObjectsAreErrorsWithTheirIndex() {
    assertThatThrownBy(() -> read("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"
        + "---\n- a list\n"))
        .isInstanceOf(PreviewException.class).hasMessageContaining("document 2 is a list");
    assertThatThrownBy(() -> read("apiVersion: v1\nkind: ConfigMap\n"))
        .isInstanceOf(PreviewException.class)
        .hasMessageContaining("document 1 has no apiVersion, kind or metadata.name");
  }
}
