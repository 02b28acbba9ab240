package dev.profiles.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.InvalidModelException;
import dev.profiles.core.model.CatalogRepository;
import dev.profiles.core.version.Version;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogIndexTest {
  private static CatalogEntry entry(String catalog, String name, String tag) {
    return CatalogEntry.builder().name(name).catalogSource(catalog).tag(tag).build();
  }

  private final CatalogIndex index = CatalogIndex.of(List.of(
      entry("c", "nginx", "nginx/v1.0.0"),
      entry("c", "nginx", "nginx/v1.1.0-rc.1"),
      entry("c", "nginx", "nginx/v1.0.1"),
      entry("c", "nginx", "nginx/v2.0.0-beta"),
      entry("b", "nginx", "nginx/v0.9.0"),
      entry("c", "redis", "redis/0.1.0-rc.1"),
      entry("c", "app", "v3.0.0")));

  private static List<String> tags(List<CatalogEntry> entries) {
    return entries.stream().map(e -> e.catalogSource().orElseThrow() + ":" + e.tag().orElseThrow())
        .toList();
  }

  @Test
  void searchIsOrderedByNameThenSourceThenNewestFirst() {
    assertThat(tags(index.search(""))).containsExactly("c:v3.0.0", "b:nginx/v0.9.0",
        "c:nginx/v2.0.0-beta", "c:nginx/v1.1.0-rc.1", "c:nginx/v1.0.1", "c:nginx/v1.0.0",
        "c:redis/0.1.0-rc.1");
    assertThat(tags(index.search("dis"))).containsExactly("c:redis/0.1.0-rc.1");
    assertThat(index.search("NGINX")).isEmpty();
  }

  @Test
  void latestPrefersReleasesAndFallsBackToPreReleases() {
    assertThat(index.latest("c", "nginx").flatMap(CatalogEntry::tag)).contains("nginx/v1.0.1");
    assertThat(index.latest("c", "redis").flatMap(CatalogEntry::tag)).contains("redis/0.1.0-rc.1");
    assertThat(index.latest("x", "nginx")).isEmpty();
  }

  @Test
  void versionsAreFoundByPrecedenceWithOrWithoutV() {
    assertThat(index.version("c", "nginx", Version.parse("1.0.0")).flatMap(CatalogEntry::tag))
        .contains("nginx/v1.0.0");
    assertThat(index.version("c", "nginx", Version.parse("v1.0.0+meta"))).isPresent();
    assertThat(index.version("c", "nginx", Version.parse("v1.0.2"))).isEmpty();
  }

  @Test
  void updatesOfAReleaseAreReleasesUnlessPreReleasesAreAskedFor() {
    Version current = Version.parse("v1.0.0");
    assertThat(tags(index.availableUpdates("c", "nginx", current, PreReleases.EXCLUDE)))
        .containsExactly("c:nginx/v1.0.1");
    assertThat(tags(index.availableUpdates("c", "nginx", current, PreReleases.INCLUDE)))
        .containsExactly("c:nginx/v2.0.0-beta", "c:nginx/v1.1.0-rc.1", "c:nginx/v1.0.1");
    assertThat(index.availableUpdates("c", "nginx", Version.parse("3.0.0"), PreReleases.INCLUDE))
        .isEmpty();
  }

  @Test
  void versionsMatchingAConstraintAreHighestFirstWithPreReleasesByNpmsRule() {
    assertThat(tags(index.versions("c", "nginx",
        dev.profiles.core.version.VersionConstraint.parse(">=1.0 <2"), PreReleases.EXCLUDE)))
        .containsExactly("c:nginx/v1.0.1", "c:nginx/v1.0.0");
    assertThat(tags(index.versions("c", "nginx",
        dev.profiles.core.version.VersionConstraint.parse("^1"), PreReleases.INCLUDE)))
        .containsExactly("c:nginx/v1.1.0-rc.1", "c:nginx/v1.0.1", "c:nginx/v1.0.0");
    assertThat(tags(index.versions("c", "nginx",
        dev.profiles.core.version.VersionConstraint.parse(">=1.1.0-rc.1 <2"),
        PreReleases.EXCLUDE))).containsExactly("c:nginx/v1.1.0-rc.1");
    assertThat(index.versions("c", "nginx",
        dev.profiles.core.version.VersionConstraint.parse(">=5"), PreReleases.INCLUDE))
        .isEmpty();
  }

  @Test
  void someoneOnAPreReleaseIsOfferedLaterPreReleasesOfTheSameRelease() {
    CatalogIndex i = CatalogIndex.of(List.of(entry("c", "x", "x/1.0.0-rc.1"),
        entry("c", "x", "x/1.0.0-rc.2"), entry("c", "x", "x/1.1.0-rc.1")));
    assertThat(tags(i.availableUpdates("c", "x", Version.parse("1.0.0-rc.1"),
        PreReleases.EXCLUDE))).containsExactly("c:x/1.0.0-rc.2");
  }

  @Test
  void refusesEntriesThatAreNotOneVersionOfTheirProfile() {
    assertThat(CatalogIndex.problemWith(entry("c", "nginx", "nginx/latest"))).isPresent();
    assertThat(CatalogIndex.problemWith(entry("c", "nginx", "redis/v1.0.0"))).get()
        .asString().contains("not a version of profile 'nginx'");
    assertThat(CatalogIndex.problemWith(CatalogEntry.builder().name("n").tag("n/1.0.0").build()))
        .isPresent();
    assertThat(CatalogIndex.problemWith(CatalogEntry.builder().name("n").catalogSource("c")
        .build())).isPresent();
    assertThatThrownBy(() -> CatalogIndex.of(List.of(entry("c", "n", "n/v1.0.0"),
        entry("c", "n", "n/1.0.0")))).isInstanceOf(ProfilesConfigurationException.class)
        .hasMessageContaining("duplicate");
  }

  @Test
  void aScanResultOnlyNamesTagsTheRepositoryHas() {
    assertThatThrownBy(() -> ScanResult.builder().addTag("a/v1.0.0")
        .addSkipped(new SkippedTag("b", "no")).build())
        .isInstanceOf(ProfilesConfigurationException.class);
    RepositoryScanner scanner = (repo, known) -> ScanResult.builder().addTag("a/v1.0.0").build();
    assertThat(CatalogRepository.builder().url("file:///r").build()).satisfies(r ->
        assertThat(scanner.scan(r, Set.of()).tags()).containsExactly("a/v1.0.0"));
  }

  @Test
  void aScanResultsTagCommitsAreFullIdsOfItsOwnTags() {
    String commit = "3f786850e387550fdab836ed7e6dc881de23001b";
    assertThat(ScanResult.builder().addTag("a/v1.0.0").build().tagCommits()).isEmpty();
    assertThat(ScanResult.builder().addTag("a/v1.0.0").putTagCommit("a/v1.0.0", commit).build()
        .tagCommits()).containsExactly(Map.entry("a/v1.0.0", commit));
    assertThatThrownBy(() -> ScanResult.builder().addTag("a/v1.0.0")
        .putTagCommit("b/v1.0.0", commit).build())
        .isInstanceOf(ProfilesConfigurationException.class).hasMessageContaining("b/v1.0.0");
    for (String bad : List.of("", "3f78685", commit.toUpperCase(java.util.Locale.ROOT),
        commit + "0", "refs/tags/a/v1.0.0", commit.substring(1) + "g")) {
      assertThatThrownBy(() -> ScanResult.builder().addTag("a/v1.0.0")
          .putTagCommit("a/v1.0.0", bad).build())
          .isInstanceOf(ProfilesConfigurationException.class)
          .hasMessageContaining("40 lower-case hex digits");
    }
  }

  @Test
  void entriesWithControlCharactersOrRefusedUrlsCannotBeIndexed() {
    CatalogEntry ok = entry("c", "nginx", "nginx/v1.0.0");
    assertThat(CatalogIndex.problemWith(ok)).isEmpty();
    // Control characters never reach the index: the model refuses them when built.
    assertThatThrownBy(() -> CatalogEntry.builder().from(ok).name("ngi\nnx")
        .tag("ngi\nnx/v1.0.0").build()).isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("U+000A line feed").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> CatalogEntry.builder().from(ok).catalogSource("c\u001b[2J")
        .build()).isInstanceOf(InvalidModelException.class).hasMessageContaining("U+001B escape");
    assertThatThrownBy(() -> CatalogEntry.builder().from(ok)
        .url("https://bob:hunter2@example.com/\r").build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("U+000D carriage return")
        .hasMessageNotContaining("hunter2");
    for (String url : new String[] {"ext::sh -c touch% /tmp/pwned", "fd::17", "gopher://x/y",
        "ssh://-oProxyCommand=x/y"}) {
      assertThat(CatalogIndex.problemWith(CatalogEntry.builder().from(ok).url(url).build()))
          .as(url).get().asString().contains("url: ");
    }
    assertThatThrownBy(() -> CatalogIndex.of(List.of(CatalogEntry.builder().from(ok)
        .url("ext::x").build()))).isInstanceOf(ProfilesConfigurationException.class);
  }
}
