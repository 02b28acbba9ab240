package dev.profiles.cli;

import dev.profiles.catalog.client.CatalogClient;
import dev.profiles.catalog.client.CatalogConfigurationException;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.InstalledProfile;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ProfileResolver;
import dev.profiles.flux.FluxRenderer;
import dev.profiles.git.GitCredentials;
import dev.profiles.git.GitProfiles;
import dev.profiles.git.UrlRewrites;
import dev.profiles.git.gitops.GitOpsRepositories;
import dev.profiles.git.gitops.JGitOpsRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/** The SDK objects one command needs, built lazily from the global options. */
final class Sdk implements AutoCloseable {
  static final String DEFAULT_PASSPHRASE_ENV = "SSH_PASSPHRASE";
  /** The keys ssh tries by default, in its order (DSA is gone from OpenSSH's defaults). */
  static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

  private final Main main;
  private final CommandLine cl;
  private GitProfiles git;
  private ProgressPrinter progress;
  private JGitOpsRepository repo;
  private Profiles profiles;
  private CatalogClient catalog;
  private Prefetch prefetch;
  private Path repoRoot;

  Sdk(Main main, CommandLine cl) {
    this.main = main;
    this.cl = cl;
  }

  GitProfiles git() {
    if (git == null) {
      GitProfiles.Builder b = GitProfiles.builder();
      if (main.cacheDir != null) {
        b.cacheDirectory(main.cacheDir);
      }
      b.credentials(credentials());
      b.urlRewrites(urlRewrites());
      b.allowHttp(main.globals.allowHttp);
      b.allowLocalSources(main.globals.allowLocalSources);
      if (!main.globals.noProgress) {
        progress = new ProgressPrinter(main.err, Terminal.of(main.err, main.env));
        b.progress(progress);
      }
      git = b.build();
    }
    return git;
  }

  /**
   * The token ({@code --git-token}, else {@code GIT_TOKEN}) for HTTPS, and for SSH the key
   * ({@code --ssh-key}, else the first of ssh's default keys under {@code ~/.ssh}), its
   * passphrase (from the environment variable {@code --ssh-passphrase-env} names, else
   * {@code SSH_PASSPHRASE}) and the {@code known_hosts} file ({@code --known-hosts}, else
   * {@code ~/.ssh/known_hosts}). {@code ~} is {@code HOME}.
   */
  GitCredentials credentials() {
    GitCredentials.Builder c = GitCredentials.builder();
    String token = main.token();
    if (!token.isEmpty()) {
      c.username("x-access-token").password(token);
    }
    Path ssh = home().resolve(".ssh");
    Optional<Path> key = Optional.ofNullable(main.globals.sshKey);
    if (key.isEmpty()) {
      key = DEFAULT_KEYS.stream().map(ssh::resolve).filter(Files::isRegularFile).findFirst();
    }
    key.ifPresent(c::sshPrivateKey);
    String env = main.globals.sshPassphraseEnv;
    String passphrase = main.env.get(env == null ? DEFAULT_PASSPHRASE_ENV : env);
    if (env != null && passphrase == null) {
      throw new CommandLine.ParameterException(cl, "Invalid value for option"
          + " '--ssh-passphrase-env': the environment variable '" + env + "' is not set"
          + " (expected NAME: a variable holding the key's passphrase)");
    }
    if (passphrase != null && !passphrase.isEmpty()) {
      c.sshPassphrase(passphrase);
    }
    c.knownHosts(main.globals.knownHosts != null ? main.globals.knownHosts
        : ssh.resolve("known_hosts"));
    // The ssh-agent as ssh finds it: SSH_AUTH_SOCK (set and empty means none).
    String agent = main.env.get("SSH_AUTH_SOCK");
    if (agent != null && !agent.isEmpty()) {
      try {
        c.sshAgent(Path.of(agent));
      } catch (java.nio.file.InvalidPathException notAPath) {
        // Not a socket path: no agent, as for ssh.
      }
    }
    return c.build();
  }

