package dev.profiles.cli;

import dev.profiles.catalog.client.CatalogClient;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.InstalledProfile;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.flux.FluxRenderer;
import dev.profiles.git.GitCredentials;
import dev.profiles.git.GitProfiles;
import dev.profiles.git.gitops.GitOpsRepositories;
import dev.profiles.git.gitops.JGitOpsRepository;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;

/** The SDK objects one command needs, built lazily from the global options. */
final class Sdk implements AutoCloseable {
  private final Main main;
  private GitProfiles git;
  private JGitOpsRepository repo;
  private Profiles profiles;
  private CatalogClient catalog;

  Sdk(Main main) {
    this.main = main;
  }

  GitProfiles git() {
    if (git == null) {
      GitProfiles.Builder b = GitProfiles.builder();
      if (main.cacheDir != null) {
        b.cacheDirectory(main.cacheDir);
      }
      String token = main.token();
      if (!token.isEmpty()) {
        b.credentials(GitCredentials.token(token));
      }
      git = b.build();
    }
    return git;
  }

  Profiles profiles() {
    if (profiles == null) {
      GitProfiles g = git();
      profiles = Profiles.builder().resolver(g.asResolver()).versionLister(g.asVersionLister())
          .renderer(new FluxRenderer()).build();
    }
    return profiles;
  }

  JGitOpsRepository repo(Path dir) throws ProfilesException {
    if (repo == null) {
      repo = GitOpsRepositories.open(dir == null ? Path.of("") .toAbsolutePath() : dir);
    }
    return repo;
  }

  /** The catalog when --catalog-url, --kubeconfig or --context says where it is. */
  Optional<CatalogClient> catalogIfConfigured() throws ProfilesException {
    if (main.catalogUrl == null && main.kubeconfig == null && main.context == null) {
      return Optional.ofNullable(catalog);
    }
    return Optional.of(catalog(null));
  }

  /** The catalog: --catalog-url, else through the kubeconfig's API server proxy (as pctl). */
  CatalogClient catalog(CommandLine cl) throws ProfilesException {
    if (catalog == null) {
      CatalogClient.Builder b = CatalogClient.builder();
      if (main.catalogUrl != null) {
        b.baseUrl(main.catalogUrl);
      } else {
        if (main.kubeconfig != null) {
          b.kubeconfig(main.kubeconfig);
        } else {
          b.kubeconfig();
        }
        if (main.context != null) {
          b.context(main.context);
        }
      }
      catalog = b.build();
    }
    return catalog;
  }

  static GitRepositoryReference gitRepository(CommandLine cl, String value) {
    int slash = value.indexOf('/');
    if (slash <= 0 || slash == value.length() - 1 || value.indexOf('/', slash + 1) >= 0) {
      throw new CommandLine.ParameterException(cl, "Invalid value for option"
          + " '--git-repository': '" + value + "' is not of the form NAMESPACE/NAME");
    }
    return GitRepositoryReference.of(value.substring(0, slash), value.substring(slash + 1));
  }

  /** The installation directory of {@code dirOrName}: a directory, or an installation's name. */
  String installation(Profiles p, JGitOpsRepository r, String dirOrName) throws ProfilesException {
    String trimmed = dirOrName.replaceAll("/+$", "");
    String byName = null;
    for (InstalledProfile i : p.list(r).call().installations()) {
      if (i.directory().equals(trimmed)) {
        return i.directory();
      }
      if (i.installation().name().equals(trimmed)) {
        byName = i.directory();
      }
    }
    return byName == null ? trimmed : byName;
  }

  @Override
  public void close() {
    if (repo != null) {
      repo.close();
    }
    if (git != null) {
      git.close();
    }
  }
}
