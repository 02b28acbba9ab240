package dev.profiles.catalog.server.internal;

import static dev.profiles.catalog.server.internal.Html.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A small, strict Markdown renderer for the READMEs on profile pages. READMEs are hostile, so
 * it knows only a subset: ATX headings, paragraphs, flat lists, one level of block quote,
 * thematic breaks, fenced and indented code blocks, inline code, emphasis and strong, links
 * and autolinks. Every character of the input reaches the output through {@link Html#text};
 * raw HTML is shown as text, images as their alt text, and a link becomes an {@code <a>} only
 * when its target is an absolute http(s) URL ({@link Html#safeUrl}) or a plain {@code mailto:}
 * address (relative links cannot be resolved against a git tag, so they are their text).
 *
 * <p>Nothing recurses on the input's structure (a link's text is rendered once more, without
 * links) and every scan is bounded, so no nesting of {@code >}, {@code *} or {@code [} can
 * overflow the stack or take quadratic time.
 */
final class Markdown {
  /** Input beyond this many characters is not rendered (the scanner cuts READMEs earlier). */
  static final int MAX_INPUT = 128 * 1024;
  private static final int MAX_LABEL = 1000;
  private static final int MAX_URL = 2048;
  private static final Pattern MAILTO = Pattern.compile(
      "mailto:[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63}){0,10}");
  private static final String REL = " rel=\"noopener noreferrer nofollow\"";

  private Markdown() {}

  /** {@code source} as HTML inside {@code <div class="readme">}. */
  static String render(String source) {
    String src = source.length() > MAX_INPUT ? source.substring(0, MAX_INPUT) : source;
    String[] lines = src.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    StringBuilder out = new StringBuilder(src.length() + 256).append("<div class=\"readme\">");
    List<String> para = new ArrayList<>();
    int i = 0;
    int n = lines.length;
    while (i < n) {
      String line = lines[i];
      if (line.isBlank()) {
        paragraph(out, para);
        i++;
        continue;
      }
      String fence = fence(line);
      if (fence != null) {
        paragraph(out, para);
        StringBuilder code = new StringBuilder();
        i++;
        while (i < n && !closes(lines[i], fence)) {
          code.append(lines[i]).append('\n');
          i++;
        }
        i++;
        out.append("<pre tabindex=\"0\"><code>").append(text(code.toString()))
            .append("</code></pre>\n");
        continue;
      }
      if (para.isEmpty() && indent(line) >= 4) {
        StringBuilder code = new StringBuilder();
        int last = i;
        int j = i;
        while (j < n && (lines[j].isBlank() || indent(lines[j]) >= 4)) {
          if (!lines[j].isBlank()) {
            last = j;
          }
          j++;
        }
        for (int k = i; k <= last; k++) {
          code.append(dedent(lines[k], 4)).append('\n');
        }
        i = last + 1;
        out.append("<pre tabindex=\"0\"><code>").append(text(code.toString()))
            .append("</code></pre>\n");
        continue;
      }
      int level = heading(line);
      if (level > 0) {
        paragraph(out, para);
        String tag = "h" + Math.min(6, level + 2);
        out.append('<').append(tag).append('>').append(inline(headingText(line, level), true))
            .append("</").append(tag).append(">\n");
        i++;
        continue;
      }
      if (rule(line)) {
        paragraph(out, para);
        out.append("<hr>\n");
        i++;
        continue;
      }
      if (quote(line) != null) {
        paragraph(out, para);
        List<String> quoted = new ArrayList<>();
        while (i < n && quote(lines[i]) != null) {
          quoted.add(quote(lines[i]));
          i++;
        }
        out.append("<blockquote>");
        paragraph(out, quoted);
        out.append("</blockquote>\n");
        continue;
      }
      Item item = item(line);
      if (item != null) {
        paragraph(out, para);
        String tag = item.ordered() ? "ol" : "ul";
        out.append('<').append(tag).append('>');
        StringBuilder text = new StringBuilder(item.text());
        i++;
        while (true) {
          Item next = i < n ? item(lines[i]) : null;
          if (i < n && next == null && !lines[i].isBlank() && !startsBlock(lines[i])) {
            text.append('\n').append(lines[i].strip());
            i++;
            continue;
          }
          out.append("<li>").append(inline(text.toString(), true)).append("</li>");
          int after = i;
          while (next == null && after < n && lines[after].isBlank()) {
            after++;
          }
          Item resumed = next != null ? next : after < n ? item(lines[after]) : null;
          if (resumed == null || resumed.ordered() != item.ordered() || rule(lines[after])) {
            break;
          }
          text = new StringBuilder(resumed.text());
          i = after + 1;
        }
        out.append("</").append(tag).append(">\n");
        continue;
      }
      para.add(line.strip());
      i++;
    }
    paragraph(out, para);
    return out.append("</div>").toString();
  }

  private record Item(boolean ordered, String text) {}

  private static void paragraph(StringBuilder out, List<String> lines) {
    if (!lines.isEmpty()) {
      out.append("<p>").append(inline(String.join("\n", lines), true)).append("</p>\n");
      lines.clear();
    }
  }

  private static boolean startsBlock(String line) {
    return fence(line) != null || heading(line) > 0 || rule(line) || quote(line) != null;
  }

  /** Leading columns of whitespace, a tab counting as four. */
  private static int indent(String line) {
    int cols = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ' ') {
        cols++;
      } else if (c == '\t') {
        cols += 4;
      } else {
        break;
      }
    }
    return cols;
  }

  private static String dedent(String line, int cols) {
    int i = 0;
    int removed = 0;
    while (i < line.length() && removed < cols) {
      char c = line.charAt(i);
      if (c == ' ') {
        removed++;
      } else if (c == '\t') {
        removed += 4;
      } else {
        break;
      }
      i++;
    }
    return line.substring(i);
  }

  /** The position after up to three leading spaces, or -1 when the line is indented more. */
  private static int start(String line) {
    int i = 0;
    while (i < line.length() && i < 3 && line.charAt(i) == ' ') {
      i++;
    }
    return i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t') ? -1 : i;
  }

  /** The opening fence ({@code ```} or {@code ~~~}, three or more) of a code block, or null. */
  private static String fence(String line) {
    int s = start(line);
    if (s < 0 || s >= line.length()) {
      return null;
    }
    char c = line.charAt(s);
    if (c != '`' && c != '~') {
      return null;
    }
    int e = s;
    while (e < line.length() && line.charAt(e) == c) {
      e++;
    }
    if (e - s < 3 || c == '`' && line.indexOf('`', e) >= 0) {
      return null;
    }
    return line.substring(s, e);
  }

  private static boolean closes(String line, String fence) {
    int s = start(line);
    if (s < 0) {
      return false;
    }
    int e = s;
    while (e < line.length() && line.charAt(e) == fence.charAt(0)) {
      e++;
    }
    return e - s >= fence.length() && line.substring(e).isBlank();
  }

  private static int heading(String line) {
    int s = start(line);
    if (s < 0) {
      return 0;
    }
    int e = s;
    while (e < line.length() && line.charAt(e) == '#') {
      e++;
    }
    int level = e - s;
    boolean separated = e == line.length() || line.charAt(e) == ' ' || line.charAt(e) == '\t';
    return level >= 1 && level <= 6 && separated ? level : 0;
  }

  private static String headingText(String line, int level) {
    String t = line.substring(line.indexOf('#') + level).strip();
    int e = t.length();
    while (e > 0 && t.charAt(e - 1) == '#') {
      e--;
    }
    if (e == 0 || e < t.length() && (t.charAt(e - 1) == ' ' || t.charAt(e - 1) == '\t')) {
      t = t.substring(0, e).strip();
    }
    return t;
  }

  private static boolean rule(String line) {
    int s = start(line);
    if (s < 0 || s >= line.length()) {
      return false;
    }
    char c = line.charAt(s);
    if (c != '-' && c != '*' && c != '_') {
      return false;
    }
    int count = 0;
    for (int i = s; i < line.length(); i++) {
      char x = line.charAt(i);
      if (x == c) {
        count++;
      } else if (x != ' ' && x != '\t') {
        return false;
      }
    }
    return count >= 3;
  }

  /** The text of a block-quote line after its {@code >}, or null. Only one level is known. */
  private static String quote(String line) {
    int s = start(line);
    if (s < 0 || s >= line.length() || line.charAt(s) != '>') {
      return null;
    }
    String rest = line.substring(s + 1);
    return (rest.startsWith(" ") ? rest.substring(1) : rest).strip();
  }

  private static Item item(String line) {
    int s = start(line);
    if (s < 0 || s >= line.length()) {
      return null;
    }
    char c = line.charAt(s);
    int e;
    boolean ordered;
    if (c == '-' || c == '*' || c == '+') {
      e = s + 1;
      ordered = false;
    } else {
      e = s;
      while (e < line.length() && e - s < 9 && Character.isDigit(line.charAt(e))
          && line.charAt(e) < 128) {
        e++;
      }
      if (e == s || e >= line.length() || line.charAt(e) != '.' && line.charAt(e) != ')') {
        return null;
      }
      e++;
      ordered = true;
    }
    if (e < line.length() && line.charAt(e) != ' ' && line.charAt(e) != '\t') {
      return null;
    }
    if (rule(line)) {
      return null;
    }
    return new Item(ordered, line.substring(e).strip());
  }

  // --- inline --------------------------------------------------------------------------------

  /** A run of {@code *} or {@code _}: the tags it closes and opens once matched. */
  private static final class Delim {
    final char c;
    int count;
    final boolean open;
    final boolean close;
    final StringBuilder closing = new StringBuilder();
    final StringBuilder opening = new StringBuilder();

    Delim(char c, int count, boolean open, boolean close) {
      this.c = c;
      this.count = count;
      this.open = open;
      this.close = close;
    }
  }

  private record Link(String label, String url, int end) {}

  /** Inline markup of {@code s} as HTML; {@code links} false inside a link's own text. */
  static String inline(String s, boolean links) {
    List<Object> tokens = new ArrayList<>();
    List<Delim> delims = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    // Backtick run lengths that have no closing run later: never searched for again.
    java.util.Set<Integer> unclosed = new java.util.HashSet<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < n && isAsciiPunctuation(s.charAt(i + 1))) {
        lit.append(s.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c == '`') {
        int run = run(s, i, '`');
        int close = unclosed.contains(run) ? -1 : closingRun(s, i + run, run);
        if (close < 0) {
          unclosed.add(run);
          lit.append(s, i, i + run);
        } else {
          flush(lit, tokens);
          tokens.add("<code>" + text(codeSpan(s.substring(i + run, close))) + "</code>");
        }
        i = close < 0 ? i + run : close + run;
        continue;
      }
      if (c == '*' || c == '_') {
        int run = run(s, i, c);
        char before = i == 0 ? ' ' : s.charAt(i - 1);
        char after = i + run >= n ? ' ' : s.charAt(i + run);
        boolean left = !Character.isWhitespace(after)
            && (!isPunctuation(after) || Character.isWhitespace(before) || isPunctuation(before));
        boolean right = !Character.isWhitespace(before)
            && (!isPunctuation(before) || Character.isWhitespace(after) || isPunctuation(after));
        boolean open = c == '*' ? left : left && (!right || isPunctuation(before));
        boolean close = c == '*' ? right : right && (!left || isPunctuation(after));
        flush(lit, tokens);
        Delim d = new Delim(c, run, open, close);
        tokens.add(d);
        delims.add(d);
        i += run;
        continue;
      }
      if (links && (c == '[' || c == '!' && i + 1 < n && s.charAt(i + 1) == '[')) {
        boolean image = c == '!';
        Link link = link(s, image ? i + 1 : i);
        if (link != null) {
          flush(lit, tokens);
          if (image) {
            // Images are never loaded: their alt text stands in for them.
            tokens.add(text(link.label()));
          } else {
            String label = inline(link.label(), false);
            tokens.add(href(link.url()).map(h -> "<a href=\"" + text(h) + "\"" + REL + ">"
                + label + "</a>").orElse(label));
          }
          i = link.end();
          continue;
        }
      }
      if (links && c == '<') {
        int close = autolinkEnd(s, i);
        Optional<String> url = close < 0 ? Optional.empty() : href(s.substring(i + 1, close));
        if (url.isPresent()) {
          flush(lit, tokens);
          tokens.add(anchor(url.get()));
          i = close + 1;
          continue;
        }
      }
      if (links && c == 'h' && (s.startsWith("https://", i) || s.startsWith("http://", i))
          && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))) {
        int end = i;
        while (end < n && end - i < MAX_URL && !Character.isWhitespace(s.charAt(end))
            && s.charAt(end) != '<') {
          end++;
        }
        while (end > i && ".,:;!?)'\"*_".indexOf(s.charAt(end - 1)) >= 0) {
          end--;
        }
        Optional<String> url = Html.safeUrl(s.substring(i, end));
        if (url.isPresent()) {
          flush(lit, tokens);
          tokens.add(anchor(url.get()));
          i = end;
          continue;
        }
      }
      lit.append(c);
      i++;
    }
    flush(lit, tokens);
    emphasis(delims);
    StringBuilder out = new StringBuilder(n + 32);
    for (Object t : tokens) {
      if (t instanceof Delim d) {
        out.append(d.closing).append(String.valueOf(d.c).repeat(d.count)).append(d.opening);
      } else {
        out.append((String) t);
      }
    }
    return out.toString();
  }

  /**
   * Matches closers with openers as CommonMark does (nearest opener of the same character,
   * strong when both sides have two), removing the delimiters between a matched pair so tags
   * always nest. The open delimiters form a linked list and a failed search sets a floor, so
   * the work stays linear in the number of delimiters.
   */
  private static void emphasis(List<Delim> delims) {
    int n = delims.size();
    int[] prev = new int[n];
    for (int k = 0; k < n; k++) {
      prev[k] = k - 1;
    }
    int[] floor = {-1, -1};
    for (int ci = 0; ci < n; ci++) {
      Delim closer = delims.get(ci);
      if (!closer.close) {
        continue;
      }
      int kind = closer.c == '*' ? 0 : 1;
      while (closer.count > 0) {
        int oi = prev[ci];
        while (oi > floor[kind]) {
          Delim d = delims.get(oi);
          if (d.c == closer.c && d.open && d.count > 0) {
            break;
          }
          oi = prev[oi];
        }
        if (oi <= floor[kind]) {
          floor[kind] = ci - 1;
          break;
        }
        Delim opener = delims.get(oi);
        int use = closer.count >= 2 && opener.count >= 2 ? 2 : 1;
        String tag = use == 2 ? "strong" : "em";
        opener.opening.insert(0, "<" + tag + ">");
        closer.closing.append("</").append(tag).append('>');
        opener.count -= use;
        closer.count -= use;
        // Everything between the pair is out of play; a spent opener too.
        prev[ci] = opener.count > 0 ? oi : prev[oi];
      }
    }
  }

  private static void flush(StringBuilder lit, List<Object> tokens) {
    if (!lit.isEmpty()) {
      tokens.add(text(lit.toString()));
      lit.setLength(0);
    }
  }

  private static String anchor(String url) {
    return "<a href=\"" + text(url) + "\"" + REL + ">" + text(url) + "</a>";
  }

  /** {@code url} when it may be a link target: absolute http(s), or a plain mailto address. */
  static Optional<String> href(String url) {
    if (url.length() <= MAX_URL && url.regionMatches(true, 0, "mailto:", 0, 7)) {
      return MAILTO.matcher(url).matches() ? Optional.of(url) : Optional.empty();
    }
    return Html.safeUrl(url);
  }

  private static int run(String s, int i, char c) {
    int e = i;
    while (e < s.length() && s.charAt(e) == c) {
      e++;
    }
    return e - i;
  }

  /** The start of the next run of exactly {@code length} backticks from {@code from}, or -1. */
  private static int closingRun(String s, int from, int length) {
    int i = from;
    while (i < s.length()) {
      if (s.charAt(i) == '`') {
        int r = run(s, i, '`');
        if (r == length) {
          return i;
        }
        i += r;
      } else {
        i++;
      }
    }
    return -1;
  }

  private static String codeSpan(String code) {
    String c = code.replace('\n', ' ');
    return c.length() >= 2 && c.startsWith(" ") && c.endsWith(" ") && !c.isBlank()
        ? c.substring(1, c.length() - 1) : c;
  }

  /** The end of {@code <scheme:...>} at {@code i}: no whitespace, no {@code <}, bounded. */
  private static int autolinkEnd(String s, int i) {
    for (int j = i + 1; j < s.length() && j - i <= MAX_URL; j++) {
      char c = s.charAt(j);
      if (c == '>') {
        return j;
      }
      if (c == '<' || Character.isWhitespace(c)) {
        return -1;
      }
    }
    return -1;
  }

  /** {@code [label](url "title")} at {@code i}, or null; brackets in the label must balance. */
  private static Link link(String s, int i) {
    int depth = 0;
    int j = i;
    int n = s.length();
    for (; j < n && j - i <= MAX_LABEL; j++) {
      char c = s.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        break;
      }
    }
    if (j >= n || depth != 0 || j - i > MAX_LABEL || j + 1 >= n || s.charAt(j + 1) != '(') {
      return null;
    }
    String label = s.substring(i + 1, j);
    int k = j + 2;
    while (k < n && (s.charAt(k) == ' ' || s.charAt(k) == '\n')) {
      k++;
    }
    int urlStart;
    int urlEnd;
    if (k < n && s.charAt(k) == '<') {
      urlStart = k + 1;
      urlEnd = s.indexOf('>', urlStart);
      if (urlEnd < 0 || urlEnd - urlStart > MAX_URL) {
        return null;
      }
      k = urlEnd + 1;
    } else {
      urlStart = k;
      // Parentheses in a destination balance, as in CommonMark: (javascript:alert(1)).
      int parens = 0;
      while (k < n && k - urlStart <= MAX_URL && s.charAt(k) != ' ' && s.charAt(k) != '\n') {
        char c = s.charAt(k);
        if (c == '(') {
          parens++;
        } else if (c == ')' && parens-- == 0) {
          break;
        }
        k++;
      }
      urlEnd = k;
    }
    while (k < n && (s.charAt(k) == ' ' || s.charAt(k) == '\n')) {
      k++;
    }
    if (k < n && (s.charAt(k) == '"' || s.charAt(k) == '\'')) {
      int t = s.indexOf(s.charAt(k), k + 1);
      if (t < 0 || t - k > MAX_LABEL) {
        return null;
      }
      k = t + 1;
      while (k < n && s.charAt(k) == ' ') {
        k++;
      }
    }
    if (k >= n || s.charAt(k) != ')') {
      return null;
    }
    return new Link(label, s.substring(urlStart, urlEnd), k + 1);
  }

  private static boolean isAsciiPunctuation(char c) {
    return c < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
  }

  private static boolean isPunctuation(char c) {
    if (isAsciiPunctuation(c)) {
      return true;
    }
    int t = Character.getType(c);
    return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
        || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
        || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
        || t == Character.OTHER_PUNCTUATION;
  }
}
