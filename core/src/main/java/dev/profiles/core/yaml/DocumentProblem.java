package dev.profiles.core.yaml;

import java.util.Objects;

/**
 * One problem found in a document: the file, the 1-based line and column, the field's path
 * (such as {@code spec.artifacts[2].chart.url}) and what is wrong.
 *
 * <p>{@link #toString()} reads like a compiler message: {@code
 * nginx/profile.yaml:14:9: spec.artifacts[2].chart.url: must not be set together with
 * chart.path}.
 *
 * @param source the document's name, usually its path
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param path the YAML path of the offending field; empty for the whole document
 * @param message what is wrong
 */
public record DocumentProblem(String source, int line, int column, String path, String message) {
  public DocumentProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** {@code source:line:column} (or just {@code source} when the line is unknown). */
  public String location() {
    return line > 0 ? source + ":" + line + ":" + column : source;
  }

  @Override
  public String toString() {
    return location() + ": " + (path.isEmpty() ? "" : path + ": ") + message;
  }
}
