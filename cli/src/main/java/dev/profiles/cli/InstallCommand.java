package dev.profiles.cli;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.catalog.CatalogService;
import dev.profiles.core.install.DirectoryResult;
import dev.profiles.flux.catalog.CatalogInstallation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code profiles install}: pctl's {@code install}, the GitOps way. Instead of applying the
 * catalog controller to a cluster, it commits its installation (CRDs, RBAC, Deployment,
 * Service, a Flux Kustomization) to the GitOps repository, and Flux applies it. No standard
 * {@code --version} here: as in pctl, {@code --version} is the catalog's version.
 */
@Command(name = "install",
    description = {"Install the profiles catalog controller the GitOps way: render the Profiles"
        + " CRDs, its namespace, RBAC, Deployment, Service and PodDisruptionBudget into one"
        + " directory of the GitOps repository with a Flux Kustomization, and commit.",
        "No controller image is published from this project: build one and pass --image."})
final class InstallCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;

  @Option(names = "--image", required = true, paramLabel = "IMAGE",
      description = "The controller image, [registry/]path[:tag][@digest], e.g. "
          + CatalogInstallation.EXAMPLE_IMAGE + " (an example: no image is published).")
  String image;

  @Option(names = "--version", paramLabel = "VERSION",
      description = "The catalog version, used as the image tag (then --image has none).")
  String version;

  @Option(names = "--flux-namespace", paramLabel = "NS",
      defaultValue = CatalogInstallation.DEFAULT_FLUX_NAMESPACE,
      description = "The namespace Flux runs in (default: ${DEFAULT-VALUE}).")
  String fluxNamespace;

  @Option(names = "--namespace", paramLabel = "NS",
      defaultValue = CatalogService.NAMESPACE,
      description = "The catalog's namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--replicas", paramLabel = "N", defaultValue = "2",
      description = "Replicas serving the API; one leads (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--out", paramLabel = "DIR",
      defaultValue = CatalogInstallation.DEFAULT_DIRECTORY,
      description = "The directory in the GitOps repository (default: ${DEFAULT-VALUE}).")
  String out;

  @Mixin
  GitDirOption gitDir;

  @Option(names = "--git-repository", paramLabel = "NS/NAME",
      description = "The Flux GitRepository syncing the GitOps repository"
          + " (default: .pctl/config.yaml's, else FLUX_NAMESPACE/flux-system).")
  String gitRepository;

  @Option(names = "--network-policy", description = "Also render a NetworkPolicy.")
  boolean networkPolicy;

  @Option(names = "--watch-namespaces", split = ",", paramLabel = "NS",
      description = "Watch ProfileCatalogSources only in these namespaces (default: all);"
          + " the controller then gets Roles there, no ClusterRole.")
  List<String> watchNamespaces = new ArrayList<>();

  @Option(names = "--replace",
      description = "Replace an existing installation with other settings.")
  boolean replace;

  @Option(names = "--dry-run", description = "Print the files; write nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    CatalogInstallation catalog;
    try {
      CatalogInstallation.Builder b = CatalogInstallation.builder().image(image)
          .replicas(replicas).fluxNamespace(fluxNamespace).namespace(namespace).directory(out)
          .networkPolicy(networkPolicy).watchNamespaces(watchNamespaces);
      if (version != null) {
        b.version(version);
      }
      if (gitRepository != null) {
        b.gitRepository(Sdk.gitRepository(cl, gitRepository));
      }
      catalog = b.build();
    } catch (ProfilesConfigurationException e) {
      // The builder's field is directory; the flag that sets it is --out.
      throw new CommandLine.ParameterException(cl, "Invalid options: "
          + e.getMessage().replaceFirst("^directory: ", "--out: "));
    }
    try (Sdk sdk = new Sdk(main, spec.commandLine())) {
      DirectoryResult r = catalog.install(sdk.repo(gitDir.path)).dryRun(dryRun)
          .replaceExisting(replace).call();
      if (dryRun) {
        r.change().files().forEach((path, bytes) -> {
          main.out.println("# " + path);
          main.out.print(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        });
        main.out.println("# dry run: " + r.change().files().size() + " files, nothing written");
      } else if (r.unchanged()) {
        main.out.println("the profiles catalog in " + r.directory() + " is up to date;"
            + " nothing to commit");
      } else {
        String id = r.commit().orElseThrow().commitId();
        main.out.println("installed the profiles catalog (" + catalog.imageReference() + ") in "
            + r.directory() + " " + Output.commit(id) + ";"
            + " Flux applies it through Kustomization " + catalog.fluxNamespace()
            + "/profiles-catalog");
      }
      return Main.OK;
    }
  }
}
