package consumer;

import dev.profiles.git.GitProfiles;

/**
 * A user's program on the MODULE PATH (its own module-info requires the SDK's modules), run
 * with no extra flags (no --add-opens, --add-exports or --add-reads).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    SdkRun.check(Main.class.getModule().isNamed() && GitProfiles.class.getModule().isNamed(),
        "running on the module path");
    System.out.println("module path: " + Main.class.getModule().getName() + "\n"
        + SdkRun.silently());
    System.out.println("CONSUMER OK");
  }
}
