package dev.profiles.core.version;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A semver range, written as npm and Helm (Masterminds semver) write them, that versions
 * either satisfy or not.
 *
 * <p><b>Syntax.</b> Comparators {@code = != > >= < <=} before a (possibly partial) version;
 * comparators separated by spaces or commas must all hold (AND); ranges separated by {@code ||}
 * are alternatives (OR). Also: hyphen ranges {@code 1.2 - 1.4.5} (inclusive; a partial upper
 * bound covers its whole x-range), x-ranges {@code 1.2.x}, {@code 1.*}, {@code *}, partial
 * versions {@code 1.2} (= {@code 1.2.x}), tilde {@code ~1.2.3} (patch updates; {@code ~1} is
 * {@code 1.x}; {@code ~>} is a synonym), caret {@code ^1.2.3} (no change of the left-most
 * non-zero number: {@code ^0.2.3} is {@code >=0.2.3 <0.3.0}, {@code ^0.0.3} is {@code
 * =0.0.3}). A leading {@code v} on a version is allowed; build metadata is ignored.
 *
 * <p><b>Pre-releases</b> (npm's rule): a pre-release version satisfies a range only when one
 * of the comparators of the satisfied alternative names a pre-release of the same {@code
 * major.minor.patch} ({@code >=1.2.0-rc.1} admits {@code 1.2.0-rc.2} but not {@code
 * 1.3.0-rc.1}), unless pre-releases are included explicitly ({@link #satisfiedBy(Version,
 * boolean)}).
 *
 * <p>{@link #toString()} prints the normalized comparator form ({@code ^1.2} prints {@code
 * >=1.2.0 <2.0.0-0}), which parses back to an equal constraint; {@link #text()} is the text as
 * given. Input is bounded ({@value #MAX_LENGTH} characters).
 *
 * <pre>{@code
 * VersionConstraint c = VersionConstraint.parse(">=1.2 <2 || ^3.1");
 * c.satisfiedBy(Version.parse("v1.4.0"));       // true
 * c.satisfiedBy(Version.parse("2.0.0"));        // false
 * c.satisfiedBy(Version.parse("3.2.0-rc.1"));   // false: no 3.2.0 pre-release is named
 * c.satisfiedBy(Version.parse("3.2.0-rc.1"), true); // true
 * }</pre>
 */
public final class VersionConstraint {
  /** Longer text is not a constraint: no real one comes near, and parsing stays bounded. */
  public static final int MAX_LENGTH = 512;

  private static final String XR = "(x|X|\\*|0|[1-9]\\d{0,17})";
  private static final String PRE_ID = "(?:0|[1-9]\\d{0,17}|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";
  private static final Pattern PARTIAL = Pattern.compile("[vV]?" + XR + "(?:\\." + XR
      + "(?:\\." + XR + "(?:-(" + PRE_ID + "(?:\\." + PRE_ID + ")*))?"
      + "(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?)?)?");

  /** How a comparator compares. */
  enum Op {
    EQ("="), NE("!="), GT(">"), GE(">="), LT("<"), LE("<=");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  /**
   * One comparator. {@code NE} carries the half-open range {@code [version, upper)} it excludes
   * when written with a partial version ({@code !=1.2} excludes {@code 1.2.x}) and its text.
   */
  record Comparator(Op op, Version version, Optional<Version> upper, String text) {
    boolean test(Version v) {
      int c = v.comparePrecedence(version);
      return switch (op) {
        case EQ -> c == 0;
        case NE -> upper.isPresent() ? c < 0 || v.comparePrecedence(upper.get()) >= 0 : c != 0;
        case GT -> c > 0;
        case GE -> c >= 0;
        case LT -> c < 0;
        case LE -> c <= 0;
      };
    }

    @Override
    public String toString() {
      return op.symbol + text;
    }
  }

  private final String text;
  private final List<List<Comparator>> alternatives;

  private VersionConstraint(String text, List<List<Comparator>> alternatives) {
    this.text = text;
    this.alternatives = alternatives;
  }

  /**
   * Parses {@code text}.
   *
   * @throws InvalidConstraintException when it is not a constraint (null, blank, too long, or
   *     malformed), with the position of the problem
   */
  public static VersionConstraint parse(String text) {
    if (text == null) {
      throw new InvalidConstraintException("null", 1, "a constraint is required");
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidConstraintException(text.substring(0, 40) + "...", MAX_LENGTH + 1,
          "longer than " + MAX_LENGTH + " characters");
    }
    if (text.isBlank()) {
      throw new InvalidConstraintException(text, 1, "empty; write * for any version");
    }
    List<List<Comparator>> out = new ArrayList<>();
    int start = 0;
    while (true) {
      int bar = text.indexOf("||", start);
      int end = bar < 0 ? text.length() : bar;
      out.add(new Parser(text, start, end).range());
      if (bar < 0) {
        break;
      }
      start = bar + 2;
    }
    return new VersionConstraint(text, List.copyOf(out));
  }

  /** Parses {@code text}, or empty when it is not a constraint. */
  public static Optional<VersionConstraint> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (InvalidConstraintException e) {
      return Optional.empty();
    }
  }

  /** The constraint that every release satisfies ({@code *}). */
  public static VersionConstraint any() {
    return parse("*");
  }

  /** The text as given. */
  public String text() {
    return text;
  }

  /** Whether {@code version} satisfies this constraint, pre-releases by npm's rule. */
  public boolean satisfiedBy(Version version) {
    return satisfiedBy(version, false);
  }

  /**
   * Whether {@code version} satisfies this constraint; with {@code includePreReleases} a
   * pre-release is compared like any version, otherwise only when the satisfied alternative
   * names a pre-release of its {@code major.minor.patch}.
   */
  public boolean satisfiedBy(Version version, boolean includePreReleases) {
    Objects.requireNonNull(version, "version");
    for (List<Comparator> set : alternatives) {
      if (set.stream().allMatch(c -> c.test(version))
          && (includePreReleases || !version.isPreRelease() || namesPreReleaseOf(set, version))) {
        return true;
      }
    }
    return false;
  }

  private static boolean namesPreReleaseOf(List<Comparator> set, Version v) {
    for (Comparator c : set) {
      Version n = c.version();
      if (n.isPreRelease() && n.major() == v.major() && n.minor() == v.minor()
          && n.patch() == v.patch()) {
        return true;
      }
    }
    return false;
  }

  /** The highest of {@code versions} (by precedence) that satisfies this, or empty. */
  public Optional<Version> highest(Collection<Version> versions, boolean includePreReleases) {
    Version best = null;
    for (Version v : versions) {
      if (satisfiedBy(v, includePreReleases)
          && (best == null || v.comparePrecedence(best) > 0)) {
        best = v;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The normalized comparator form: alternatives joined by {@code " || "}. */
  @Override
  public String toString() {
    return alternatives.stream().map(set -> set.stream().map(Comparator::toString)
        .collect(Collectors.joining(" "))).collect(Collectors.joining(" || "));
  }

  /** Equal when the normalized comparator forms are equal (the text as given is not compared). */
  @Override
  public boolean equals(Object o) {
    return o instanceof VersionConstraint c && c.alternatives.equals(alternatives);
  }

  @Override
  public int hashCode() {
    return alternatives.hashCode();
  }

  /** A partial version: each number may be missing or a wildcard (null). */
  private record Partial(Long major, Long minor, Long patch, String pre) {
    /** Numbers given before the first wildcard or the end (0..3). */
    int exact() {
      if (major == null) {
        return 0;
      }
      if (minor == null) {
        return 1;
      }
      return patch == null ? 2 : 3;
    }

    Version low() {
      return version(nz(major), nz(minor), nz(patch), exact() == 3 ? pre : null);
    }

    /** The lowest version above the x-range ({@code 1.2} → {@code 1.3.0-0}); empty for *. */
    Optional<Version> above() {
      return switch (exact()) {
        case 0 -> Optional.empty();
        case 1 -> Optional.of(version(major + 1, 0, 0, "0"));
        case 2 -> Optional.of(version(major, minor + 1, 0, "0"));
        default -> Optional.empty();
      };
    }

    String canonical() {
      return switch (exact()) {
        case 0 -> "*";
        case 1 -> major + "";
        case 2 -> major + "." + minor;
        default -> major + "." + minor + "." + patch + (pre == null ? "" : "-" + pre);
      };
    }

    static long nz(Long n) {
      return n == null ? 0 : n;
    }
  }

  private static Version version(long major, long minor, long patch, String pre) {
    return Version.parse(major + "." + minor + "." + patch + (pre == null ? "" : "-" + pre));
  }

  private static Comparator cmp(Op op, Version v) {
    return new Comparator(op, v, Optional.empty(), v.toString());
  }

  /** Parses one alternative: {@code text[from, to)}. */
  private static final class Parser {
    private final String text;
    private final int to;
    private int pos;

    Parser(String text, int from, int to) {
      this.text = text;
      this.pos = from;
      this.to = to;
    }

    private InvalidConstraintException fail(int at, String reason) {
      return new InvalidConstraintException(text, at + 1, reason);
    }

    List<Comparator> range() {
      List<Token> tokens = new ArrayList<>();
      while (true) {
        skipSeparators();
        if (pos >= to) {
          break;
        }
        tokens.add(token());
      }
      if (tokens.isEmpty()) {
        throw fail(Math.min(pos, text.length()), "expected a range"
            + (to < text.length() || pos > 0 ? " around '||'" : ""));
      }
      int hyphen = -1;
      for (int i = 0; i < tokens.size(); i++) {
        if (tokens.get(i).op.equals("-")) {
          hyphen = i;
          break;
        }
      }
      if (hyphen >= 0) {
        return hyphenRange(tokens, hyphen);
      }
      List<Comparator> out = new ArrayList<>();
      for (Token t : tokens) {
        lower(t, out);
      }
      return List.copyOf(out);
    }

    private List<Comparator> hyphenRange(List<Token> tokens, int hyphen) {
      Token dash = tokens.get(hyphen);
      if (tokens.size() != 3 || hyphen != 1) {
        throw fail(dash.at, "a hyphen range is '<low> - <high>' and nothing else in its"
            + " alternative");
      }
      Token low = tokens.get(0);
      Token high = tokens.get(2);
      for (Token t : List.of(low, high)) {
        if (!t.op.isEmpty()) {
          throw fail(t.at, "no operator in a hyphen range: write '1.2 - 1.4.5'");
        }
      }
      List<Comparator> out = new ArrayList<>();
      if (low.partial.exact() > 0) {
        out.add(cmp(Op.GE, low.partial.low()));
      }
      Partial h = high.partial;
      if (h.exact() == 3) {
        out.add(cmp(Op.LE, h.low()));
      } else if (h.exact() > 0) {
        out.add(cmp(Op.LT, h.above().orElseThrow()));
      }
      if (out.isEmpty()) {
        out.add(cmp(Op.GE, version(0, 0, 0, null)));
      }
      return List.copyOf(out);
    }

    private void lower(Token t, List<Comparator> out) {
      Partial p = t.partial;
      int n = p.exact();
      switch (t.op) {
        case "", "=", "==" -> {
          if (n == 3) {
            out.add(cmp(Op.EQ, p.low()));
          } else {
            out.add(cmp(Op.GE, p.low()));
            p.above().ifPresent(a -> out.add(cmp(Op.LT, a)));
          }
        }
        case "!=" -> out.add(n == 3 ? cmp(Op.NE, p.low())
            : new Comparator(Op.NE, p.low(), n == 0 ? Optional.empty() : p.above(),
                p.canonical()));
        case ">" -> {
          if (n == 3) {
            out.add(cmp(Op.GT, p.low()));
          } else if (n == 0) {
            // Nothing is above every version: '<0.0.0-0' holds for none.
            out.add(cmp(Op.LT, version(0, 0, 0, "0")));
          } else {
            out.add(cmp(Op.GE, n == 1 ? version(p.major + 1, 0, 0, null)
                : version(p.major, p.minor + 1, 0, null)));
          }
        }
        case ">=" -> out.add(cmp(Op.GE, p.low()));
        case "<" -> out.add(n == 3 ? cmp(Op.LT, p.low())
            : cmp(Op.LT, version(p.nz(p.major), p.nz(p.minor), 0, "0")));
        case "<=" -> {
          if (n == 3) {
            out.add(cmp(Op.LE, p.low()));
          } else if (n == 0) {
            out.add(cmp(Op.GE, version(0, 0, 0, null)));
          } else {
            out.add(cmp(Op.LT, p.above().orElseThrow()));
          }
        }
        case "~", "~>" -> {
          out.add(cmp(Op.GE, p.low()));
          if (n >= 2) {
            out.add(cmp(Op.LT, version(p.major, p.minor + 1, 0, "0")));
          } else if (n == 1) {
            out.add(cmp(Op.LT, version(p.major + 1, 0, 0, "0")));
          }
        }
        case "^" -> {
          out.add(cmp(Op.GE, p.low()));
          if (n == 0) {
            break;
          }
          long major = p.major;
          long minor = p.minor == null ? 0 : p.minor;
          if (major > 0 || n == 1) {
            out.add(cmp(Op.LT, version(major + 1, 0, 0, "0")));
          } else if (minor > 0 || n == 2) {
            out.add(cmp(Op.LT, version(0, minor + 1, 0, "0")));
          } else {
            out.add(cmp(Op.LT, version(0, 0, p.patch + 1, "0")));
          }
        }
        default -> throw fail(t.at, "unknown operator '" + t.op + "'");
      }
    }

    private void skipSeparators() {
      while (pos < to && (text.charAt(pos) == ' ' || text.charAt(pos) == ','
          || text.charAt(pos) == '\t')) {
        pos++;
      }
    }

    private record Token(String op, Partial partial, int at) {}

    private Token token() {
      int at = pos;
      while (pos < to && "<>=!~^".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
      String op = text.substring(at, pos);
      if (op.isEmpty() && text.charAt(pos) == '-') {
        pos++;
        if (pos < to && text.charAt(pos) != ' ' && text.charAt(pos) != '\t') {
          throw fail(at, "a hyphen range needs spaces around '-': '1.2 - 1.4'");
        }
        return new Token("-", null, at);
      }
      if (!List.of("", "=", "==", "!=", ">", ">=", "<", "<=", "~", "~>", "^").contains(op)) {
        throw fail(at, "unknown operator '" + op + "'");
      }
      while (pos < to && text.charAt(pos) == ' ') {
        pos++;
      }
      int versionAt = pos;
      while (pos < to && isVersionChar(text.charAt(pos))) {
        pos++;
      }
      if (versionAt == pos) {
        if (pos < to && text.charAt(pos) != ',') {
          throw fail(pos, "unexpected character '"
              + dev.profiles.core.rules.ControlCharacters.visible(
                  String.valueOf(text.charAt(pos))) + "'");
        }
        throw fail(pos, op.isEmpty() ? "expected a version" : "expected a version after '"
            + op + "'");
      }
      String v = text.substring(versionAt, pos);
      Matcher m = PARTIAL.matcher(v);
      if (!m.matches()) {
        throw fail(versionAt, "'" + v + "' is not a version, a partial version (1.2) or an"
            + " x-range (1.2.x, *)");
      }
      Long major = num(m.group(1));
      Long minor = m.group(2) == null ? null : num(m.group(2));
      Long patch = m.group(3) == null ? null : num(m.group(3));
      // 1.x.3 or *.2: a number after a wildcard means nothing.
      if ((major == null && (minor != null || patch != null))
          || (m.group(2) != null && minor == null && patch != null)) {
        throw fail(versionAt, "'" + v + "': no number may follow a wildcard");
      }
      String pre = m.group(4);
      if (pre != null && (major == null || minor == null || patch == null)) {
        throw fail(versionAt, "'" + v + "': a pre-release needs a full version");
      }
      return new Token(op, new Partial(major, minor, patch, pre), at);
    }

    private static Long num(String s) {
      return s == null || s.equals("x") || s.equals("X") || s.equals("*") ? null
          : Long.parseLong(s);
    }

    private static boolean isVersionChar(char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || c == '.' || c == '-' || c == '+' || c == '*';
    }
  }
}
