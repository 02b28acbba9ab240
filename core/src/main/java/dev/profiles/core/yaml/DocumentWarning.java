package dev.profiles.core.yaml;

import java.util.Objects;

/**
 * Something in a document that was accepted but deserves the author's attention: a field of an
 * older {@code weave.works/v1alpha1} form that is read as its current equivalent, or a field
 * that no longer has any meaning and is ignored. Located like a {@link DocumentProblem}.
 *
 * <p>{@link #toString()} reads like a compiler warning: {@code
 * nginx/profile.yaml:7:3: spec.version: deprecated and ignored: a profile's version comes from
 * its git tag}.
 *
 * @param source the document's name, usually its path
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param path the YAML path of the field, such as {@code spec.artifacts[0].kind}
 * @param message what was done with it and what to write instead
 */
public record DocumentWarning(String source, int line, int column, String path, String message) {
  public DocumentWarning {
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
