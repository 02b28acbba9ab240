package dev.profiles.core.preview.internal;

import dev.profiles.core.preview.FieldChange;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.NotExpanded;
import dev.profiles.core.preview.ObjectChange;
import dev.profiles.core.preview.ObjectId;
import dev.profiles.core.preview.Preview;
import dev.profiles.core.preview.RiskFinding;
import dev.profiles.core.yaml.internal.YamlEmitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The text, Markdown and JSON forms of a {@link Preview}. */
public final class Formats {
  private static final String RESET = "\u001b[0m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String BOLD = "\u001b[1m";
  /** JSON schema version: bumped only when a field changes meaning or disappears. */
  public static final int SCHEMA_VERSION = 1;

  private Formats() {}

  // --- text ---

  /** Plain text, coloured when asked. */
  public static String text(Preview p, boolean color) {
    StringBuilder sb = new StringBuilder(1024);
    sb.append(paint(color, BOLD, oneLine(p.operation()))).append('\n');
    sb.append(summaryLine(p)).append('\n');
    if (!p.findings().isEmpty()) {
      sb.append("\nRisks:\n");
      for (RiskFinding f : p.findings()) {
        String sev = String.format("%-6s", severity(f));
        sb.append("  ").append(paint(color, f.severity() == RiskFinding.Severity.HIGH ? RED
            : f.severity() == RiskFinding.Severity.MEDIUM ? YELLOW : "", sev)).append(' ')
            .append(oneLine(f.object().toString())).append(": ").append(oneLine(f.message()))
            .append('\n');
      }
    }
    if (!p.notExpanded().isEmpty()) {
      sb.append("\nNot expanded:\n");
      for (NotExpanded n : p.notExpanded()) {
        sb.append("  ").append(oneLine(n.id().toString())).append(": ")
            .append(oneLine(n.reason())).append('\n');
      }
    }
    if (!p.conflicts().isEmpty()) {
      sb.append("\nNot previewed, merge conflicts in:\n");
      p.conflicts().forEach(c -> sb.append("  ").append(oneLine(c)).append('\n'));
    }
    List<ObjectChange> changed = p.objects().stream()
        .filter(o -> o.type() != ObjectChange.Type.UNCHANGED).toList();
    if (!changed.isEmpty()) {
      sb.append("\nObjects:\n");
    }
    for (ObjectChange o : changed) {
      String mark = mark(o.type());
      String c = o.type() == ObjectChange.Type.ADDED ? GREEN
          : o.type() == ObjectChange.Type.REMOVED ? RED : YELLOW;
      sb.append(paint(color, c, mark + " " + oneLine(o.id().toString()))).append('\n');
      for (FieldChange f : o.fields()) {
        String fc = f.kind() == FieldChange.Kind.ADDED ? GREEN
            : f.kind() == FieldChange.Kind.REMOVED ? RED : YELLOW;
        String line = switch (f.kind()) {
          case ADDED -> "+ " + f.path() + ": " + inline(f.after());
          case REMOVED -> "- " + f.path() + ": " + inline(f.before());
          case CHANGED -> "~ " + f.path() + ": " + inline(f.before()) + " -> "
              + inline(f.after());
        };
        sb.append("    ").append(paint(color, fc, line)).append('\n');
      }
    }
    return sb.toString();
  }

  private static String paint(boolean color, String code, String s) {
    return !color || code.isEmpty() ? s : code + s + RESET;
  }

  private static String mark(ObjectChange.Type t) {
    return switch (t) {
      case ADDED -> "+";
      case REMOVED -> "-";
      case CHANGED -> "~";
      case UNCHANGED -> "=";
    };
  }

  private static String summaryLine(Preview p) {
    return count(p, ObjectChange.Type.ADDED) + " added, " + count(p, ObjectChange.Type.CHANGED)
        + " changed, " + count(p, ObjectChange.Type.REMOVED) + " removed, "
        + count(p, ObjectChange.Type.UNCHANGED) + " unchanged; " + p.findings().size()
        + " risk finding" + (p.findings().size() == 1 ? "" : "s");
  }

  private static long count(Preview p, ObjectChange.Type t) {
    return p.objects().stream().filter(o -> o.type() == t).count();
  }

  private static String severity(RiskFinding f) {
    return f.severity().name().toLowerCase(Locale.ROOT);
  }

  /** A value on one line: scalars as YAML writes them, collections as compact JSON. */
  static String inline(Object v) {
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      return oneLine(Json.compact(v));
    }
    return oneLine(scalar(v));
  }

