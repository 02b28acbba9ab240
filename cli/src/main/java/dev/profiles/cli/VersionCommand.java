package dev.profiles.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code profiles version}. */
@Command(name = "version", description = "Print the version.")
final class VersionCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;

  @Override
  public Integer call() {
    main.out.println("profiles " + Main.version());
    return Main.OK;
  }
}
