package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.InstallRefusedException.Reason;
import dev.profiles.core.model.PctlConfig;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.rules.ContainedPaths;
import dev.profiles.core.rules.KubernetesNames;
import dev.profiles.core.yaml.ProfileYaml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One installation in a GitOps repository, and the single owner of its rules: every command
 * (install, upgrade, list, bootstrap, uninstall) goes through this type.
 *
 * <ul>
 *   <li><b>Where it lives.</b> An installation named {@code NAME} is the directory {@code
 *       <out>/NAME}, where {@code <out>} is the directory given to the install, else {@code
 *       defaultDir} of {@code .pctl/config.yaml}, else the repository root. Its directory is
 *       named after it, never the root, never outside the repository.
 *   <li><b>Its record.</b> {@code <dir>/profile-installation.yaml} ({@link #RECORD_FILE}) says
 *       what is installed: name, namespace, source, catalog, GitRepository, values ConfigMap. It
 *       is the SDK's state: written here (never by a renderer), replaced on upgrade (never
 *       merged), and trusted only when it is valid and consistent with its directory (its
 *       {@code metadata.name} names it; a catalog version equals its tag's).
 *   <li><b>Its files.</b> A {@link ManifestRenderer} renders the artifacts by paths relative to
 *       the installation directory ({@code artifacts/web/kustomize-flux.yaml}); the request
 *       carries the repository-relative directory because Flux {@code path:} fields name it.
 *       This type places them, adds the record, and builds the one {@link Change} a command
 *       commits, with the installation and its baseline (the pristine render) as typed fields.
 *   <li><b>Finding them.</b> Every directory holding a record is an installation ({@link
 *       ListCommand}); pctl's installations are found the same way.
 * </ul>
 *
 * <pre>{@code
 * Installation nginx = Installation.at("clusters/prod/my-nginx");
 * nginx.name();                     // "my-nginx"
 * nginx.recordPath();               // "clusters/prod/my-nginx/profile-installation.yaml"
 * ProfileInstallation record = nginx.readRecord(repo).orElseThrow();
 * }</pre>
 */
public final class Installation {
  /** The installation record's file name inside the installation directory. */
  public static final String RECORD_FILE = "profile-installation.yaml";

  private final String directory;

  private Installation(String directory) {
    this.directory = directory;
  }

  /**
   * The installation whose directory is {@code directory} (repository-relative).
   *
   * @throws InstallRefusedException when it escapes the repository or is its root
   */
  public static Installation at(String directory) throws InstallRefusedException {
    if (directory == null) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS,
          "name the installation directory");
    }
    Optional<String> problem = ContainedPaths.problemInRepository(directory);
    if (problem.isPresent()) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS,
          "installation directory: " + problem.get());
    }
    String normalized = ContainedPaths.normalize(directory);
    if (normalized.equals(".")) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS,
          "the repository root is not an installation directory");
    }
    return new Installation(normalized);
  }

  /**
   * The installation {@code name} under {@code outputDirectory} ({@code "."}: the root).
   *
   * @throws InstallRefusedException when the directory escapes the repository or the name is
   *     not a DNS-1123 label
   */
  public static Installation in(String outputDirectory, String name)
      throws InstallRefusedException {
    Optional<String> problem = ContainedPaths.problemInRepository(outputDirectory);
    if (problem.isPresent()) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS, "directory: " + problem.get());
    }
    if (name == null || !KubernetesNames.isLabel(name)) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS, "invalid installation name '"
          + (name == null ? "null" : dev.profiles.core.rules.ControlCharacters.visible(name))
          + "': it names a directory and prefixes Kubernetes objects, so it must be a"
          + " DNS-1123 label");
    }
    String out = ContainedPaths.normalize(outputDirectory);
    Optional<String> reserved = inConfigDirectory(out);
    if (reserved.isPresent()) {
      throw new InstallRefusedException(Reason.INVALID_OPTIONS, "directory: " + reserved.get());
    }
    return new Installation(out.equals(".") ? name : out + "/" + name);
  }

  /**
   * Why {@code dir} (normalized, repository-relative) must not be written by an install or a
   * directory write: it is {@code .pctl/}, the repository's profiles configuration, or inside it.
   */
  static Optional<String> inConfigDirectory(String dir) {
    String config = PctlConfig.PATH.substring(0, PctlConfig.PATH.indexOf('/'));
    return dir.equals(config) || dir.startsWith(config + "/")
        ? Optional.of("'" + dir + "' is inside " + config + "/, which holds this repository's"
            + " profiles configuration, not installations")
        : Optional.empty();
  }

  /**
   * The installation {@code dir} is, is inside or holds ({@code profile-installation.yaml} at
   * it, above it or below it), when there is one: a directory write must not replace one.
   */
  static Optional<String> installationAtOrAround(GitOpsRepository repository, String dir)
      throws ProfilesException {
    for (String p = dir; !p.isEmpty(); p = p.contains("/") ? p.substring(0, p.lastIndexOf('/'))
        : "") {
      if (repository.exists(p + "/" + RECORD_FILE)) {
        return Optional.of(p);
      }
    }
    List<String> below = findRecords(repository, dir);
    return below.isEmpty() ? Optional.empty()
        : Optional.of(below.get(0).substring(0, below.get(0).lastIndexOf('/')));
  }

  /**
   * The installation {@code name} where an install puts it: under {@code outputDirectory}
   * when given, else under {@code defaultDir} of the repository's {@code .pctl/config.yaml},
   * else at the root.
   */
  public static Installation forInstall(GitOpsRepository repository,
      Optional<String> outputDirectory, String name) throws ProfilesException {
    Optional<String> out = outputDirectory.isPresent() ? outputDirectory
        : config(repository).defaultDir();
    return in(out.orElse("."), name);
  }

  /** The repository's {@code .pctl/config.yaml}; empty settings when there is none. */
  public static PctlConfig config(GitOpsRepository repository) throws ProfilesException {
    Optional<byte[]> bytes = repository.readFile(PctlConfig.PATH);
    if (bytes.isEmpty()) {
      return PctlConfig.builder().build();
    }
    return ProfileYaml.strict().readConfig(PctlConfig.PATH, bytes.get());
  }

  /** The directory, repository-relative and normalized ({@code clusters/prod/my-nginx}). */
  public String directory() {
    return directory;
  }

  /** The installation's name: the directory's last segment. */
  public String name() {
    return directory.substring(directory.lastIndexOf('/') + 1);
  }

  /** The directory the installation lies in; {@code "."} for the root. */
  public String outputDirectory() {
    int slash = directory.lastIndexOf('/');
    return slash < 0 ? "." : directory.substring(0, slash);
  }

  /** The record's repository-relative path. */
  public String recordPath() {
    return directory + "/" + RECORD_FILE;
  }

  /** Whether anything exists at the directory. */
  public boolean exists(GitOpsRepository repository) throws ProfilesException {
    return repository.exists(directory);
  }

  /**
   * The record, checked against its directory; empty when there is no record file.
   *
   * @throws dev.profiles.core.yaml.InvalidDocumentException when it is invalid or
   *     inconsistent with its directory, located by line and field
   */
  public Optional<ProfileInstallation> readRecord(GitOpsRepository repository)
      throws ProfilesException {
    Optional<byte[]> bytes = repository.readFile(recordPath());
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(InstallationRecords.read(recordPath(), bytes.get()));
  }

  /** The record's bytes as this SDK writes them. */
  public static byte[] writeRecord(ProfileInstallation record) {
    return ProfileYaml.strict().writeInstallation(record).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The installation's files as they are in the working tree, by path relative to the
   * directory, the record left out.
   *
   * @throws ProfilesException when one is not a regular file (a link)
   */
  public RenderedFiles files(GitOpsRepository repository) throws ProfilesException {
    RenderedFiles.Builder out = RenderedFiles.builder();
    for (String path : repository.listFiles(directory)) {
      if (path.equals(recordPath())) {
        continue;
      }
      byte[] bytes = repository.readFile(path).orElseThrow(() -> new ProfilesException("'"
          + path + "' is not a regular file (a link?); installations hold regular files only"));
      out.put(path.substring(directory.length() + 1), bytes);
    }
    return out.build();
  }

  /** The request rendering {@code record} of {@code profile} into this directory. */
  public RenderRequest request(ProfileInstallation record, ResolvedProfile profile) {
    return RenderRequest.builder().installation(record).profile(profile)
        .installationDirectory(directory).build();
  }

  /**
   * The repository-relative files of the installation: {@code artifacts} (relative to the
   * directory, as a renderer returns them) placed in it, and the record.
   *
   * @throws ProfilesException when {@code artifacts} holds the record (a renderer never writes
   *     it) or a path that is not clean
   */
  public RenderedFiles place(ProfileInstallation record, RenderedFiles artifacts)
      throws ProfilesException {
    if (artifacts.contains(RECORD_FILE)) {
      throw new ProfilesException("the renderer wrote " + RECORD_FILE + ", which is the"
          + " installation's record and written by the SDK only; nothing was written");
    }
    RenderedFiles.Builder out = RenderedFiles.builder();
    artifacts.forEach((path, bytes) -> out.put(directory + "/" + path, bytes));
    return out.put(recordPath(), writeRecord(record)).build();
  }

  /**
   * The baseline the store recorded for this installation, by installation-relative path.
   * Baselines recorded by earlier versions of the SDK held repository-relative paths and the
   * record: they are brought to today's form.
   */
  public Optional<RenderedFiles> baseline(GitOpsRepository repository) throws ProfilesException {
    Optional<RenderedFiles> stored = repository.baseline(directory);
    if (stored.isEmpty()) {
      return stored;
    }
    RenderedFiles files = stored.get();
    // Earlier renderers wrote the record, and baselines were their whole output: a baseline
    // holding the record is of that form. Today's never does (place() refuses it).
    boolean legacy = files.contains(recordPath())
        && files.paths().stream().allMatch(p -> p.startsWith(directory + "/"));
    if (!legacy) {
      return stored;
    }
    RenderedFiles.Builder out = RenderedFiles.builder();
    files.forEach((path, bytes) -> {
      if (!path.equals(recordPath())) {
        out.put(path.substring(directory.length() + 1), bytes);
      }
    });
    return Optional.of(out.build());
  }

  /** Repository-relative paths of every record at or below {@code under}, sorted. */
  static List<String> findRecords(GitOpsRepository repository, String under)
      throws ProfilesException {
    List<String> out = new ArrayList<>();
    for (String path : repository.listFiles(under)) {
      if (path.equals(RECORD_FILE) || path.endsWith("/" + RECORD_FILE)) {
        out.add(path);
      }
    }
    return out;
  }

  /** The change writing this installation: {@code files} placed, {@code baseline} recorded. */
  Change change(CommitOptions<?> options, ProfileInstallation record, RenderedFiles artifacts,
      RenderedFiles baseline, boolean replace, String defaultMessage) throws ProfilesException {
    return options.changeBuilder(defaultMessage).files(place(record, artifacts))
        .removals(replace ? List.of(directory) : List.of()).installation(directory)
        .baseline(baseline).build();
  }

  /** The change removing this installation. */
  Change removal(CommitOptions<?> options, String defaultMessage) {
    return options.changeBuilder(defaultMessage).files(RenderedFiles.builder().build())
        .removals(List.of(directory)).installation(directory).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Installation other && other.directory.equals(directory);
  }

  @Override
  public int hashCode() {
    return directory.hashCode();
  }

  @Override
  public String toString() {
    return "Installation[" + directory + "]";
  }
}
