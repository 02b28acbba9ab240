package dev.profiles.git.internal;

import dev.profiles.core.rules.TreeEntries;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Symbolic link containment against a reference built on {@link java.nio.file.Path}. */
class LinkTargetsProperties {
  private static final Path ROOT = Path.of("/profile");

  @Provide
  Arbitrary<String> linkPaths() {
    return Arbitraries.of("a", "b", "c").list().ofMinSize(1).ofMaxSize(4)
        .map(l -> String.join("/", l));
  }

  @Provide
  Arbitrary<String> targets() {
    Arbitrary<String> relative = Arbitraries.of("..", ".", "a", "b", "", "etc", "passwd").list()
        .ofMinSize(1).ofMaxSize(6).map(l -> String.join("/", l));
    return Arbitraries.oneOf(relative, relative.map(t -> "/" + t));
  }

  @Property(tries = 2000)
  void aResolvedTargetNeverLeavesTheProfileDirectory(
      @ForAll("linkPaths") String link, @ForAll("targets") String target) {
    Optional<String> resolved = TreeEntries.linkTarget(link, target);

    Optional<String> expected = reference(link, target);
    assertThat(resolved).isEqualTo(expected);
    resolved.ifPresent(r -> {
      assertThat(ROOT.resolve(r).normalize().startsWith(ROOT)).isTrue();
      assertThat(r).doesNotStartWith("/").doesNotContain("..");
    });
  }

  /** Inside when not absolute and no prefix of the walk from the root climbs above it. */
  private static Optional<String> reference(String link, String target) {
    if (target.startsWith("/") || target.isEmpty()) {
      return Optional.empty();
    }
    Path parent = Path.of(link).getParent();
    Path here = parent == null ? ROOT : ROOT.resolve(parent);
    for (String segment : List.of(target.split("/"))) {
      here = here.resolve(segment).normalize();
      if (!here.startsWith(ROOT)) {
        return Optional.empty();
      }
    }
    Path rel = ROOT.relativize(here);
    return Optional.of(rel.toString().isEmpty() ? "." : rel.toString());
  }
}
