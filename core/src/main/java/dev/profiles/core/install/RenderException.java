package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A profile installation that cannot be rendered, with <em>every</em> problem found, so the user
 * fixes them all in one go.
 *
 * <pre>{@code
 * try {
 *   renderer.render(request);
 * } catch (RenderException e) {
 *   e.problems().forEach(System.err::println);
 *   // artifact base/nginx: name 'my-nginx-base-nginx' collides with artifact base-nginx
 * }
 * }</pre>
 */
public final class RenderException extends ProfilesException {
  private static final long serialVersionUID = 1L;

  private final transient List<RenderProblem> problems;

  public RenderException(List<RenderProblem> problems) {
    super(describe(problems));
    if (problems.isEmpty()) {
      throw new dev.profiles.core.ProfilesConfigurationException("a render failure has at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in profile order. */
  public List<RenderProblem> problems() {
    return problems;
  }

  private static String describe(List<RenderProblem> problems) {
    if (problems.size() == 1) {
      return "cannot render: " + problems.get(0);
    }
    return "cannot render, " + problems.size() + " problems:\n"
        + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