  private static String scalar(Object v) {
    if (v instanceof String s) {
      return YamlEmitter.scalar(s);
    }
    return v == null ? "null" : v.toString();
  }

  /** Control characters (a terminal's escapes, line breaks) never reach the output raw. */
  private static String oneLine(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  // --- Markdown ---

  /** Markdown of at most {@code limit} characters. */
  public static String markdown(Preview p, int limit) {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("### Preview: ").append(md(shortened(p.operation(), 300))).append("\n\n");
    sb.append(md(summaryLine(p))).append("\n\n");
    int budget = limit - 400; // room for the closing summary
    if (!p.findings().isEmpty()) {
      sb.append("#### Risks\n\n| Severity | Object | Finding |\n|---|---|---|\n");
      int shown = 0;
      for (RiskFinding f : p.findings()) {
        String row = "| " + (f.severity() == RiskFinding.Severity.HIGH ? "**high**"
            : severity(f)) + " | " + md(f.object().toString()) + " | " + md(f.message())
            + " |\n";
        if (sb.length() + row.length() > budget / 2) {
          break;
        }
        sb.append(row);
        shown++;
      }
      if (shown < p.findings().size()) {
        sb.append("\n").append(p.findings().size() - shown).append(" more findings not shown.\n");
      }
      sb.append('\n');
    }
    Map<String, long[]> byKind = new TreeMap<>();
    for (ObjectChange o : p.objects()) {
      long[] n = byKind.computeIfAbsent(o.id().kind(), k -> new long[4]);
      n[o.type().ordinal()]++;
    }
    if (!byKind.isEmpty()) {
      sb.append("| Kind | Added | Changed | Removed | Unchanged |\n|---|---:|---:|---:|---:|\n");
      for (Map.Entry<String, long[]> e : byKind.entrySet()) {
        long[] n = e.getValue();
        String row = "| " + md(e.getKey()) + " | " + n[ObjectChange.Type.ADDED.ordinal()]
            + " | " + n[ObjectChange.Type.CHANGED.ordinal()] + " | "
            + n[ObjectChange.Type.REMOVED.ordinal()] + " | "
            + n[ObjectChange.Type.UNCHANGED.ordinal()] + " |\n";
        if (sb.length() + row.length() > budget / 2) {
          sb.append("| ... | | | | |\n");
          break;
        }
        sb.append(row);
      }
      sb.append('\n');
    }
    if (!p.notExpanded().isEmpty()) {
      sb.append("#### Not expanded\n\n");
      int shown = 0;
      for (NotExpanded n : p.notExpanded()) {
        String line = "- " + md(n.id().toString()) + ": " + md(n.reason()) + "\n";
        if (sb.length() + line.length() > budget / 2) {
          break;
        }
        sb.append(line);
        shown++;
      }
      if (shown < p.notExpanded().size()) {
        sb.append("- and ").append(p.notExpanded().size() - shown).append(" more\n");
      }
      sb.append('\n');
    }
    if (!p.conflicts().isEmpty()) {
      List<String> some = p.conflicts().subList(0, Math.min(20, p.conflicts().size()));
      sb.append("Not previewed, merge conflicts in: ")
          .append(md(shortened(String.join(", ", some), 2_000)))
          .append(some.size() < p.conflicts().size() ? " and " + (p.conflicts().size()
              - some.size()) + " more" : "").append("\n\n");
    }
    List<ObjectChange> changed = p.objects().stream()
        .filter(o -> o.type() != ObjectChange.Type.UNCHANGED).toList();
    int shown = 0;
    for (ObjectChange o : changed) {
      String section = details(o);
      if (sb.length() + section.length() > budget) {
        break;
      }
      sb.append(section);
      shown++;
    }
    if (shown < changed.size()) {
      sb.append('\n').append(changed.size() - shown).append(" more objects not shown (the"
          + " description is limited to ").append(limit).append(" characters; run `profiles"
          + " diff` for all of them).\n");
    }
    return sb.toString();
  }

  private static String details(ObjectChange o) {
    StringBuilder body = new StringBuilder();
    switch (o.type()) {
      case ADDED -> lines(body, "+ ", o.after().map(Formats::yaml).orElse(""));
      case REMOVED -> lines(body, "- ", o.before().map(Formats::yaml).orElse(""));
      default -> {
        for (FieldChange f : o.fields()) {
          body.append("  ").append(oneLine(f.path())).append(":\n");
          if (f.kind() != FieldChange.Kind.ADDED) {
            lines(body, "-   ", block(f.before()));
          }
          if (f.kind() != FieldChange.Kind.REMOVED) {
            lines(body, "+   ", block(f.after()));
          }
        }
      }
    }
    String fence = "```";
    while (body.indexOf(fence) >= 0) {
      fence += "`";
    }
    String what = switch (o.type()) {
      case ADDED -> "added";
      case REMOVED -> "removed";
      default -> o.fields().size() + " field" + (o.fields().size() == 1 ? "" : "s")
          + " changed";
    };
    return "<details><summary>" + mark(o.type()) + " " + html(o.id().toString()) + " ("
        + what + ")</summary>\n\n" + fence + "diff\n" + body + fence + "\n\n</details>\n\n";
  }

  private static void lines(StringBuilder sb, String prefix, String text) {
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        sb.append(prefix).append(oneLine(line)).append('\n');
      }
    }
  }

  /** The object as YAML, {@code apiVersion}, {@code kind} and {@code metadata} first. */
  private static String yaml(KubeObject o) {
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (String k : List.of("apiVersion", "kind", "metadata")) {
      if (o.content().containsKey(k)) {
        ordered.put(k, o.content().get(k));
      }
    }
    ordered.putAll(o.content());
    return YamlEmitter.KUBERNETES.write(ordered);
  }

  private static String block(Object v) {
    if (v instanceof Map<?, ?> m && !m.isEmpty()) {
      @SuppressWarnings("unchecked")
      Map<String, ?> map = (Map<String, ?>) m;
      return YamlEmitter.KUBERNETES.write(map);
    }
    if (v instanceof List<?> l && !l.isEmpty()) {
      String text = YamlEmitter.KUBERNETES.write(Map.of("x", l));
      return text.substring(text.indexOf('\n') + 1);
    }
    return inline(v);
  }

  private static String shortened(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }

  /** Text safe in a Markdown table cell. */
  private static String md(String s) {
    return html(oneLine(s)).replace("|", "\\|").replace("`", "\\`").replace("*", "\\*")
        .replace("_", "\\_").replace("[", "\\[");
  }

  private static String html(String s) {
    return oneLine(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  // --- JSON ---

  /** The JSON form: see docs/preview.md. */
  public static String json(Preview p) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("operation", p.operation());
    root.put("directory", p.directory().orElse(null));
    root.put("hasChanges", p.hasChanges());
    Map<String, Object> summary = new LinkedHashMap<>();
    for (ObjectChange.Type t : ObjectChange.Type.values()) {
      summary.put(t.name().toLowerCase(Locale.ROOT), count(p, t));
    }
    root.put("summary", summary);
    List<Object> findings = new ArrayList<>();
    for (RiskFinding f : p.findings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("severity", severity(f));
      m.put("rule", f.rule());
      m.put("object", id(f.object()));
      m.put("message", f.message());
      findings.add(m);
    }
    root.put("findings", findings);
    List<Object> notExpanded = new ArrayList<>();
    for (NotExpanded n : p.notExpanded()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("object", id(n.id()));
      m.put("reason", n.reason());
      notExpanded.add(m);
    }
    root.put("notExpanded", notExpanded);
    root.put("conflicts", p.conflicts());
    List<Object> objects = new ArrayList<>();
    for (ObjectChange o : p.objects()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("object", id(o.id()));
      m.put("change", o.type().name().toLowerCase(Locale.ROOT));
      KubeObject side = o.after().or(o::before).orElseThrow();
      m.put("file", side.file().orElse(null));
      m.put("producedBy", side.producedBy().map(Formats::id).orElse(null));
      List<Object> fields = new ArrayList<>();
      for (FieldChange f : o.fields()) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("path", f.path());
        fm.put("change", f.kind().name().toLowerCase(Locale.ROOT));
        if (f.kind() != FieldChange.Kind.ADDED) {
          fm.put("before", f.before());
        }
        if (f.kind() != FieldChange.Kind.REMOVED) {
          fm.put("after", f.after());
        }
        fields.add(fm);
      }
      m.put("fields", fields);
      objects.add(m);
    }
    root.put("objects", objects);
    return Json.pretty(root);
  }

  private static Map<String, Object> id(ObjectId id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("apiVersion", id.apiVersion());
    m.put("kind", id.kind());
    m.put("namespace", id.namespace());
    m.put("name", id.name());
    return m;
  }
}
