package dev.profiles.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.rules.KubernetesNames;
import dev.profiles.core.version.Version;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The index answers exactly what its definitions say, checked against brute force. */
class CatalogIndexProperties {

  @Property
  void searchFindsExactlyTheEntriesWhoseNameContainsTheQuery(
      @ForAll("entries") List<CatalogEntry> entries, @ForAll("queries") String q) {
    CatalogIndex index = CatalogIndex.of(entries);
    List<CatalogEntry> expected = new ArrayList<>(
        entries.stream().filter(e -> e.name().contains(q)).toList());
    expected.sort(CatalogIndex.ORDER);
    assertThat(index.search(q)).containsExactlyElementsOf(expected);
  }

  @Property
  void orderDoesNotDependOnInputOrder(@ForAll("entries") List<CatalogEntry> entries, @ForAll long seed) {
    List<CatalogEntry> shuffled = new ArrayList<>(entries);
    Collections.shuffle(shuffled, new Random(seed));
    assertThat(CatalogIndex.of(shuffled).entries())
        .containsExactlyElementsOf(CatalogIndex.of(entries).entries());
  }

  @Property
  void orderIsNameThenSourceThenHighestVersionFirst(@ForAll("entries") List<CatalogEntry> entries) {
    List<CatalogEntry> all = CatalogIndex.of(entries).entries();
    for (int i = 1; i < all.size(); i++) {
      CatalogEntry a = all.get(i - 1);
      CatalogEntry b = all.get(i);
      int c = a.name().compareTo(b.name());
      if (c == 0) {
        c = a.catalogSource().orElseThrow().compareTo(b.catalogSource().orElseThrow());
      }
      if (c == 0) {
        c = -Integer.signum(version(a).comparePrecedence(version(b)));
      }
      assertThat(c).isNegative();
    }
  }

  @Property
  void latestIsTheHighestReleaseOrElseTheHighestPreRelease(
      @ForAll("entries") List<CatalogEntry> entries, @ForAll("names") String name,
      @ForAll("catalogs") String catalog) {
    List<CatalogEntry> mine = entries.stream()
        .filter(e -> e.name().equals(name) && e.catalogSource().orElseThrow().equals(catalog))
        .toList();
    Comparator<CatalogEntry> byPrecedence = (a, b) -> version(a).comparePrecedence(version(b));
    Optional<CatalogEntry> expected = mine.stream().filter(e -> !version(e).isPreRelease())
        .max(byPrecedence).or(() -> mine.stream().max(byPrecedence));
    assertThat(CatalogIndex.of(entries).latest(catalog, name)).isEqualTo(expected);
  }

  @Property
  void versionLookupIsByPrecedence(@ForAll("entries") List<CatalogEntry> entries,
      @ForAll("versions") Version v, @ForAll("names") String name,
      @ForAll("catalogs") String catalog) {
    Optional<CatalogEntry> found = CatalogIndex.of(entries).version(catalog, name, v);
    Optional<CatalogEntry> expected = entries.stream()
        .filter(e -> e.name().equals(name) && e.catalogSource().orElseThrow().equals(catalog))
        .filter(e -> version(e).comparePrecedence(v) == 0).findFirst();
    assertThat(found).isEqualTo(expected);
  }

  @Property
  void updatesAreStrictlyHigherHighestFirstAndPreReleasesOnlyWhenAsked(
      @ForAll("entries") List<CatalogEntry> entries, @ForAll("versions") Version current,
      @ForAll("names") String name, @ForAll("catalogs") String catalog,
      @ForAll PreReleases preReleases) {
    List<CatalogEntry> updates =
        CatalogIndex.of(entries).availableUpdates(catalog, name, current, preReleases);
    List<CatalogEntry> expected = new ArrayList<>(entries.stream()
        .filter(e -> e.name().equals(name) && e.catalogSource().orElseThrow().equals(catalog))
        .filter(e -> version(e).comparePrecedence(current) > 0)
        .filter(e -> !version(e).isPreRelease() || preReleases == PreReleases.INCLUDE
            || current.isPreRelease() && sameCore(version(e), current))
        .toList());
    expected.sort((a, b) -> version(b).comparePrecedence(version(a)));
    assertThat(updates).containsExactlyElementsOf(expected);
    if (preReleases == PreReleases.EXCLUDE && !current.isPreRelease()) {
      assertThat(updates).noneMatch(e -> version(e).isPreRelease());
    }
  }

  private static boolean sameCore(Version a, Version b) {
    return a.major() == b.major() && a.minor() == b.minor() && a.patch() == b.patch();
  }

  private static Version version(CatalogEntry e) {
    return e.versionTag().orElseThrow().version();
  }

  @Provide
  Arbitrary<String> names() {
    // Profile names: a tag <name>/<semver> is a version only for a DNS-1123 label.
    return Arbitraries.strings().withChars("ab-").ofMinLength(1).ofMaxLength(3)
        .filter(KubernetesNames::isLabel);
  }

  @Provide
  Arbitrary<String> queries() {
    return Arbitraries.oneOf(Arbitraries.strings().withChars("ab-").ofMaxLength(3),
        Arbitraries.strings().withChars("ab-\0").ofMaxLength(2));
  }

  @Provide
  Arbitrary<String> catalogs() {
    return Arbitraries.of("c1", "c2");
  }

  @Provide
  Arbitrary<Version> versions() {
    Arbitrary<Integer> n = Arbitraries.integers().between(0, 2);
    Arbitrary<String> pre = Arbitraries.of("", "-rc.1", "-rc.2", "-alpha", "-1");
    Arbitrary<String> prefix = Arbitraries.of("", "v");
    Arbitrary<String> build = Arbitraries.of("", "", "+b.1");
    return Combinators.combine(prefix, n, n, n, pre, build)
        .as((p, a, b, c, r, m) -> Version.parse(p + a + "." + b + "." + c + r + m));
  }

  @Provide
  Arbitrary<List<CatalogEntry>> entries() {
    Arbitrary<CatalogEntry> entry = Combinators.combine(names(), catalogs(), versions(),
            Arbitraries.of(true, false))
        .as((name, catalog, v, bare) -> CatalogEntry.builder().name(name).catalogSource(catalog)
            .tag(bare ? v.toString() : name + "/" + v).build());
    // One entry per profile, source and version precedence: keep the first of each.
    return entry.list().ofMaxSize(40).map(list -> {
      Set<String> seen = new HashSet<>();
      List<CatalogEntry> out = new ArrayList<>();
      for (CatalogEntry e : list) {
        Version v = version(e);
        String key = e.catalogSource().orElseThrow() + " " + e.name() + " " + v.major() + "."
            + v.minor() + "." + v.patch() + "-" + v.preRelease();
        if (seen.add(key)) {
          out.add(e);
        }
      }
      return out;
    });
  }
}
