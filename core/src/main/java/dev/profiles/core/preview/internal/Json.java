package dev.profiles.core.preview.internal;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for the preview's JSON form and for values shown inline: maps, lists,
 * strings, numbers, booleans and nulls, pretty-printed with two spaces or on one line.
 */
public final class Json {
  private Json() {}

  /** {@code value} pretty-printed, ending in a newline. */
  public static String pretty(Object value) {
    StringBuilder sb = new StringBuilder(1024);
    write(sb, value, "  ", "");
    return sb.append('\n').toString();
  }

  /** {@code value} on one line. */
  public static String compact(Object value) {
    StringBuilder sb = new StringBuilder(64);
    write(sb, value, null, "");
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v, String step, String indent) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      String inner = step == null ? "" : indent + step;
      sb.append('{');
      Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        newline(sb, step, inner);
        string(sb, String.valueOf(e.getKey()));
        sb.append(step == null ? ":" : ": ");
        write(sb, e.getValue(), step, inner);
        if (it.hasNext()) {
          sb.append(',');
        }
      }
      newline(sb, step, indent);
      sb.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      String inner = step == null ? "" : indent + step;
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        newline(sb, step, inner);
        write(sb, l.get(i), step, inner);
        if (i + 1 < l.size()) {
          sb.append(',');
        }
      }
      newline(sb, step, indent);
      sb.append(']');
    } else if (v instanceof String s) {
      string(sb, s);
    } else if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
      string(sb, d.toString()); // JSON has no NaN or infinity
    } else if (v == null || v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else {
      string(sb, v.toString());
    }
  }

  private static void newline(StringBuilder sb, String step, String indent) {
    if (step != null) {
      sb.append('\n').append(indent);
    }
  }

  /** Appends {@code s} as a JSON string. */
  public static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