  /**
   * git's {@code url.<base>.insteadOf} rules as git reads them for this user: the system file
   * ({@code GIT_CONFIG_SYSTEM}, else {@code /etc/gitconfig}; none with {@code
   * GIT_CONFIG_NOSYSTEM}), then {@code GIT_CONFIG_GLOBAL}, else {@code
   * $XDG_CONFIG_HOME/git/config} (default {@code ~/.config/git/config}) and {@code
   * ~/.gitconfig}, {@code ~} being {@code HOME} as git takes it. Missing files add no rules.
   */
  UrlRewrites urlRewrites() {
    List<String> files = new java.util.ArrayList<>();
    if (isEmpty(main.env.get("GIT_CONFIG_NOSYSTEM"))) {
      String system = main.env.get("GIT_CONFIG_SYSTEM");
      files.add(isEmpty(system) ? "/etc/gitconfig" : system);
    }
    String global = main.env.get("GIT_CONFIG_GLOBAL");
    if (!isEmpty(global)) {
      files.add(global);
    } else {
      String xdg = main.env.get("XDG_CONFIG_HOME");
      files.add(isEmpty(xdg) ? home().resolve(".config/git/config").toString()
          : xdg + "/git/config");
      files.add(home().resolve(".gitconfig").toString());
    }
    UrlRewrites rewrites = UrlRewrites.none();
    for (String f : files) {
      Path file;
      try {
        file = Path.of(f);
      } catch (java.nio.file.InvalidPathException notAPath) {
        continue;
      }
      if (Files.isRegularFile(file)) {
        rewrites = rewrites.with(UrlRewrites.fromGitConfig(file));
      }
    }
    return rewrites;
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  private Path home() {
    String home = main.env.get("HOME");
    return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"));
  }

  /**
   * Starts resolving {@code source} now ({@link Prefetch}), for {@link #profiles()}'s resolver
   * to take; nothing when the git client cannot be set up (the command reports why, in its
   * order).
   */
  void prefetch(ProfileSource source) {
    if (prefetch != null || profiles != null) {
      return;
    }
    GitProfiles g;
    try {
      g = git();
    } catch (RuntimeException e) {
      return;
    }
    prefetch = Prefetch.start(source, g.asResolver());
  }

  Profiles profiles() {
    if (profiles == null) {
      GitProfiles g = git();
      ProfileResolver resolver = prefetch == null ? g.asResolver() : prefetch.in(g.asResolver());
      profiles = Profiles.builder().resolver(resolver).versionLister(g.asVersionLister())
          .sourcePolicy(g.sourcePolicy()).renderer(new FluxRenderer()).build();
    }
    return profiles;
  }

  JGitOpsRepository repo(Path dir) throws ProfilesException {
    if (repo == null) {
      repoRoot = (dir == null ? Path.of("") : dir).toAbsolutePath().normalize();
      try {
        repo = GitOpsRepositories.open(repoRoot);
      } catch (ProfilesException e) {
        if (dir != null || Files.exists(repoRoot.resolve(".git"))) {
          throw e;
        }
        throw new ProfilesException(e.getMessage() + "; run profiles in the GitOps"
            + " repository's working tree, or give --git-dir REPO", e);
      }
    }
    return repo;
  }

  /**
   * The GitOps repository for an installation a command names by {@code dirOrName}: {@code
   * --git-dir} when given; else, when {@code dirOrName} is a directory on disk, the working tree
   * that holds it (pctl's {@code upgrade ~/workspace/gitops/my-app/ v0.2.0} works from
   * anywhere); else the current directory.
   */
  JGitOpsRepository repoFor(Path gitDir, String dirOrName) throws ProfilesException {
    if (gitDir == null) {
      Optional<Path> onDisk = directoryOnDisk(dirOrName);
      for (Path d = onDisk.orElse(null); d != null; d = d.getParent()) {
        if (Files.exists(d.resolve(".git"))) {
          return repo(d);
        }
      }
    }
    return repo(gitDir);
  }

  /** {@code s} as an existing directory, relative to the current directory, if it is one. */
  private static Optional<Path> directoryOnDisk(String s) {
    try {
      Path p = Path.of(s).toAbsolutePath().normalize();
      return Files.isDirectory(p) ? Optional.of(p.toRealPath()) : Optional.empty();
    } catch (java.io.IOException | RuntimeException notADirectory) {
      return Optional.empty();
    }
  }

  /** The catalog when --catalog-url, --kubeconfig or --context says where it is. */
  Optional<CatalogClient> catalogIfConfigured() throws ProfilesException {
    if (main.catalogUrl == null && main.kubeconfig == null && main.context == null
        && main.catalogServiceNamespace == null && main.catalogServiceName == null
        && main.catalogServicePort == null) {
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
        if (main.catalogServiceNamespace != null) {
          b.serviceNamespace(main.catalogServiceNamespace);
        }
        if (main.catalogServiceName != null) {
          b.serviceName(main.catalogServiceName);
        }
        if (main.catalogServicePort != null) {
          b.servicePort(main.catalogServicePort);
        }
      }
      try {
        catalog = b.build();
      } catch (CatalogConfigurationException e) {
        if (main.catalogUrl != null || main.kubeconfig != null) {
          throw e;
        }
        // The catalog was not named at all: say both ways of naming it.
        throw new CatalogConfigurationException(e.getMessage() + "; give --catalog-url URL"
            + " (the catalog's HTTP API), or --kubeconfig FILE / KUBECONFIG to reach it through"
            + " the cluster's API server", e);
      }
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
    // A directory on disk inside the repository (absolute, or relative to where the command
    // runs) names the installation by its place in the repository.
    Optional<Path> onDisk = directoryOnDisk(dirOrName);
    if (onDisk.isPresent() && repoRoot != null) {
      Path root;
      try {
        root = repoRoot.toRealPath();
      } catch (java.io.IOException e) {
        root = repoRoot;
      }
      if (onDisk.get().startsWith(root) && !onDisk.get().equals(root)) {
        trimmed = root.relativize(onDisk.get()).toString().replace('\\', '/');
      }
    }
    List<String> byName = new java.util.ArrayList<>();
    List<InstalledProfile> installed = p.list(r).call().installations();
    for (InstalledProfile i : installed) {
      if (i.directory().equals(trimmed)) {
        return i.directory();
      }
      if (i.installation().name().equals(trimmed)) {
        byName.add(i.directory());
      }
    }
    if (byName.size() > 1) {
      // Two namespaces may each have an installation of that name: the user says which.
      throw new dev.profiles.core.install.InstallRefusedException(
          dev.profiles.core.install.InstallRefusedException.Reason.INVALID_OPTIONS,
          "more than one installation is named '" + trimmed + "' (" + String.join(", ", byName)
              + "); give its directory instead");
    }
    if (byName.isEmpty() && !r.exists(trimmed)) {
      // Neither a name nor a directory: say which there are (a directory that exists is left
      // for the SDK, which tells what is wrong with its record).
      throw new dev.profiles.core.install.InstallRefusedException(
          dev.profiles.core.install.InstallRefusedException.Reason.NOT_AN_INSTALLATION,
          "no installation is named '" + trimmed + "' or is at that directory ("
              + (installed.isEmpty() ? "this repository has none" : "installed: "
                  + String.join(", ", installed.stream().limit(10)
                      .map(InstalledProfile::directory).toList())
                  + (installed.size() > 10 ? ", ..." : "")) + ")");
    }
    return byName.isEmpty() ? trimmed : byName.get(0);
  }

  @Override
  public void close() {
    if (prefetch != null) {
      // No fetch outlives the command: nothing writes to the cache once the command returned.
      prefetch.stop();
    }
    if (repo != null) {
      repo.close();
    }
    if (git != null) {
      git.close();
    }
    if (progress != null) {
      progress.close();
    }
  }
}
