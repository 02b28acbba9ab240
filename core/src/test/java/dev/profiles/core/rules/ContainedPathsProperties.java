package dev.profiles.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ContainedPathsProperties {

  /** Whatever a path looks like, one accepted by the rule resolves inside the root. */
  @Property(tries = 2000)
  void acceptedPathsNeverEscapeTheRoot(@ForAll("paths") String path) {
    if (ContainedPaths.problem(path).isEmpty()) {
      Path root = Path.of("/root-dir");
      Path resolved = root.resolve(path).normalize();
      assertThat(resolved.startsWith(root)).as(path).isTrue();
      String normalized = ContainedPaths.normalize(path);
      assertThat(root.resolve(normalized).normalize()).isEqualTo(resolved);
      assertThat(normalized).doesNotStartWith("/").doesNotContain("//");
      assertThat(normalized.split("/")).doesNotContain("..");
    }
  }

  @Property(tries = 500)
  void pathsThatEscapeAreRefused(@ForAll("paths") String path) {
    Path root = Path.of("/root-dir");
    boolean escapes = path.startsWith("/") || !root.resolve(path.replace('\\', '_'))
        .normalize().startsWith(root);
    if (escapes) {
      assertThat(ContainedPaths.problem(path)).as(path).isPresent();
    }
  }

  /** The repository's rule is the profile's rule; only the root its message names differs. */
  @Property(tries = 500)
  void theRepositoryRuleIsTheSameRuleNamingTheRepository(@ForAll("paths") String path) {
    var inProfile = ContainedPaths.problem(path);
    var inRepository = ContainedPaths.problemInRepository(path);
    assertThat(inRepository.isPresent()).as(path).isEqualTo(inProfile.isPresent());
    inRepository.ifPresent(p -> {
      assertThat(p).doesNotContain("profile directory");
      assertThat(p.replace("the GitOps repository", "the profile directory"))
          .isEqualTo(inProfile.get());
    });
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.of("a", "b", "..", ".", "", "/", "c.d", "~", "x\\y", "C:")
        .list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("/", l));
  }
}
