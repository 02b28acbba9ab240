package dev.profiles.core.yaml;

import dev.profiles.core.rules.ControlCharacters;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Shared generators for property tests. */
final class Generators {
  private Generators() {}

  /** Valid DNS-1123 labels, 1 to 40 characters. */
  static Arbitrary<String> dnsLabels() {
    Arbitrary<String> middle = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-")
        .ofMaxLength(38);
    Arbitrary<Character> edge = Arbitraries.chars().with("abcdefghijklmnopqrstuvwxyz0123456789".toCharArray());
    return Combinators.combine(edge, middle, edge, Arbitraries.of(true, false))
        .as((a, m, b, single) -> single ? String.valueOf(a) : a + m + b);
  }

  /**
   * Single-line text that YAML may misread: quotes, colons, hashes, leading/trailing spaces,
   * words that look like booleans, numbers or nulls, non-ASCII.
   */
  static Arbitrary<String> text() {
    Arbitrary<String> tricky = Arbitraries.of("true", "false", "null", "~", "1.0", "0x1F", "-1",
        "yes", "on", "'quoted'", "\"dq\"", "a: b", "# not a comment", "- item", "{x}", "[y]",
        "*alias", "&anchor", "!tag", "%percent", "@at", "`tick", " lead", "trail ", "ünïcödé",
        "日本語", "tab\there", "");
    Arbitrary<String> plain = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20);
    return Arbitraries.oneOf(tricky, plain);
  }

  /**
   * {@link #text()} for values that become names, refs or URLs (chart names and versions, tags,
   * branches): free of control characters, which those refuse.
   */
  static Arbitrary<String> refText() {
    return text().filter(t -> ControlCharacters.problem(t).isEmpty());
  }

  /** Helm values: multi-line YAML text. */
  static Arbitrary<String> values() {
    return Arbitraries.of("service:\n  type: ClusterIP\n", "replicas: 2\n",
        "a: 1\nb:\n  - x\n  - 'y'\n", "x: |\n  nested\n  block\n", "k: v");
  }

  /** Contained relative paths. */
  static Arbitrary<String> relativePaths() {
    return Arbitraries.strings().withChars("abcxyz-_.0").ofMinLength(1).ofMaxLength(8)
        .filter(s -> !s.equals(".") && !s.equals(".."))
        .list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
  }
}
