package dev.profiles.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code profiles docgen}: Markdown for every command, like pctl's: on stdout, or with {@code
 * --path DIR} (pctl's flag; {@code --out}, as pctl's usage line spelled it) one file a command,
 * {@code profiles-<command>-cmd.md}, as pctl wrote {@code pctl-<command>-cmd.md}.
 */
@Command(name = "docgen", mixinStandardHelpOptions = true,
    description = "Print Markdown documentation of every command on stdout, or write one file"
        + " a command into --path.")
final class DocgenCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = {"--path", "--out"}, paramLabel = "DIR",
      description = "Write profiles-<command>-cmd.md files into DIR (created if missing)"
          + " instead of printing.")
  Path path;

  @Override
  public Integer call() throws IOException {
    CommandLine root = spec.root().commandLine();
    if (path == null) {
      StringBuilder sb = new StringBuilder();
      section(sb, root, "#");
      commands(root).forEach(sub -> section(sb, sub, "##"));
      main.out.print(sb);
      return Main.OK;
    }
    Files.createDirectories(path);
    for (CommandLine sub : commands(root)) {
      String name = sub.getCommandName();
      if (name.equals("docgen") || name.equals("help")) {
        continue;
      }
      StringBuilder sb = new StringBuilder();
      section(sb, sub, "#");
      Files.writeString(path.resolve("profiles-" + name + "-cmd.md"), sb,
          StandardCharsets.UTF_8);
    }
    return Main.OK;
  }

  /** Every subcommand once: picocli maps an alias ({@code apply}) to its command too. */
  private static java.util.Collection<CommandLine> commands(CommandLine root) {
    return new java.util.LinkedHashSet<>(root.getSubcommands().values());
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
