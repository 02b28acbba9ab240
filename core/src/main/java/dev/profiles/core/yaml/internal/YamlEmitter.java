package dev.profiles.core.yaml.internal;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one YAML writer of the SDK: Flux manifests, installation records, profile and catalog
 * source documents and {@code .pctl/config.yaml} all go through it. Writes trees of maps (in
 * their iteration order), lists, strings, integers and booleans as block-style YAML,
 * byte-for-byte deterministically: LF line ends, a final newline, no timestamps, no anchors, no
 * dependence on a YAML library's version.
 *
 * <p>Every string reads back as the same string with a YAML 1.1 reader (Go's yaml.v2 behind
 * Flux and kubectl, SnakeYAML) and a YAML 1.2 reader alike. A string is written plain only when
 * it is built from a conservative set of characters and cannot be taken for a boolean
 * ({@code on}, {@code Y}, {@code off} ...), a null ({@code ~}, {@code null}), a number in any base
 * or notation ({@code 007}, {@code 0x1F}, {@code 1_000}, {@code 1e3}, {@code 1:20}, {@code .inf}),
 * a date or time ({@code 2001-12-14}), a merge key ({@code <<}) or a value key ({@code =}); any
 * other string is double-quoted, with escapes for the characters YAML does not allow raw
 * (control characters, NEL, line and paragraph separators, unpaired surrogates). Multi-line
 * strings that can be (such as Helm default values) are literal blocks, so they stay readable.
 *
 * <p>Two layouts, identical but for where list items sit: {@link #KUBERNETES} writes them at
 * their key's indentation (as kubectl prints manifests), {@link #DOCUMENTS} two spaces further
 * in (as the Profiles documents have always been written).
 *
 * <pre>{@code
 * YamlEmitter.KUBERNETES.write(Map.of("enabled", "on"));   // enabled: "on"\n
 * }</pre>
 */
public final class YamlEmitter {
  /** List items at their key's indentation: {@code key:\n- a}. */
  public static final YamlEmitter KUBERNETES = new YamlEmitter(0);

  /** List items two spaces in from their key: {@code key:\n  - a}. */
  public static final YamlEmitter DOCUMENTS = new YamlEmitter(2);

  /** Every word a YAML 1.1 or 1.2 reader resolves to a boolean or null, in lower case. */
  private static final Set<String> RESERVED =
      Set.of("null", "~", "true", "false", "yes", "no", "y", "n", "on", "off");

  /**
   * YAML readers look no further than 1024 characters for the {@code :} of an implicit key
   * (SnakeYAML, libyaml, yaml.v2); a longer key is written as an explicit {@code ? key}.
   */
  private static final int IMPLICIT_KEY_LIMIT = 1000;

  private final int sequenceIndent;

  private YamlEmitter(int sequenceIndent) {
    this.sequenceIndent = sequenceIndent;
  }

  /**
   * One document: a map of string keys to maps, lists, strings, integers and booleans.
   *
   * @throws IllegalArgumentException for a non-string key or another type (a defect of
   *     the caller: the SDK builds these trees itself)
   */
  public String write(Map<String, ?> document) {
    if (document.isEmpty()) {
      return "{}\n";
    }
    StringBuilder out = new StringBuilder(256);
    writeMap(out, document, 0, false);
    return out.toString();
  }

  private void writeMap(StringBuilder out, Map<?, ?> map, int indent, boolean inline) {
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(first && inline)) {
        pad(out, indent);
      }
      first = false;
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("map keys must be strings: " + e.getKey());
      }
      String rendered = scalar(key);
      if (rendered.length() > IMPLICIT_KEY_LIMIT) {
        out.append("? ").append(rendered).append('\n');
        pad(out, indent);
        out.append(':');
        writeValue(out, e.getValue(), indent + 2, indent + 2);
      } else {
        out.append(rendered).append(':');
        writeValue(out, e.getValue(), indent + sequenceIndent, indent + 2);
      }
    }
  }

  private void writeList(StringBuilder out, List<?> list, int indent, boolean inline) {
    boolean first = true;
    for (Object item : list) {
      if (!(first && inline)) {
        pad(out, indent);
      }
      first = false;
      out.append('-');
      if (item instanceof Map<?, ?> m && !m.isEmpty()) {
        out.append(' ');
        writeMap(out, m, indent + 2, true);
      } else if (item instanceof List<?> l && !l.isEmpty()) {
        out.append(' ');
        writeList(out, l, indent + 2, true);
      } else {
        writeValue(out, item, indent + 2, indent + 2);
      }
    }
  }

  /** Writes what follows "key:" or "-": {@code listIndent} for a list, {@code childIndent} else. */
  private void writeValue(StringBuilder out, Object value, int listIndent, int childIndent) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append(" {}\n");
      } else {
        out.append('\n');
        writeMap(out, map, childIndent, false);
      }
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append(" []\n");
      } else {
        out.append('\n');
        writeList(out, list, listIndent, false);
      }
    } else if (value instanceof String s && literalSafe(s)) {
      writeLiteral(out, s, childIndent);
    } else {
      out.append(' ').append(scalarValue(value)).append('\n');
    }
  }

  private static String scalarValue(Object value) {
    if (value instanceof String s) {
      return scalar(s);
    }
    if (value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof BigInteger) {
      return value.toString();
    }
    // Read manifests (a preview shows them as parsed) also hold nulls and floats.
    if (value == null) {
      return "null";
    }
    if (value instanceof Double d) {
      return d.isNaN() ? ".nan" : d.isInfinite() ? (d > 0 ? ".inf" : "-.inf") : d.toString();
    }
    throw new IllegalArgumentException(
        "cannot write " + (value == null ? "null" : value.getClass().getName()) + " as YAML");
  }

  /** A literal block ({@code |}) keeps multi-line values, such as Helm values, readable. */
  private static void writeLiteral(StringBuilder out, String value, int indent) {
    int end = value.length();
    while (end > 0 && value.charAt(end - 1) == '\n') {
      end--;
    }
    int trailing = value.length() - end;
    out.append(trailing == 0 ? " |-" : trailing == 1 ? " |" : " |+").append('\n');
    int start = 0;
    while (start <= end) {
      int nl = value.indexOf('\n', start);
      int lineEnd = nl < 0 || nl > end ? end : nl;
      if (lineEnd > start) {
        pad(out, indent);
        out.append(value, start, lineEnd);
      }
      out.append('\n');
      start = lineEnd + 1;
    }
    for (int i = 1; i < trailing; i++) {
      out.append('\n');
    }
  }

  private static boolean literalSafe(String s) {
    if (s.indexOf('\n') < 0) {
      return false;
    }
    boolean seenContent = false;
    boolean lineStart = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        lineStart = true;
        continue;
      }
      if (needsEscape(c) || c == '\r' || (Character.isSurrogate(c) && !pairedSurrogate(s, i))) {
        return false;
      }
      if (lineStart && !seenContent && (c == ' ' || c == '\t')) {
        // The first content line fixes the block's indentation; leading blanks would shift it.
        return false;
      }
      seenContent = true;
      lineStart = false;
    }
    return seenContent;
  }

  /** {@code s} as a plain scalar when no YAML 1.1 or 1.2 reader can misread it, else quoted. */
  public static String scalar(String s) {
    return plainSafe(s) ? s : doubleQuoted(s);
  }

  /** Whether {@code s} reads back as the same string, unquoted, in YAML 1.1 and 1.2. */
  public static boolean plainSafe(String s) {
    // Every reserved word has at most 5 characters: skip the lower-casing for longer strings.
    if (s.isEmpty() || (s.length() <= 5 && RESERVED.contains(s.toLowerCase(Locale.ROOT)))) {
      return false;
    }
    char first = s.charAt(0);
    char last = s.charAt(s.length() - 1);
    // A YAML 1.1 number, date or special float starts with a digit, a sign or a dot: signs are
    // never first here, a dot only as "./" (which no resolver matches), a digit is checked below.
    boolean dotSlash = first == '.' && s.length() > 1 && s.charAt(1) == '/';
    if (!(isAlnum(first) || first == '/' || first == '_' || dotSlash)) {
      return false;
    }
    if (last == ' ' || last == ':') {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean allowed = isAlnum(c) || c == '.' || c == '_' || c == '/' || c == '-' || c == '@'
          || c == '+' || c == '=' || c == ' ' || c == ':';
      if (!allowed || (c == ':' && s.charAt(i + 1) == ' ')) {
        return false;
      }
    }
    return !(isDigit(first) && looksNumeric(s));
  }

  /**
   * Conservative: anything made only of the characters of YAML 1.1 ints (any base, sexagesimal,
   * underscores), floats, timestamps and Go's {@code strconv} prefixes ({@code 0o}, {@code 0b},
   * {@code 0x}) is taken for a number or date. A digit-led string with any other character is
   * read as a string by every resolver.
   */
  private static boolean looksNumeric(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean numeric = isDigit(c) || "_.:+- eExXoObBtTzZabcdfABCDF".indexOf(c) >= 0;
      if (!numeric) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c);
  }

  /** Characters YAML does not allow raw, or reads as line breaks (NEL, LS, PS). */
  private static boolean needsEscape(char c) {
    return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028'
        || c == '\u2029' || c == '\ufeff' || c == '\ufffe' || c == '\uffff';
  }

  private static String doubleQuoted(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (needsEscape(c) || (Character.isSurrogate(c) && !pairedSurrogate(s, i))) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean pairedSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  private static void pad(StringBuilder out, int indent) {
    for (int i = 0; i < indent; i++) {
      out.append(' ');
    }
  }
}
