package dev.profiles.flux.internal;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes trees of maps (in their iteration order), lists, strings, integers and booleans as
 * block-style YAML, byte-for-byte deterministically: LF line ends, a final newline, no
 * timestamps, no anchors, lists at their key's indentation (as kubectl prints them).
 *
 * <p>We write our own emitter rather than configure a YAML library because the output is part of
 * a GitOps repository: every byte must be stable across library upgrades, and multi-line values
 * (default values) must stay readable as literal blocks. Strings are written plain only when no
 * YAML 1.1 or 1.2 reader could take them for anything but a string; otherwise double-quoted.
 */
public final class YamlWriter {
  private static final Set<String> RESERVED =
      Set.of("null", "~", "true", "false", "yes", "no", "y", "n", "on", "off");

  private YamlWriter() {}

  /** One document. */
  public static String write(Map<String, ?> document) {
    StringBuilder out = new StringBuilder(256);
    if (document.isEmpty()) {
      return "{}\n";
    }
    writeMap(out, document, 0, false);
    return out.toString();
  }

  private static void writeMap(StringBuilder out, Map<?, ?> map, int indent, boolean inline) {
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(first && inline)) {
        pad(out, indent);
      }
      first = false;
      if (!(e.getKey() instanceof String)) {
        throw new IllegalArgumentException("map keys must be strings: " + e.getKey());
      }
      out.append(scalar((String) e.getKey())).append(':');
      writeValue(out, e.getValue(), indent, indent + 2);
    }
  }

  private static void writeList(StringBuilder out, List<?> list, int indent, boolean inline) {
    boolean first = true;
    for (Object item : list) {
      if (!(first && inline)) {
        pad(out, indent);
      }
      first = false;
      out.append('-');
      if (item instanceof Map && !((Map<?, ?>) item).isEmpty()) {
        out.append(' ');
        writeMap(out, (Map<?, ?>) item, indent + 2, true);
      } else if (item instanceof List && !((List<?>) item).isEmpty()) {
        out.append(' ');
        writeList(out, (List<?>) item, indent + 2, true);
      } else {
        writeValue(out, item, indent, indent + 2);
      }
    }
  }

  /** Writes what follows "key:" or "-": {@code listIndent} for a list, {@code childIndent} else. */
  private static void writeValue(StringBuilder out, Object value, int listIndent, int childIndent) {
    if (value instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) value;
      if (map.isEmpty()) {
        out.append(" {}\n");
      } else {
        out.append('\n');
        writeMap(out, map, childIndent, false);
      }
    } else if (value instanceof List) {
      List<?> list = (List<?>) value;
      if (list.isEmpty()) {
        out.append(" []\n");
      } else {
        out.append('\n');
        writeList(out, list, listIndent, false);
      }
    } else if (value instanceof String && literalSafe((String) value)) {
      writeLiteral(out, (String) value, childIndent);
    } else {
      out.append(' ').append(scalarValue(value)).append('\n');
    }
  }

  private static String scalarValue(Object value) {
    if (value instanceof String) {
      return scalar((String) value);
    }
    if (value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof BigInteger) {
      return value.toString();
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

  /** {@code s} as a plain scalar when that is unambiguous, else double-quoted. */
  static String scalar(String s) {
    return plainSafe(s) ? s : doubleQuoted(s);
  }

  private static boolean plainSafe(String s) {
    // Every reserved word has at most 5 characters: skip the lower-casing for longer strings.
    if (s.isEmpty() || (s.length() <= 5 && RESERVED.contains(s.toLowerCase(Locale.ROOT)))) {
      return false;
    }
    char first = s.charAt(0);
    char last = s.charAt(s.length() - 1);
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
    return !(Character.isDigit(first) && looksNumeric(s));
  }

  /** Conservative: anything a YAML 1.1 reader might take for a number, date or time. */
  private static boolean looksNumeric(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean numeric = Character.isDigit(c) || "_.:+- eExXoObBtTzZabcdfABCDF".indexOf(c) >= 0;
      if (!numeric) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean needsEscape(char c) {
    return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028'
        || c == '\u2029' || c == '\ufeff' || c == '\ufffe' || c == '\uffff';
  }

  private static String doubleQuoted(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\r':
          out.append("\\r");
          break;
        default:
          if (needsEscape(c) || (Character.isSurrogate(c) && !pairedSurrogate(s, i))) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
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
