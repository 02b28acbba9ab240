package dev.profiles.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code profiles docgen}: Markdown for every command, like pctl's. */
@Command(name = "docgen", mixinStandardHelpOptions = true,
    description = "Print Markdown documentation of every command on stdout.")
final class DocgenCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    StringBuilder sb = new StringBuilder();
    section(sb, root, "#");
    root.getSubcommands().values().forEach(sub -> section(sb, sub, "##"));
    main.out.print(sb);
    return Main.OK;
  }

  private static void section(StringBuilder sb, CommandLine cl, String heading) {
    sb.append(heading).append(' ').append(cl.getCommandSpec().qualifiedName()).append("\n\n");
    String[] description = cl.getCommandSpec().usageMessage().description();
    for (String line : description) {
      sb.append(line).append('\n');
    }
    sb.append("\n```\n").append(cl.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing())
        .append("\n```\n\n");
  }
}
