package dev.profiles.cli;

import dev.profiles.core.preview.Preview;
import dev.profiles.core.preview.PreviewFormat;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints previews in the form {@code -o} asks for ({@code text}, coloured on a terminal;
 * {@code json}; {@code markdown} for a pull-request description). The forms themselves are
 * core's ({@link PreviewFormat}); this only decides colour and joins several previews.
 */
final class PreviewPrinter {
  /** The {@code -o} forms of a preview. */
  enum Format { text, json, markdown }

  private PreviewPrinter() {}

  /**
   * Colour on stdout: stderr's verdict ({@link Terminal}: a terminal, {@code NO_COLOR} unset,
   * {@code TERM} not dumb) and stdout a terminal too ({@code System.console()}, or {@code
   * PROFILES_TERMINAL} forcing the answer).
   */
  static boolean color(Main main) {
    Terminal t = Terminal.of(main.err, main.env);
    String forced = main.env.get(Terminal.OVERRIDE);
    boolean stdoutTty = forced != null && !forced.isEmpty() ? t.interactive()
        : main.out == System.out && System.console() != null;
    return t.color() && stdoutTty;
  }

  /** One preview: the form as core writes it. */
  static void print(Main main, Preview p, Format format) {
    PrintStream out = main.out;
    switch (format) {
      case text -> out.print(PreviewFormat.text(p, color(main)));
      case json -> out.print(PreviewFormat.json(p));
      case markdown -> out.print(PreviewFormat.markdown(p));
    }
    out.flush();
  }

  /**
   * Several previews (one per installation): text and Markdown one after the other (Markdown
   * sharing one size limit), JSON as {@code {"schemaVersion": 1, "hasChanges": B, "previews":
   * [...]}}.
   */
  static void print(Main main, List<Preview> previews, Format format) {
    PrintStream out = main.out;
    switch (format) {
      case text -> {
        boolean color = color(main);
        for (int i = 0; i < previews.size(); i++) {
          out.print((i == 0 ? "" : "\n") + PreviewFormat.text(previews.get(i), color));
        }
      }
      case markdown -> {
        int each = Math.max(2_000, PreviewFormat.MARKDOWN_LIMIT / Math.max(1, previews.size()));
        for (int i = 0; i < previews.size(); i++) {
          out.print((i == 0 ? "" : "\n---\n\n")
              + PreviewFormat.markdown(previews.get(i), each));
        }
      }
      case json -> {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"schemaVersion\": 1,\n  \"hasChanges\": ")
            .append(previews.stream().anyMatch(Preview::hasChanges)).append(",\n  \"previews\": [");
        for (int i = 0; i < previews.size(); i++) {
          String one = PreviewFormat.json(previews.get(i)).stripTrailing();
          sb.append(i == 0 ? "\n" : ",\n").append(one.indent(4).stripTrailing());
        }
        sb.append(previews.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        out.print(sb);
      }
    }
    out.flush();
  }
}
