package dev.profiles.core.preview.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.preview.FieldChange;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectId;
import dev.profiles.core.preview.Preview;
import dev.profiles.core.preview.PreviewFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The field diff's laws, on documents drawn from a small vocabulary so that they overlap. */
class DiffProperties {
  @Property(tries = 500)
  void aDocumentDiffedWithItselfHasNoChanges(@ForAll("documents") Object x) {
    assertThat(Diff.diff(x, Diff.copy(x))).isEmpty();
  }

  @Property(tries = 1000)
  void theDiffBackIsTheInverseOfTheDiff(@ForAll("documents") Object a,
      @ForAll("documents") Object b) {
    Set<List<Object>> forth = new HashSet<>();
    for (Diff.Change c : Diff.diff(a, b)) {
      forth.add(List.of(c.pathText(), c.kind().name(), String.valueOf(c.before()),
          String.valueOf(c.after())));
    }
    Set<List<Object>> backInverted = new HashSet<>();
    for (Diff.Change c : Diff.diff(b, a)) {
      FieldChange.Kind inverse = switch (c.kind()) {
        case ADDED -> FieldChange.Kind.REMOVED;
        case REMOVED -> FieldChange.Kind.ADDED;
        case CHANGED -> FieldChange.Kind.CHANGED;
      };
      backInverted.add(List.of(c.pathText(), inverse.name(), String.valueOf(c.after()),
          String.valueOf(c.before())));
    }
    assertThat(backInverted).isEqualTo(forth);
  }

  @Property(tries = 1000)
  void applyingTheDiffToTheLeftSideGivesTheRightSide(@ForAll("documents") Object a,
      @ForAll("documents") Object b) {
    Object before = Diff.copy(a);
    Object result = Diff.apply(a, Diff.diff(a, b));
    assertThat(Diff.canonical(result)).isEqualTo(Diff.canonical(b));
    assertThat(a).isEqualTo(before); // applying never touches its input
  }

  @Property(tries = 300)
  void reorderingNamedItemsIsNoChange(@ForAll("names") List<String> names) {
    List<Object> forward = new ArrayList<>();
    names.forEach(n -> forward.add(Map.of("name", n, "image", n + ":1")));
    List<Object> backward = new ArrayList<>(forward);
    java.util.Collections.reverse(backward);
    assertThat(Diff.diff(Map.of("containers", forward), Map.of("containers", backward)))
        .isEmpty();
  }

  @Property(tries = 300)
  void maskingNeverLeaksASecretValue(@ForAll("secretData") Map<String, String> before,
      @ForAll("secretData") Map<String, String> after, @ForAll boolean stringData) {
    ObjectId id = new ObjectId("v1", "Secret", "team", "creds");
    String field = stringData ? "stringData" : "data";
    List<KubeObject> b = before.isEmpty() ? List.of() : List.of(secret(id, field, before));
    List<KubeObject> a = after.isEmpty() ? List.of() : List.of(secret(id, field, after));
    Preview p = Preview.compare("Upgrade", Optional.of("dir"), b, a, List.of());
    String all = PreviewFormat.text(p, true) + PreviewFormat.markdown(p)
        + PreviewFormat.json(p) + p;
    for (String v : before.values()) {
      assertThat(all).doesNotContain(v);
    }
    for (String v : after.values()) {
      assertThat(all).doesNotContain(v);
    }
    // The keys that changed are still shown.
    for (String k : after.keySet()) {
      if (!before.isEmpty() && !after.get(k).equals(before.get(k))) {
        assertThat(PreviewFormat.text(p, false)).contains(field
            + (k.contains(".") ? "[\"" + k + "\"]" : "." + k));
      }
    }
  }

  private static KubeObject secret(ObjectId id, String field, Map<String, String> data) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("apiVersion", "v1");
    content.put("kind", "Secret");
    content.put("metadata", Map.of("name", "creds", "namespace", "team"));
    content.put(field, new LinkedHashMap<>(data));
    return KubeObject.builder().id(id).content(content).build();
  }

  @Provide
  Arbitrary<Map<String, String>> secretData() {
    return Arbitraries.maps(Arbitraries.of("password", "token", "user", "ca.crt"),
        Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(6)
            .ofMaxLength(20).map(s -> "S3CR3T-" + s)).ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<String>> names() {
    return Arbitraries.of("web", "sidecar", "init", "proxy", "log").list().uniqueElements()
        .ofMinSize(2).ofMaxSize(5);
  }

  @Provide
  Arbitrary<Object> documents() {
    return value(4);
  }

  private static Arbitrary<Object> value(int depth) {
    Arbitrary<Object> scalar = Arbitraries.oneOf(
        Arbitraries.of("a", "b", "1", "web", "").map(s -> (Object) s),
        Arbitraries.longs().between(0, 3).map(l -> (Object) l),
        Arbitraries.of(true, false).map(x -> (Object) x),
        Arbitraries.just(null));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<Object> map = Arbitraries.maps(Arbitraries.of("name", "spec", "image", "a.b",
        "items", "x"), Arbitraries.lazy(() -> value(depth - 1))).ofMaxSize(4)
        .map(m -> (Object) new LinkedHashMap<>(m));
    Arbitrary<Object> named = Combinators.combine(
        Arbitraries.of("web", "db", "cache").list().uniqueElements().ofMaxSize(3),
        Arbitraries.lazy(() -> value(depth - 1)).list().ofSize(3))
        .as((names, values) -> {
          List<Object> out = new ArrayList<>();
          for (int i = 0; i < names.size(); i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", names.get(i));
            item.put("v", values.get(i));
            out.add(item);
          }
          return (Object) out;
        });
    Arbitrary<Object> list = Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(3)
        .map(l -> (Object) new ArrayList<>(l));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(4, map),
        net.jqwik.api.Tuple.of(2, named), net.jqwik.api.Tuple.of(2, list));
  }
}
