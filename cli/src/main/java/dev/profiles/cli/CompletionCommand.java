package dev.profiles.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code profiles completion bash|zsh}: a shell completion script on stdout. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a shell completion script.",
        "bash: source <(profiles completion bash)",
        "zsh:  autoload -U +X bashcompinit && bashcompinit; source <(profiles completion zsh)"})
final class CompletionCommand implements Callable<Integer> {
  /** The shells. */
  enum Shell { bash, zsh }

  @ParentCommand
  Main main;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    // picocli's script works in bash and, through bashcompinit, in zsh.
    main.out.print(AutoComplete.bash("profiles", spec.root().commandLine()));
    return Main.OK;
  }
}
