package dev.profiles.catalog.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/** Whatever another file holds, a refresh succeeds and a good source is served in full. */
class CatalogLoaderProperties {
  private static final String GOOD = "apiVersion: weave.works/v1alpha1\n"
      + "kind: ProfileCatalogSource\nmetadata:\n  name: good\nspec:\n  profiles:\n"
      + "    - name: nginx\n      tag: nginx/v0.1.0\n    - name: nginx\n      tag: nginx/v0.2.0\n";

  private Path dir;
  private CatalogServer server;

  @BeforeProperty
  void setUp() throws Exception {
    dir = Files.createTempDirectory("catalog-loader");
    Files.writeString(dir.resolve("a-good.yaml"), GOOD);
    // Never started: refresh() works without the HTTP side.
    server = CatalogServer.builder().sources(dir).build();
  }

  @AfterProperty
  void tearDown() throws Exception {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  @Property(tries = 200)
  void anotherFileNeverBreaksTheGoodSource(@ForAll("documents") String other) throws Exception {
    Files.writeString(dir.resolve("b-other.yaml"), other);
    List<SourceStatus> status = server.refresh();
    assertThat(status.get(0).healthy()).isTrue();
    assertThat(server.index().versions("good", "nginx")).hasSize(2);
    assertThat(status).hasSize(2);
    SourceStatus s = status.get(1);
    // A source is either served without problems or reports what is wrong with it.
    assertThat(s.healthy() || !s.problems().isEmpty() || s.repositories().stream()
        .anyMatch(r -> r.error().isPresent())).isTrue();
  }

  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> header = Arbitraries.of("", "apiVersion: weave.works/v1alpha1\n",
        "apiVersion: weave.works/v1alpha1\nkind: ProfileCatalogSource\n",
        "apiVersion: weave.works/v1alpha1\nkind: ProfileCatalogSource\nmetadata:\n  name: x\n");
    Arbitrary<String> line = Arbitraries.of("spec:\n", "  profiles:\n", "  repositories:\n",
        "    - name: nginx\n", "      tag: nginx/v0.1.0\n", "      tag: nginx/latest\n",
        "      tag: other/v1.0.0\n", "    - url: https://u:p@example.com/r\n",
        "      catalogSource: y\n", "metadata:\n  name: good\n", "  - [\n", "x: &a [*a]\n",
        "\t\n", "kind: Other\n", "      prerequisites: [a, 1]\n", "--- \n", ": :\n");
    return header.flatMap(h -> line.list().ofMaxSize(8)
        .map(ls -> h + String.join("", ls)));
  }

  /**
   * Hostile documents of random nesting depth (flow or block style, far beyond any stack),
   * random size (around the 1 MiB limit) and random alias fan-out: refresh() returns, the
   * hostile file is reported, the good source is served in full.
   */
  @Property(tries = 60)
  void hostileDocumentsOfAnyDepthSizeAndFanOutAreReportedNeverThrown(
      @ForAll("hostile") String other) throws Exception {
    Files.writeString(dir.resolve("b-other.yaml"), other);
    List<SourceStatus> status = server.refresh();
    assertThat(status.get(0).healthy()).isTrue();
    assertThat(server.index().versions("good", "nginx")).hasSize(2);
    assertThat(status).hasSize(2);
    assertThat(status.get(1).healthy()).isFalse();
    assertThat(status.get(1).problems()).isNotEmpty();
  }

  @Provide
  Arbitrary<String> hostile() {
    String head = "apiVersion: weave.works/v1alpha1\nkind: ProfileCatalogSource\n"
        + "metadata:\n  name: other\nspec:\n  profiles:\n    ";
    Arbitrary<String> deep = net.jqwik.api.Combinators.combine(
        Arbitraries.integers().between(1, 150_000), Arbitraries.of("[", "{a: ", "- "),
        Arbitraries.of(true, false)).as((depth, open, closed) -> {
          StringBuilder sb = new StringBuilder(head).append(open.repeat(depth)).append("x");
          if (closed && !open.equals("- ")) {
            sb.append((open.equals("[") ? "]" : "}").repeat(depth));
          }
          return sb.append('\n').toString();
        });
    Arbitrary<String> large = Arbitraries.integers().between((1 << 20) - 64, 3 << 20)
        .map(n -> head + "- name: x\n      description: \"" + "z".repeat(n) + "\"\n");
    Arbitrary<String> aliases = net.jqwik.api.Combinators.combine(
        Arbitraries.integers().between(2, 12), Arbitraries.integers().between(2, 12))
        .as((levels, fanOut) -> {
          StringBuilder sb = new StringBuilder("a0: &a0 [x]\n");
          for (int i = 1; i < levels; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < fanOut; j++) {
              sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            sb.append("]\n");
          }
          return sb + head.replace("    ", "") .replace("  profiles:\n", "  profiles: *a"
              + (levels - 1) + "\n");
        });
    return Arbitraries.oneOf(deep, large, aliases);
  }
}
