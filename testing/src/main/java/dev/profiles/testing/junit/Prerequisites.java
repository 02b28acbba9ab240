package dev.profiles.testing.junit;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine: a tool on the {@code PATH} (kubectl, ssh-agent, a
 * browser). On a developer's machine a missing prerequisite skips the test, with the reason
 * printed; with the environment variable {@code CI=true} it fails the test, so a CI run never
 * passes by skipping silently.
 *
 * <pre>{@code
 * @Test
 * void buildsTheOverlay() {
 *   Prerequisites.require(Prerequisites.onPath("kubectl"), "kubectl (kubectl kustomize)");
 *   ...
 * }
 * }</pre>
 */
public final class Prerequisites {
  private Prerequisites() {}

  /**
   * Skips the calling test when {@code present} is false (fails it under {@code CI=true}).
   *
   * @param present whether the prerequisite is there
   * @param reason what is missing and what it is for, printed and reported
   */
  public static void require(boolean present, String reason) {
    if (present) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI=true and a prerequisite is missing: " + reason);
    }
    System.out.println("SKIPPED: " + reason);
    Assumptions.assumeTrue(false, reason);
  }

  /** Whether an executable named {@code tool} is in a directory of the {@code PATH}. */
  public static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
