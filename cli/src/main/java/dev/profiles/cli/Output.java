package dev.profiles.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Tables (pctl's columns), JSON and YAML of plain maps, lists and strings. */
final class Output {
  private Output() {}

  /** The {@code -o} formats. */
  enum Format { table, json, yaml }

  /** {@code (commit abc1234)}: a commit as git's one-line output names it. */
  static String commit(String commitId) {
    return "(commit " + commitId.substring(0, Math.min(7, commitId.length())) + ")";
  }

  /** Left-aligned columns, three spaces apart, upper-case headers; no trailing spaces. */
  static void table(PrintStream out, List<String> headers, List<List<String>> rows) {
    int[] widths = new int[headers.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        String cell = row.get(i);
        sb.append(cell);
        if (i < widths.length - 1) {
          sb.append(" ".repeat(widths[i] - cell.length() + 3));
        }
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  static String json(Object value) {
    StringBuilder sb = new StringBuilder();
    json(sb, value, "");
    return sb.append('\n').toString();
  }

  private static void json(StringBuilder sb, Object v, String indent) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Boolean || v instanceof Number) {
      sb.append(v);
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      int n = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(indent).append("  ");
        string(sb, e.getKey().toString());
        sb.append(": ");
        json(sb, e.getValue(), indent + "  ");
        sb.append(++n < m.size() ? ",\n" : "\n");
      }
      sb.append(indent).append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append("[\n");
      for (int i = 0; i < l.size(); i++) {
        sb.append(indent).append("  ");
        json(sb, l.get(i), indent + "  ");
        sb.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      sb.append(indent).append(']');
    } else {
      string(sb, v.toString());
    }
  }

  private static void string(StringBuilder sb, String s) {
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
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** YAML block style; every string double-quoted (JSON escapes are valid YAML). */
  static String yaml(Object value) {
    StringBuilder sb = new StringBuilder();
    yaml(sb, value, "", false);
    return sb.toString();
  }

  private static void yaml(StringBuilder sb, Object v, String indent, boolean inline) {
    if (v instanceof Map<?, ?> m && !m.isEmpty()) {
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(first && inline)) {
          sb.append(indent);
        }
        first = false;
        string(sb, e.getKey().toString());
        sb.append(':');
        Object val = e.getValue();
        if (val instanceof Map<?, ?> mm && !mm.isEmpty()) {
          sb.append('\n');
          yaml(sb, val, indent + "  ", false);
        } else if (val instanceof List<?> ll && !ll.isEmpty()) {
          sb.append('\n');
          yaml(sb, val, indent, false);
        } else {
          sb.append(' ');
          scalar(sb, val);
          sb.append('\n');
        }
      }
    } else if (v instanceof List<?> l && !l.isEmpty()) {
      for (Object item : l) {
        sb.append(indent).append("- ");
        if ((item instanceof Map<?, ?> mm && !mm.isEmpty())
            || (item instanceof List<?> ll && !ll.isEmpty())) {
          if (item instanceof List<?>) {
            sb.append('\n');
            yaml(sb, item, indent + "  ", false);
          } else {
            yaml(sb, item, indent + "  ", true);
          }
        } else {
          scalar(sb, item);
          sb.append('\n');
        }
      }
    } else {
      sb.append(indent);
      scalar(sb, v);
      sb.append('\n');
    }
  }

  private static void scalar(StringBuilder sb, Object v) {
    if (v instanceof Map<?, ?>) {
      sb.append("{}");
    } else if (v instanceof List<?>) {
      sb.append("[]");
    } else if (v == null) {
      sb.append("null");
    } else if (v instanceof Boolean || v instanceof Number) {
      sb.append(v);
    } else {
      string(sb, v.toString());
    }
  }
}
