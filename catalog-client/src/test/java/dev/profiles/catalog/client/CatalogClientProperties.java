package dev.profiles.catalog.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.catalog.server.CatalogServer;
import dev.profiles.core.catalog.CatalogIndex;
import dev.profiles.core.catalog.PreReleases;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.version.Version;
import dev.profiles.core.yaml.ProfileYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Over real HTTP, the client sees exactly the catalog's semantics: a random catalog of a few
 * hundred entries is served once, and random queries are checked against brute force.
 */
class CatalogClientProperties {
  static Path dir;
  static CatalogServer server;
  static CatalogClient client;
  static List<CatalogEntry> entries = new ArrayList<>();

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("catalog-properties");
    Random random = new Random(42);
    String[] pre = {"", "", "", "-rc.1", "-alpha.2"};
    for (String source : List.of("alpha", "beta")) {
      var b = ProfileCatalogSource.builder().name(source);
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < 150; i++) {
        String name = randomName(random);
        String version = random.nextInt(3) + "." + random.nextInt(3) + "." + random.nextInt(3)
            + pre[random.nextInt(pre.length)];
        if (seen.add(name + "/" + version)) {
          CatalogEntry e = CatalogEntry.builder().name(name).tag(name + "/v" + version).build();
          b.addProfile(e);
          entries.add(CatalogEntry.builder().from(e).catalogSource(source).build());
        }
      }
      Files.writeString(dir.resolve(source + ".yaml"),
          ProfileYaml.strict().writeCatalogSource(b.build()));
    }
    server = CatalogServer.builder().sources(dir).port(0).build().start();
    server.refresh();
    client = CatalogClient.builder().baseUrl(server.uri()).build();
  }

  private static String randomName(Random random) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
      sb.append("abc-".charAt(random.nextInt(4)));
    }
    // A profile name is a DNS-1123 label: it does not end with '-'.
    return "p" + sb + "0";
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  @Property(tries = 60)
  void searchReturnsExactlyTheEntriesWhoseNameContainsTheQuery(@ForAll("queries") String q)
      throws Exception {
    List<CatalogEntry> expected = new ArrayList<>(
        entries.stream().filter(e -> e.name().contains(q)).toList());
    expected.sort(CatalogIndex.ORDER);
    assertThat(client.search(q)).containsExactlyElementsOf(expected);
  }

  @Property(tries = 60)
  void latestAndUpdatesFollowSemverPrecedence(@ForAll("known") CatalogEntry e,
      @ForAll PreReleases preReleases) throws Exception {
    String catalog = e.catalogSource().orElseThrow();
    List<CatalogEntry> mine = entries.stream().filter(x -> x.name().equals(e.name())
        && x.catalogSource().equals(e.catalogSource())).toList();
    Version current = e.versionTag().orElseThrow().version();
    List<CatalogEntry> updates =
        client.availableUpdates(catalog, e.name(), current.toString(), preReleases);
    for (CatalogEntry x : mine) {
      Version v = x.versionTag().orElseThrow().version();
      boolean offered = v.comparePrecedence(current) > 0
          && (!v.isPreRelease() || preReleases == PreReleases.INCLUDE
              || current.isPreRelease() && v.major() == current.major()
                  && v.minor() == current.minor() && v.patch() == current.patch());
      assertThat(updates.contains(x)).as(x.tag().orElseThrow()).isEqualTo(offered);
    }
    for (int i = 1; i < updates.size(); i++) {
      assertThat(updates.get(i - 1).versionTag().orElseThrow().version()
          .comparePrecedence(updates.get(i).versionTag().orElseThrow().version())).isPositive();
    }
    CatalogEntry latest = client.version(catalog, e.name(), CatalogClient.LATEST);
    Version lv = latest.versionTag().orElseThrow().version();
    boolean anyRelease = mine.stream()
        .anyMatch(x -> !x.versionTag().orElseThrow().version().isPreRelease());
    assertThat(lv.isPreRelease()).isEqualTo(!anyRelease);
    assertThat(mine).allSatisfy(x -> {
      Version v = x.versionTag().orElseThrow().version();
      if (v.isPreRelease() == lv.isPreRelease()) {
        assertThat(v.comparePrecedence(lv)).isLessThanOrEqualTo(0);
      }
    });
  }

  @Provide
  Arbitrary<String> queries() {
    return Arbitraries.strings().withChars("pabc-x").ofMaxLength(4);
  }

  @Provide
  Arbitrary<CatalogEntry> known() {
    return Arbitraries.of(entries);
  }
}
