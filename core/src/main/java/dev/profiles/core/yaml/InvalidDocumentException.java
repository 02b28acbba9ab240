package dev.profiles.core.yaml;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.ProfilesException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A document (profile.yaml, profile-installation.yaml, a ProfileCatalogSource, .pctl/config.yaml)
 * that cannot be read: it carries <em>every</em> problem found, each with file, line, column and
 * field path, so a user fixes them all in one go.
 *
 * <pre>{@code
 * try {
 *   ProfileYaml.strict().readProfile(Path.of("nginx/profile.yaml"));
 * } catch (InvalidDocumentException e) {
 *   e.problems().forEach(System.err::println);
 *   // nginx/profile.yaml:9:7: spec.artifacts[0].chart: set either chart.path or chart.url, ...
 * }
 * }</pre>
 */
public final class InvalidDocumentException extends ProfilesException {
  private static final long serialVersionUID = 1L;

  private final transient List<DocumentProblem> problems;

  /**
   * An exception reporting {@code problems}.
   *
   * @throws ProfilesConfigurationException when {@code problems} is empty
   */
  public InvalidDocumentException(List<DocumentProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in document order. */
  public List<DocumentProblem> problems() {
    return problems;
  }

  private static String describe(List<DocumentProblem> problems) {
    if (problems.isEmpty()) {
      throw new ProfilesConfigurationException("an invalid document has at least one problem");
    }
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    return problems.size() + " problems:\n"
        + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
