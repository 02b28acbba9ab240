package dev.profiles.cli;

import dev.profiles.core.install.GitOpsRepository;
import dev.profiles.core.install.InstallResult;
import dev.profiles.core.memory.InMemoryGitOpsRepository;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code profiles render}: what {@code add} would write, printed, with nothing written. It is
 * the SDK's dry-run install ({@code InstallCommand.dryRun(true)}), so it resolves, renders and
 * refuses exactly as {@code add} would; without {@code --git-dir} it renders as into an empty
 * GitOps repository and no repository is opened at all.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = {"Print what 'add' would write, writing nothing (like 'helm template').",
        "By default every file as a YAML stream: each file is preceded by '---' and"
            + " '# Source: PATH' (its repository-relative path). --list prints the paths only.",
        "-o json is {\"name\", \"namespace\", \"directory\", \"profileCommit\", \"files\":"
            + " [{\"path\", \"content\", \"size\"}], \"warnings\": [...]}; -o yaml has the same"
            + " structure."})
final class RenderCommand implements Callable<Integer> {
  /** The {@code -o} formats of render: the YAML stream, or the structured document. */
  enum Format { text, json, yaml }

  @ParentCommand
  Main main;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  InstallOptions options;

  @Option(names = "--git-dir", paramLabel = "REPO",
      description = "Render as into this GitOps repository (its .pctl/config.yaml, existing"
          + " installations), read only. Default: an empty repository, which needs"
          + " --git-repository.")
  Path gitDir;

  @Option(names = "--list", description = "Print only the paths of the files.")
  boolean list;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text, json or yaml (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    options.validate(cl);
    if (gitDir == null && options.gitRepository == null) {
      throw new CommandLine.ParameterException(cl, "render without --git-dir needs"
          + " --git-repository=NS/NAME (the Flux GitRepository that syncs the GitOps repository)");
    }
    if (list && format != Format.text) {
      throw new CommandLine.ParameterException(cl, "--list and -o " + format
          + " are mutually exclusive");
    }
    try (Sdk sdk = new Sdk(main, spec.commandLine())) {
      options.prefetch(sdk);
      GitOpsRepository repo = gitDir == null ? InMemoryGitOpsRepository.create()
          : sdk.repo(gitDir);
      InstallResult result = options.configure(sdk.profiles().install(repo).dryRun(true),
          sdk, cl).call();
      result.warnings().forEach(w -> main.err.println("warning: " + w));
      switch (format) {
        case text -> text(result);
        case json -> main.out.print(Output.json(document(result)));
        case yaml -> main.out.print(Output.yaml(document(result)));
        default -> throw new IllegalStateException();
      }
      return Main.OK;
    }
  }

  private void text(InstallResult result) {
    StringBuilder sb = new StringBuilder();
    result.files().forEach((path, bytes) -> {
      if (list) {
        sb.append(path).append('\n');
        return;
      }
      sb.append("---\n# Source: ").append(path);
      Optional<String> content = utf8(bytes);
      if (content.isEmpty()) {
        sb.append(" (").append(bytes.length).append(" bytes, not UTF-8: not shown)\n");
        return;
      }
      sb.append('\n').append(content.get());
      if (!content.get().isEmpty() && !content.get().endsWith("\n")) {
        sb.append('\n');
      }
    });
    main.out.print(sb);
  }

  private static Map<String, Object> document(InstallResult result) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", result.installation().name());
    m.put("namespace", result.installation().namespace());
    m.put("directory", result.directory());
    m.put("profileCommit", result.profileCommit());
    List<Object> files = new ArrayList<>();
    result.files().forEach((path, bytes) -> {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("path", path);
      f.put("content", utf8(bytes).orElse(null));
      f.put("size", bytes.length);
      files.add(f);
    });
    m.put("files", files);
    List<Object> warnings = new ArrayList<>();
    result.warnings().forEach(w -> warnings.add(w.toString()));
    m.put("warnings", warnings);
    return m;
  }

  private static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
