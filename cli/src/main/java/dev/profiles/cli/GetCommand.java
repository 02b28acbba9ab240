package dev.profiles.cli;

import dev.profiles.catalog.client.CatalogClient;
import dev.profiles.core.install.InstalledProfile;
import dev.profiles.core.install.ListCommand;
import dev.profiles.core.install.ListResult;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.git.gitops.JGitOpsRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code profiles get}: the catalog's profiles, or the installed ones. */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = {"List profiles: in the catalog (--catalog [QUERY], or CATALOG/PROFILE),"
        + " or installed in the GitOps repository (--installed).",
        "JSON (-o json) is {\"profiles\": [...]} for the catalog and {\"installations\": [...]}"
            + " for installations; YAML (-o yaml) has the same structure."})
final class GetCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "QUERY|CATALOG/PROFILE[/VERSION]",
      description = "With --catalog: profiles whose name contains QUERY. Else CATALOG/PROFILE:"
          + " that profile's entry (/VERSION: that version, as -p).")
  String query;

  @Option(names = {"-c", "--catalog"}, description = "Search the catalog (--catalog-url).")
  boolean catalog;

  @Option(names = {"-i", "--installed"}, description = "List the installed profiles.")
  boolean installed;

  @Option(names = {"-p", "--profile-version"}, paramLabel = "VERSION",
      description = "With CATALOG/PROFILE: that version (default: the latest).")
  String profileVersion;

  @Mixin
  GitDirOption gitDir;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
  Output.Format format;

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    if (catalog && installed) {
      throw new CommandLine.ParameterException(cl,
          "--catalog and --installed are mutually exclusive");
    }
    try (Sdk sdk = new Sdk(main, spec.commandLine())) {
      if (installed) {
        if (query != null) {
          throw new CommandLine.ParameterException(cl, "--installed takes no QUERY");
        }
        return installed(sdk);
      }
      if (!catalog && query == null) {
        throw new CommandLine.ParameterException(cl,
            "Specify --catalog [QUERY], CATALOG/PROFILE or --installed");
      }
      String[] parts = null;
      if (!catalog) {
        parts = query.split("/", -1);
        // CATALOG/PROFILE/VERSION as add takes it: the same as -p VERSION.
        if (parts.length == 3 && !parts[2].isEmpty() && profileVersion == null) {
          profileVersion = parts[2];
          parts = new String[] {parts[0], parts[1]};
        }
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
          throw new CommandLine.ParameterException(cl, "Invalid value for positional parameter"
              + " 'CATALOG/PROFILE': '" + query + "' is not of the form CATALOG/PROFILE"
              + " (-p VERSION for a version; or use --catalog to search)");
        }
      }
      CatalogClient client = sdk.catalog(cl);
      List<CatalogEntry> entries;
      if (catalog) {
        entries = client.search(query == null ? "" : query);
      } else {
        entries = List.of(client.version(parts[0], parts[1],
            profileVersion == null ? CatalogClient.LATEST : profileVersion));
      }
      printCatalog(entries);
      return Main.OK;
    }
  }

  private int installed(Sdk sdk) throws Exception {
    JGitOpsRepository repo = sdk.repo(gitDir.path);
    ListCommand list = sdk.profiles().list(repo);
    Optional<CatalogClient> client = sdk.catalogIfConfigured();
    if (client.isPresent()) {
      list.withUpdates(client.get().updateFinder());
    }
    // Installs from a git tag upgrade to newer tags (upgrade --latest): they list them too.
    list.withTagUpdates();
    ListResult result = list.call();
    result.problems().forEach(
        p -> main.err.println("warning: " + Main.withAllowHttp(p.toString())));
    if (format == Output.Format.table) {
      List<List<String>> rows = new ArrayList<>();
      for (InstalledProfile i : result.installations()) {
        List<String> updates = updates(i);
        rows.add(List.of(i.installation().namespace(), i.installation().name(),
            source(i.installation()), cell(updates)));
      }
      Output.table(main.out, List.of("NAMESPACE", "NAME", "SOURCE", "AVAILABLE UPDATES"), rows);
      return Main.OK;
    }
    List<Object> items = new ArrayList<>();
    for (InstalledProfile i : result.installations()) {
      ProfileInstallation inst = i.installation();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("namespace", inst.namespace());
      m.put("name", inst.name());
      m.put("directory", i.directory());
      ProfileSource s = inst.source().redacted();
      Map<String, Object> src = new LinkedHashMap<>();
      src.put("url", s.url());
      src.put("tag", s.tag().orElse(null));
      src.put("branch", s.branch().orElse(null));
      src.put("path", s.path().orElse(null));
      m.put("source", src);
      m.put("catalog", inst.catalog().map(c -> {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("catalog", c.catalog());
        cm.put("profile", c.profile());
        cm.put("version", c.version());
        return (Object) cm;
      }).orElse(null));
      m.put("gitRepository", inst.gitRepository()
          .map(g -> (Object) (g.namespace() + "/" + g.name())).orElse(null));
      m.put("configMap", inst.configMap().orElse(null));
      m.put("availableUpdates", updates(i));
      items.add(m);
    }
    print(Map.of("installations", items));
    return Main.OK;
  }

  /** At most this many updates in a table cell (a repository can have hundreds of tags). */
  static final int MAX_UPDATES_SHOWN = 5;

  /** The AVAILABLE UPDATES cell: the newest few, comma-separated, and how many more. */
  static String cell(List<String> updates) {
    if (updates.isEmpty()) {
      return "-";
    }
    if (updates.size() <= MAX_UPDATES_SHOWN) {
      return String.join(",", updates);
    }
    return String.join(",", updates.subList(0, MAX_UPDATES_SHOWN)) + " (+"
        + (updates.size() - MAX_UPDATES_SHOWN) + " more)";
  }

  /** The newer versions of {@code i}: its catalog's, or its repository's release tags. */
  private static List<String> updates(InstalledProfile i) {
    List<String> updates = new ArrayList<>();
    i.availableUpdates().forEach(u -> updates.add(version(u.tag().orElse(""))));
    i.newerTags().forEach(t -> updates.add(t.version().toString()));
    return updates;
  }

  private void printCatalog(List<CatalogEntry> entries) {
    if (format == Output.Format.table) {
      List<List<String>> rows = new ArrayList<>();
      for (CatalogEntry e : entries) {
        rows.add(List.of(e.catalogSource().map(c -> c + "/").orElse("") + e.name(),
            version(e.tag().orElse("-")), e.description().orElse("-")));
      }
      Output.table(main.out, List.of("CATALOG/PROFILE", "VERSION", "DESCRIPTION"), rows);
      return;
    }
    List<Object> items = new ArrayList<>();
    for (CatalogEntry e : entries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("catalog", e.catalogSource().orElse(null));
      m.put("name", e.name());
      m.put("version", e.tag().map(GetCommand::version).orElse(null));
      m.put("tag", e.tag().orElse(null));
      m.put("description", e.description().orElse(null));
      m.put("url", e.url().orElse(null));
      m.put("maintainer", e.maintainer().orElse(null));
      m.put("prerequisites", new ArrayList<Object>(e.prerequisites()));
      items.add(m);
    }
    print(Map.of("profiles", items));
  }

  private void print(Object value) {
    main.out.print(format == Output.Format.json ? Output.json(value) : Output.yaml(value));
  }

  /** pctl's SOURCE column: catalog/profile/version, url:tag, or url:branch:path. */
  static String source(ProfileInstallation inst) {
    if (inst.catalog().isPresent()) {
      var c = inst.catalog().get();
      return c.catalog() + "/" + c.profile() + "/" + c.version();
    }
    ProfileSource s = inst.source().redacted();
    if (s.tag().isPresent()) {
      return s.url() + ":" + s.tag().get();
    }
    return s.url() + ":" + s.branch().orElse("main") + ":" + s.path().orElse(".");
  }

  /** The version of a tag: {@code nginx/v0.1.0} is {@code v0.1.0}. */
  static String version(String tag) {
    return tag.substring(tag.lastIndexOf('/') + 1);
  }
}
