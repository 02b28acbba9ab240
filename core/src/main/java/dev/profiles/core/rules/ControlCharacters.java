package dev.profiles.core.rules;

import java.util.Optional;

/**
 * Control characters (C0 {@code U+0000–U+001F}, DEL {@code U+007F}, C1 {@code U+0080–U+009F}),
 * refused in every name and path that becomes a file name, an object name or a URL: a newline
 * or carriage return in a file name forges lines in logs, commit messages and YAML; a tab or
 * escape sequence disguises what a terminal shows.
 *
 * <pre>{@code
 * ControlCharacters.problem("a\nb"); // Optional["contains a control character (U+000A line feed)"]
 * }</pre>
 */
public final class ControlCharacters {
  private ControlCharacters() {}

  /** Whether {@code c} is a C0, DEL or C1 control character. */
  public static boolean is(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }

  /** Why {@code value} is refused, or empty when it holds no control character. */
  public static Optional<String> problem(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (is(value.charAt(i))) {
        return Optional.of("contains a control character (" + describe(value.charAt(i)) + ")");
      }
    }
    return Optional.empty();
  }

  /** {@code U+000A line feed} and the like. */
  public static String describe(char c) {
    String name = switch (c) {
      case '\n' -> " line feed";
      case '\r' -> " carriage return";
      case '\t' -> " tab";
      case '\0' -> " NUL";
      case 0x1b -> " escape";
      case 0x7f -> " delete";
      default -> "";
    };
    return String.format("U+%04X", (int) c) + name;
  }

  /** {@code value} with every control character shown as {@code \\uXXXX}, safe to print. */
  public static String visible(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (is(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
