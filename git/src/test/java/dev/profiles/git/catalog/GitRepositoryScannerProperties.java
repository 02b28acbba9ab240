package dev.profiles.git.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.catalog.ScanResult;
import dev.profiles.core.catalog.SkippedTag;
import dev.profiles.core.model.CatalogRepository;
import dev.profiles.core.version.VersionTag;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Whatever tags a repository has and whichever of them the caller already knows: entries are
 * exactly the unknown tags that are versions of a profile with a valid profile.yaml, every other
 * unknown tag is skipped, and {@code tags()} is every tag.
 */
class GitRepositoryScannerProperties {
  /** Profiles with a valid profile.yaml; "broken" has an invalid one, "missing" none. */
  private static final Set<String> VALID = Set.of("alpha", "beta");

  @Property(tries = 40)
  void entriesAreExactlyTheNewValidVersionTags(
      @ForAll("tagsAndKnown") Tuple2<Set<String>, Set<String>> input) throws Exception {
    Set<String> tags = input.get1();
    Set<String> known = input.get2();
    Path dir = Files.createTempDirectory("scanner-property");
    try {
      try (ProfileRepoFixture r = ProfileRepoFixture.create(dir.resolve("p.git"))) {
        VALID.forEach(n -> r.profile(n, ProfileYamls.profile(n).kustomize("k", "k").toYaml()));
        r.profile("broken", GitRepositoryScannerTest.BROKEN_YAML)
            .rootProfile(ProfileYamls.profile("root").kustomize("k", "k").toYaml())
            .commit("all profiles");
        tags.forEach(r::tag);
      }
      ScanResult result;
      try (GitRepositoryScanner scanner = GitRepositoryScanner.builder()
          .cacheDirectory(dir.resolve("cache")).sourcePolicy(GitRepositoryScannerTest.LOOPBACK)
          .build()) {
        result = scanner.scan(CatalogRepository.builder()
            .url(dir.resolve("p.git").toUri().toString()).build(), known);
      }

      Set<String> fresh = new HashSet<>(tags);
      fresh.removeAll(known);
      Set<String> expected = fresh.stream().filter(t -> VersionTag.parse(t)
          .filter(v -> v.profileName().map(VALID::contains).orElse(true)).isPresent())
          .collect(Collectors.toSet());
      Set<String> skipped = new HashSet<>(fresh);
      skipped.removeAll(expected);

      assertThat(result.tags()).isEqualTo(tags);
      assertThat(result.entries()).extracting(e -> e.tag().orElseThrow())
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(result.skipped()).extracting(SkippedTag::tag)
          .containsExactlyInAnyOrderElementsOf(skipped);
    } finally {
      delete(dir);
    }
  }

  /**
   * Deletes {@code dir}, tolerating files that vanish meanwhile: after a fetch JGit's no-op
   * automatic gc may still be creating and removing its gc.log.lock on another thread.
   */
  private static void delete(Path dir) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        return;
      } catch (UncheckedIOException | NoSuchFileException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  @Provide
  Arbitrary<Tuple2<Set<String>, Set<String>>> tagsAndKnown() {
    Arbitrary<String> semver = Combinators.combine(Arbitraries.of("", "v"),
        Arbitraries.integers().between(0, 12), Arbitraries.integers().between(0, 12),
        Arbitraries.of("", "-rc.1", "+build.7"))
        .as((v, major, minor, suffix) -> v + major + "." + minor + ".0" + suffix);
    Arbitrary<String> junk = Arbitraries.of("latest", "1.0", "v1", "01.2.3", "1.2.3-", "x1.0.0");
    Arbitrary<String> version = Arbitraries.frequencyOf(
        Tuple.of(4, semver), Tuple.of(1, junk));
    // "deep" never names a profile, so deep/er/<v> cannot clash with a deep/<v> ref.
    Arbitrary<String> name = Arbitraries.of("alpha", "beta", "broken", "missing", "", "deep/er");
    Arbitrary<String> tag = Combinators.combine(name, version)
        .as((n, v) -> n.isEmpty() ? v : n + "/" + v);
    return tag.set().ofMaxSize(25)
        .flatMap(tags -> Arbitraries.subsetOf(tags).map(known -> Tuple.of(tags, known)));
  }
}
