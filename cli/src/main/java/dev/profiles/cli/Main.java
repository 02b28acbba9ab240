package dev.profiles.cli;

import dev.profiles.core.install.InstallRefusedException;
import dev.profiles.core.resolve.UntrustedSourceException;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code profiles} command line: pctl's commands on the public SDK API.
 *
 * <p>Exit codes: 0 success, 1 error (one line; the stack trace only with {@code --verbose}), 2
 * usage, 3 an upgrade stopped on merge conflicts (the conflicting files are listed).
 */
@Command(name = "profiles", mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Install, list, upgrade and remove profiles in a GitOps repository.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:error", "2:usage",
        "3:upgrade stopped on merge conflicts (conflicting files listed); update: a proposed"
            + " update has conflicts",
        "4:diff: the preview shows changes (nothing written)"})
public final class Main implements Callable<Integer> {
  /** Exit code of a successful command. */
  public static final int OK = 0;
  /** Exit code of a failed command. */
  public static final int ERROR = 1;
  /** Exit code of a command line that does not parse. */
  public static final int USAGE = 2;
  /** Exit code of an upgrade stopped on merge conflicts. */
  public static final int CONFLICTS = 3;

  /**
   * The subcommands, in the order of the usage message. Registered in code rather than in
   * {@code @Command(subcommands)} so that a command line builds picocli's model (reflection over
   * every command's annotations, the bulk of start-up) only for the commands it names.
   */
  static final Class<?>[] SUBCOMMANDS = {AddCommand.class, RenderCommand.class,
      GetCommand.class, UpgradeCommandLine.class, RemoveCommand.class,
      BootstrapCommandLine.class, VersionCommand.class, DocgenCommand.class,
      CompletionCommand.class, InstallCommand.class, DiffCommand.class, UpdateCommand.class,
      PolicyCommand.class};

  /** Arguments that need every subcommand: they list or document all of them. */
  private static final java.util.Set<String> NEEDS_ALL =
      java.util.Set.of("docgen", "completion", "help", "-h", "--help");

  @Spec
  CommandSpec spec;

  @Option(names = "--catalog-url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "The catalog API's base URL (e.g. http://localhost:8000).")
  java.net.URI catalogUrl;

  @Option(names = "--kubeconfig", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Reach the catalog through this kubeconfig's API server proxy (default,"
          + " without --catalog-url: KUBECONFIG, else ~/.kube/config).")
  java.nio.file.Path kubeconfig;

  @Option(names = "--context", scope = ScopeType.INHERIT, paramLabel = "NAME",
      description = "The kubeconfig context (default: its current-context).")
  String context;

  @Option(names = "--catalog-service-namespace", scope = ScopeType.INHERIT, paramLabel = "NS",
      description = "The catalog Service's namespace, through the API server proxy (default: "
          + dev.profiles.core.catalog.CatalogService.NAMESPACE + ").")
  String catalogServiceNamespace;

  @Option(names = "--catalog-service-name", scope = ScopeType.INHERIT, paramLabel = "NAME",
      description = "The catalog Service's name, through the API server proxy (default: "
          + dev.profiles.core.catalog.CatalogService.NAME + ").")
  String catalogServiceName;

  @Option(names = "--catalog-service-port", scope = ScopeType.INHERIT, paramLabel = "PORT",
      description = "The catalog Service's port, through the API server proxy (default: "
          + dev.profiles.core.catalog.CatalogService.PORT + ").")
  Integer catalogServicePort;

  @Option(names = "--cache-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "Where fetched profile repositories are cached"
          + " (default $XDG_CACHE_HOME/profiles/git or ~/.cache/profiles/git).")
  java.nio.file.Path cacheDir;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  @Option(names = "--git-token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
      description = "Token for HTTPS git repositories (default: the GIT_TOKEN environment"
          + " variable). Never printed.")
  String gitToken;

  @CommandLine.Mixin
  GlobalOptions globals = new GlobalOptions();

  Map<String, String> env = System.getenv();
  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    spec.commandLine().usage(out);
    return OK;
  }

  /** The token from {@code --git-token}, else {@code GIT_TOKEN}; empty means none. */
  String token() {
    if (gitToken != null && !gitToken.isEmpty()) {
      return gitToken;
    }
    String t = env.get("GIT_TOKEN");
    return t == null ? "" : t;
  }

  public static void main(String[] args) {
    // UTF-8 whatever the locale, as git, kubectl and helm write: under the C locale of a bare
    // container or cron, Java 17 would print every non-ASCII character of a description or a
    // manifest as '?', and JSON piped to jq would carry the damage.
    System.setOut(utf8(FileDescriptor.out));
    System.setErr(utf8(FileDescriptor.err));
    Warmup.start(args);
    int code = run(args, System.out, System.err, System.getenv());
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  private static PrintStream utf8(FileDescriptor fd) {
    return new PrintStream(new BufferedOutputStream(new FileOutputStream(fd), 8192), true,
        StandardCharsets.UTF_8);
  }

  /** Runs the command line and returns its exit code; never calls {@link System#exit}. */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    return run(args, out, err, env, false);
  }

