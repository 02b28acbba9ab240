package dev.profiles.cli;

import dev.profiles.core.install.CommitResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code profiles bootstrap}: record the Flux GitRepository in .pctl/config.yaml. */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
    description = "Record which Flux GitRepository syncs the GitOps repository"
        + " (.pctl/config.yaml) and commit.")
final class BootstrapCommandLine implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--git-repository", required = true, paramLabel = "NS/NAME",
      description = "The Flux GitRepository (e.g. flux-system/flux-system).")
  String gitRepository;

  @Option(names = {"--out", "--default-dir"}, paramLabel = "DIR",
      description = "The default directory installations go under (--default-dir: pctl's"
          + " name).")
  String out;

  @Parameters(arity = "0..1", paramLabel = "DIR",
      description = "The GitOps repository's working tree (default: the current directory).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    try (Sdk sdk = new Sdk(main, spec.commandLine())) {
      var bootstrap = sdk.profiles().bootstrap(sdk.repo(dir))
          .gitRepository(Sdk.gitRepository(spec.commandLine(), gitRepository));
      if (out != null) {
        bootstrap.defaultDir(out);
      }
      if (bootstrap.upToDate()) {
        // git commits nothing when nothing changed; neither does bootstrap run again.
        main.out.println("already bootstrapped with " + gitRepository + " (nothing to commit)");
        return Main.OK;
      }
      CommitResult c = bootstrap.call();
      main.out.println("bootstrapped with " + gitRepository + " "
          + Output.commit(c.commitId()));
      return Main.OK;
    }
  }
}
