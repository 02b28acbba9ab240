package dev.profiles.preview;

import dev.profiles.core.ProfilesConfigurationException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * How the expanders of this module run: where they look for {@code kubectl}/{@code kustomize},
 * which GitRepository objects stand for the GitOps repository itself (whose files a preview
 * has), and the bounds on everything they read or run.
 *
 * <p>By default the {@code PATH} is the process's, and the GitOps repository is
 * {@code flux-system/flux-system} plus every GitRepository a {@code ProfileInstallation} or
 * {@code .pctl/config.yaml} on the side names.
 *
 * <pre>{@code
 * ExpanderSettings settings = ExpanderSettings.defaults()
 *     .withGitOpsRepository("flux-system", "fleet")
 *     .withTimeout(Duration.ofSeconds(30));
 * ObjectExpander helm = new HelmReleaseExpander(settings);
 * }</pre>
 *
 * @param path the {@code PATH} searched for {@code kubectl} and {@code kustomize}; empty means
 *     the process's
 * @param gitOpsRepositories {@code namespace/name} of GitRepositories that are the GitOps
 *     repository, besides those found on the side
 * @param timeout the longest a download or a {@code kustomize build} may take
 * @param maxArchiveBytes the largest chart archive or repository index downloaded
 * @param maxDocuments the most documents one expansion may produce
 * @param maxOutputBytes the largest rendered output (characters) of one expansion
 * @param maxInputBytes the most bytes of repository files one expansion copies
 */
public record ExpanderSettings(Optional<String> path, Set<String> gitOpsRepositories,
    Duration timeout, long maxArchiveBytes, int maxDocuments, long maxOutputBytes,
    long maxInputBytes) {

  public ExpanderSettings {
    if (path == null || gitOpsRepositories == null || timeout == null) {
      throw new ProfilesConfigurationException("expander settings need a path (or empty),"
          + " GitOps repositories (or none) and a timeout");
    }
    if (timeout.isNegative() || timeout.isZero() || maxArchiveBytes <= 0 || maxDocuments <= 0
        || maxOutputBytes <= 0 || maxInputBytes <= 0) {
      throw new ProfilesConfigurationException("expander bounds must be positive");
    }
    gitOpsRepositories = Set.copyOf(gitOpsRepositories);
  }

  /** The defaults: 2 minutes, 20 MiB archives, 10,000 documents, 32 MiB output, 64 MiB input. */
  public static ExpanderSettings defaults() {
    return new ExpanderSettings(Optional.empty(), Set.of(), Duration.ofMinutes(2), 20L << 20,
        10_000, 32L << 20, 64L << 20);
  }

  /** These settings searching {@code pathVariable} (a {@code PATH} value) for tools. */
  public ExpanderSettings withPath(String pathVariable) {
    if (pathVariable == null) {
      throw new ProfilesConfigurationException("a PATH value is a string (may be empty)");
    }
    return new ExpanderSettings(Optional.of(pathVariable), gitOpsRepositories, timeout,
        maxArchiveBytes, maxDocuments, maxOutputBytes, maxInputBytes);
  }

  /** These settings also treating GitRepository {@code namespace/name} as the GitOps repo. */
  public ExpanderSettings withGitOpsRepository(String namespace, String name) {
    if (namespace == null || name == null || namespace.isBlank() || name.isBlank()) {
      throw new ProfilesConfigurationException("a GitRepository is named by namespace and name");
    }
    Set<String> more = new LinkedHashSet<>(gitOpsRepositories);
    more.add(namespace + "/" + name);
    return new ExpanderSettings(path, more, timeout, maxArchiveBytes, maxDocuments,
        maxOutputBytes, maxInputBytes);
  }

  /** These settings with {@code newTimeout} for downloads and subprocesses. */
  public ExpanderSettings withTimeout(Duration newTimeout) {
    return new ExpanderSettings(path, gitOpsRepositories, newTimeout, maxArchiveBytes,
        maxDocuments, maxOutputBytes, maxInputBytes);
  }

  /** These settings with other size bounds. */
  public ExpanderSettings withLimits(long newMaxArchiveBytes, int newMaxDocuments,
      long newMaxOutputBytes, long newMaxInputBytes) {
    return new ExpanderSettings(path, gitOpsRepositories, timeout, newMaxArchiveBytes,
        newMaxDocuments, newMaxOutputBytes, newMaxInputBytes);
  }
}