  private static int run(String[] args, PrintStream out, PrintStream err,
      Map<String, String> env, boolean all) {
    Main main = new Main();
    main.env = env;
    main.out = out;
    main.err = err;
    CommandLine cl = new CommandLine(main);
    boolean subset = !all && registerNamed(cl, args);
    if (!subset) {
      for (Class<?> c : SUBCOMMANDS) {
        cl.addSubcommand(c);
      }
    }
    // A command's usage error is its line, picocli's suggestions and where the help is, as
    // kubectl and gh print it: the command's whole usage (some 80 lines) scrolled the cause
    // away. One that does not parse at the top level is judged with every command registered,
    // so that its suggestions and the usage it prints name all of them.
    cl.setParameterExceptionHandler((ex, a) -> subset && ex.getCommandLine() == cl
        ? run(args, out, err, env, true) : usageError(ex));
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof Conflicts c) {
        printConflicts(err, c.directory, c.files, c.written);
        return CONFLICTS;
      }
      String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
      err.println("error: " + forTerminal(ex, message).replace('\n', ' '));
      if (main.verbose) {
        ex.printStackTrace(err);
      }
      return ERROR;
    });
    cl.getSubcommands().values().forEach(Main::separateGlobalOptions);
    cl.getSubcommands().values().forEach(Main::versioned);
    return cl.execute(args);
  }

  /**
   * The SDK's advice is its API's ({@code .author(...)}, {@code gitRepository(...)}, a source
   * policy); a terminal's is the command line's flags and git's own commands. Each SDK wording
   * adapted here is pinned by a CLI test, so that a rewording fails a test instead of leaving
   * a user with advice about Java methods.
   */
  static String forTerminal(Exception ex, String message) {
    if (ex instanceof dev.profiles.core.resolve.AuthenticationFailedException) {
      if (message.endsWith(": the server asks for credentials and none were given")) {
        return message + "; give a token with --git-token or the GIT_TOKEN environment variable";
      }
      if (message.endsWith(": the server refused the credentials given")) {
        return message + " (--git-token or GIT_TOKEN)";
      }
      return message;
    }
    if (ex instanceof UntrustedSourceException) {
      if (message.endsWith("allow http explicitly")) {
        return withAllowHttp(message);
      }
      return message.replace("Allow local sources explicitly (Profiles.builder().sourcePolicy("
          + "SourcePolicy.defaults().allowLocalSources(true))) if you trust it.",
          "Allow local sources with --allow-local-sources if you trust it.");
    }
    if (ex instanceof InstallRefusedException r) {
      switch (r.reason()) {
        case MISSING_AUTHOR:
          return message.replaceFirst(": pass \\.(author|committer)\\(Signature\\.of\\(name,"
              + " email\\)\\) or configure git;", ": set it with git config user.name NAME and"
              + " git config user.email EMAIL (in the repository, or --global);");
        case MISSING_GIT_REPOSITORY:
          return message.replaceFirst(": pass gitRepository\\(namespace, name\\) or bootstrap"
              + " \\S+$", ": give --git-repository NS/NAME, or record it once with profiles"
              + " bootstrap --git-repository NS/NAME");
        case UNSUPPORTED_UPGRADE:
          return message.replace("refresh() it to the branch's current head, or reinstall it"
              + " from a tag (install with a tag source and replaceExisting(true)) to upgrade by"
              + " version", "upgrade it with --latest to the branch's current head, or reinstall"
              + " it from a tag (profiles add --replace --profile-tag TAG ...) to upgrade by"
              + " version");
        case TARGET_EXISTS:
          return message.replace("; replace it explicitly (it is rewritten wholly)",
              "; replace it with --replace (it is rewritten wholly)")
              .replace("; choose another name or replace the installation explicitly",
                  "; choose another --name, or --replace it (rendered afresh; 'profiles"
                      + " upgrade' keeps its edits)");
        default:
          return message;
      }
    }
    return message;
  }

  /**
   * An upgrade's conflicting files on stderr: in the working tree ({@code written}), or what a
   * preview found (nothing written).
   */
  static void printConflicts(PrintStream err, String directory, List<String> files,
      boolean written) {
    if (written) {
      err.println("error: upgrade of " + directory + " stopped on merge conflicts in:");
      files.forEach(f -> err.println("  " + f));
      err.println("resolve the conflicts in the working tree, then commit them");
    } else {
      err.println("error: upgrade of " + directory + " would stop on merge conflicts in"
          + " (nothing written):");
      files.forEach(f -> err.println("  " + f));
      err.println("run the upgrade to get them in the working tree with conflict markers,"
          + " or upgrade to another version");
    }
  }

  /**
   * A refusal of plain http, from an exception or a listed problem, with the flag that allows
   * it.
   */
  static String withAllowHttp(String message) {
    return message.endsWith("allow http explicitly") ? message + " with --allow-http" : message;
  }

  private static int usageError(CommandLine.ParameterException ex) {
    CommandLine c = ex.getCommandLine();
    PrintWriter w = c.getErr();
    w.println("error: " + ex.getMessage());
    // The flag's expected form and meaning, from its own help line.
    CommandLine.Model.ArgSpec arg = ex.getArgSpec();
    if (arg == null && ex instanceof CommandLine.MissingParameterException m
        && !m.getMissing().isEmpty()) {
      arg = m.getMissing().get(0);
    }
    if (arg instanceof OptionSpec o) {
      String form = o.longestName() + (o.typeInfo().isBoolean() ? "" : "=" + o.paramLabel());
      w.println("  " + form + (o.description().length > 0 ? "  " + o.description()[0] : ""));
    } else if (arg instanceof CommandLine.Model.PositionalParamSpec p) {
      w.println("  " + p.paramLabel() + (p.description().length > 0 ? "  "
          + p.description()[0] : ""));
    }
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, w);
    if (c.getParent() == null) {
      // No command was reached: the list of commands is what a newcomer needs next.
      w.println();
      c.usage(w);
      w.flush();
      return USAGE;
    }
    w.println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
    w.flush();
    return USAGE;
  }

  /**
   * Every command's {@code -V/--version} prints the version, as its help says (picocli's
   * standard help options give each one, but a subcommand has no version of its own).
   */
  private static void versioned(CommandLine sub) {
    sub.getCommandSpec().versionProvider(new VersionProvider());
    sub.getSubcommands().values().forEach(Main::versioned);
  }

  private static final String GLOBAL_HEADING = "globalOptionListHeading";
  private static final String GLOBAL_LIST = "globalOptionList";

  /**
   * A subcommand's help as kubectl and gh print theirs: {@code Usage: profiles add [OPTIONS]
   * ...}, the command's own options, then the options every command takes under "Global
   * options:" — instead of a synopsis and a list in which the command's few options drown
   * among the twelve global ones. {@code docgen} prints the same.
   */
  private static void separateGlobalOptions(CommandLine sub) {
    List<String> keys = new ArrayList<>(sub.getHelpSectionKeys());
    if (keys.contains(GLOBAL_LIST)) {
      return; // an alias: the same command, done
    }
    sub.getCommandSpec().usageMessage().abbreviateSynopsis(true)
        .parameterListHeading("%nArguments:%n");
    Map<String, CommandLine.IHelpSectionRenderer> sections = sub.getHelpSectionMap();
    sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help ->
        options(help, false).isEmpty() ? "" : String.format("%nOptions:%n"));
    sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> options(help, false));
    sections.put(GLOBAL_HEADING, help -> options(help, true).isEmpty() ? ""
        : String.format("%nGlobal options:%n"));
    sections.put(GLOBAL_LIST, help -> options(help, true));
    int after = keys.indexOf(UsageMessageSpec.SECTION_KEY_OPTION_LIST) + 1;
    keys.addAll(after, List.of(GLOBAL_HEADING, GLOBAL_LIST));
    sub.setHelpSectionKeys(keys);
    sub.getSubcommands().values().forEach(Main::separateGlobalOptions);
  }

  private static String options(CommandLine.Help help, boolean inherited) {
    List<OptionSpec> options = help.commandSpec().options().stream()
        .filter(o -> o.inherited() == inherited && !o.hidden()).toList();
    return options.isEmpty() ? "" : help.optionListExcludingGroups(options,
        help.createDefaultLayout(), CommandLine.Help.createShortOptionArityAndNameComparator(),
        help.parameterLabelRenderer());
  }

  /**
   * Registers the subcommands {@code args} name; false (nothing registered) when they name none
   * or need all. A value that happens to equal a command's name only registers one more command.
   */
  private static boolean registerNamed(CommandLine cl, String[] args) {
    java.util.List<Class<?>> named = new java.util.ArrayList<>();
    for (String a : args) {
      if (NEEDS_ALL.contains(a)) {
        return false;
      }
      for (Class<?> c : SUBCOMMANDS) {
        Command command = c.getAnnotation(Command.class);
        if ((a.equals(command.name()) || java.util.Arrays.asList(command.aliases()).contains(a))
            && !named.contains(c)) {
          named.add(c);
        }
      }
    }
    for (Class<?> c : SUBCOMMANDS) {
      if (named.contains(c)) {
        cl.addSubcommand(c);
      }
    }
    return !named.isEmpty();
  }

  /** An upgrade that stopped on merge conflicts: exit code 3. */
  static final class Conflicts extends Exception {
    private static final long serialVersionUID = 1L;
    final String directory;
    final java.util.List<String> files;
    /** Whether the conflicts are in the working tree (false: a preview, nothing written). */
    final boolean written;

    Conflicts(String directory, java.util.List<String> files, boolean written) {
      super("merge conflicts in " + files);
      this.directory = directory;
      this.files = files;
      this.written = written;
    }
  }

  /** The version of this distribution. */
  static String version() {
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      // fall through
    }
    return "unknown";
  }

  /** picocli's {@code --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"profiles " + version()};
    }
  }
}
