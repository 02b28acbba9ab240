package dev.profiles.core.yaml;

import java.util.List;
import java.util.Objects;

/**
 * A document read successfully, with the warnings it raised (fields of an older form that were
 * mapped to today's, fields that no longer mean anything), in document order.
 *
 * <pre>{@code
 * ReadResult<ProfileDefinition> read = ProfileYaml.strict()
 *     .readProfileWithWarnings(Path.of("nginx/profile.yaml"));
 * read.warnings().forEach(System.err::println);
 * ProfileDefinition nginx = read.value();
 * }</pre>
 *
 * @param value the model read from the document
 * @param warnings every warning, empty for a document in today's form
 * @param <T> the model type
 */
public record ReadResult<T>(T value, List<DocumentWarning> warnings) {
  public ReadResult {
    Objects.requireNonNull(value, "value");
    warnings = List.copyOf(warnings);
  }
}
