package dev.profiles.core.model;

import java.util.Objects;

/**
 * One broken rule in a model value: where (a path in the document's YAML shape, such as
 * {@code spec.artifacts[2].chart.path}) and what.
 *
 * <p>The path uses the document's field names, not Java's, so that a reader can map it back to
 * a line in the file.
 *
 * @param path the YAML path of the offending field, relative to the value that was checked
 * @param message what is wrong, in a sentence fragment without trailing period
 */
public record ModelViolation(String path, String message) {
  public ModelViolation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** This violation with {@code prefix} put in front of its path. */
  public ModelViolation under(String prefix) {
    if (prefix.isEmpty()) {
      return this;
    }
    if (path.isEmpty()) {
      return new ModelViolation(prefix, message);
    }
    return new ModelViolation(path.startsWith("[") ? prefix + path : prefix + "." + path, message);
  }

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
