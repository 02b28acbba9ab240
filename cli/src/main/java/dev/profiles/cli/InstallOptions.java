package dev.profiles.cli;

import dev.profiles.catalog.client.CatalogClient;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.InstallCommand;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileSource;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What to install and how, shared by {@code add} and {@code render} (pctl's flags): a catalog
 * profile or a repository source, the installation's name, namespace, Flux GitRepository,
 * ConfigMap and directory.
 */
final class InstallOptions {
  @Parameters(arity = "0..1", paramLabel = "CATALOG/PROFILE[/VERSION]",
      description = "A profile from the catalog (--catalog-url); the latest version if none.")
  String catalogProfile;

  @Option(names = "--name", paramLabel = "NAME",
      description = "The installation's name (default: the profile's name).")
  String name;

  @Option(names = {"--profile-repo-url", "--profile-url"}, paramLabel = "URL",
      description = "The git repository of the profile (instead of a catalog profile;"
          + " --profile-url: pctl's earlier name).")
  String repoUrl;

  @Option(names = "--profile-branch", paramLabel = "BRANCH",
      description = "The branch to install from (default main; ignored, as by pctl, for a"
          + " catalog profile).")
  String branch;

  @Option(names = "--profile-tag", paramLabel = "TAG",
      description = "The tag to install from (e.g. nginx/v0.1.0).")
  String tag;

  @Option(names = "--profile-path", paramLabel = "PATH",
      description = "The profile's directory in the repository (default: the root, or the"
          + " tag's profile name).")
  String path;

  @Option(names = "--namespace", paramLabel = "NS", description = "The target namespace.")
  String namespace;

  @Option(names = "--git-repository", paramLabel = "NS/NAME",
      description = "The Flux GitRepository that syncs the GitOps repository"
          + " (default: .pctl/config.yaml's).")
  String gitRepository;

  @Option(names = "--config-map", paramLabel = "NAME",
      description = "The ConfigMap holding the user's values.")
  String configMap;

  @Option(names = "--out", paramLabel = "DIR",
      description = "The directory the installation goes under (default: .pctl/config.yaml's,"
          + " else the root).")
  String out;

  private boolean warned;

  /** Checks the combination of flags: usage errors (exit 2) before anything is fetched. */
  void validate(CommandLine cl) {
    if ((catalogProfile == null) == (repoUrl == null)) {
      throw new CommandLine.ParameterException(cl, "Specify either CATALOG/PROFILE[/VERSION]"
          + " or --profile-repo-url=URL, not both and not neither");
    }
    if (tag != null && branch != null) {
      throw new CommandLine.ParameterException(cl,
          "--profile-tag and --profile-branch are mutually exclusive");
    }
    if (catalogProfile != null && tag != null) {
      throw new CommandLine.ParameterException(cl, "--profile-tag applies to"
          + " --profile-repo-url only; a catalog profile's version is CATALOG/PROFILE/VERSION");
    }
    if (repoUrl != null && tag != null && path != null && !warned) {
      warned = true; // validate runs again from configure: one warning
      // pctl installed any directory at any tag, and so does the SDK (the public examples
      // repository's tests install every profile at every tag); an upgrade by version follows
      // the tag's own profile, which is worth a word when that is another one.
      Optional<String> named;
      try {
        named = source().versionedProfileName();
      } catch (RuntimeException invalid) {
        named = Optional.empty(); // the SDK reports the source itself
      }
      named.ifPresent(n -> dev.profiles.core.version.VersionTag.parse(tag)
          .flatMap(dev.profiles.core.version.VersionTag::profileName)
          .filter(p -> !p.equals(n))
          .ifPresent(p -> cl.getErr().println("warning: --profile-tag " + tag + " is a release"
              + " of profile '" + p + "', not of '" + n + "' (--profile-path " + path
              + "): upgrades by version will follow " + p + "'s tags")));
    }
    if (catalogProfile != null && (branch != null || path != null)) {
      // pctl's documented catalog command line passes --profile-branch main (its default), and
      // pctl ignored both flags for a catalog entry: scripts keep working, told once.
      cl.getErr().println("warning: " + (branch != null ? "--profile-branch" : "")
          + (branch != null && path != null ? " and " : "") + (path != null ? "--profile-path" : "")
          + " ignored: a catalog profile is installed from the repository, tag and path the"
          + " catalog gives (as pctl did)");
      branch = null;
      path = null;
    }
    if (catalogProfile != null) {
      catalogParts(cl);
    }
    if (gitRepository != null) {
      Sdk.gitRepository(cl, gitRepository);
    }
  }

  private String[] catalogParts(CommandLine cl) {
    String[] parts = catalogProfile.split("/", -1);
    boolean ok = parts.length >= 2 && parts.length <= 3;
    for (String p : parts) {
      ok &= !p.isEmpty();
    }
    if (!ok) {
      throw new CommandLine.ParameterException(cl, "Invalid value for positional parameter"
          + " 'CATALOG/PROFILE[/VERSION]': '" + catalogProfile + "' is not of the form"
          + " CATALOG/PROFILE or CATALOG/PROFILE/VERSION");
    }
    return parts;
  }

  /** Sets {@code install} up from the flags; reads the catalog entry for a catalog profile. */
  InstallCommand configure(InstallCommand install, Sdk sdk, CommandLine cl)
      throws ProfilesException {
    validate(cl);
    String defaultName;
    if (catalogProfile != null) {
      String[] parts = catalogParts(cl);
      CatalogClient catalog = sdk.catalog(cl);
      CatalogEntry entry = catalog.version(parts[0], parts[1],
          parts.length == 3 ? parts[2] : CatalogClient.LATEST);
      install.fromCatalog(entry);
      defaultName = parts[1];
    } else {
      install.source(source());
      defaultName = defaultName(repoUrl, tag, path);
    }
    install.name(name != null ? name : defaultName);
    if (namespace != null) {
      install.namespace(namespace);
    }
    if (gitRepository != null) {
      install.gitRepository(Sdk.gitRepository(cl, gitRepository));
    }
    if (configMap != null) {
      install.configMap(configMap);
    }
    if (out != null) {
      install.directory(out);
    }
    return install;
  }

  /** The {@code --profile-repo-url} source the flags name. */
  private ProfileSource source() {
    ProfileSource.Builder source = ProfileSource.builder().url(absoluteIfRelative(repoUrl));
    if (tag != null) {
      source.tag(tag);
    } else {
      source.branch(branch == null ? "main" : branch);
    }
    if (path != null) {
      source.path(path);
    }
    return source.build();
  }

  /**
   * A relative path on this machine as an absolute one: the user wrote it from this directory,
   * but the installation record keeps it for every later command, run from anywhere (upgrade
   * from another directory, {@code get --installed} with {@code --git-dir}). Anything else
   * (URLs, absolute paths, what does not parse) is left for the SDK as written.
   */
  static String absoluteIfRelative(String url) {
    try {
      if (!dev.profiles.core.rules.SourceUrls.isLocal(url) || url.startsWith("file:")) {
        return url;
      }
      java.nio.file.Path p = java.nio.file.Path.of(url);
      return p.isAbsolute() ? url : p.toAbsolutePath().normalize().toString();
    } catch (RuntimeException e) {
      return url;
    }
  }

  /**
   * Starts resolving the {@code --profile-repo-url} source in the background ({@link Prefetch}),
   * when the flags name one; a source the flags spell wrongly is left for {@link #configure} to
   * report.
   */
  void prefetch(Sdk sdk) {
    if (catalogProfile != null || repoUrl == null) {
      return;
    }
    ProfileSource source;
    try {
      source = source();
    } catch (RuntimeException invalid) {
      return;
    }
    sdk.prefetch(source);
  }

  /** The profile's name: the path's last segment, the tag's profile, else the repository's. */
  static String defaultName(String url, String tag, String path) {
    if (path != null && !path.isBlank()) {
      String p = path.replaceAll("/+$", "");
      return p.substring(p.lastIndexOf('/') + 1);
    }
    if (tag != null && tag.contains("/")) {
      return tag.substring(0, tag.lastIndexOf('/'));
    }
    String u = url.replaceAll("/+$", "").replaceAll("\\.git$", "");
    return u.substring(Math.max(u.lastIndexOf('/'), u.lastIndexOf(':')) + 1);
  }
}
