package dev.profiles.catalog.controller.internal;

import dev.profiles.catalog.server.internal.SecretDirectory;
import dev.profiles.core.catalog.RepositoryScanException;
import dev.profiles.core.catalog.RepositoryScanException.Reason;
import dev.profiles.core.catalog.RepositoryScanner;
import dev.profiles.core.catalog.ScanResult;
import dev.profiles.core.model.CatalogRepository;
import dev.profiles.git.GitCredentials;
import dev.profiles.git.catalog.GitRepositoryScanner;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The one-fetch git scanner with credentials from Kubernetes Secrets: a repository's {@code
 * secretRef} names a Secret in its source's namespace ({@link #forNamespace}), read with the
 * key names of the file mode's {@link SecretDirectory} ({@code username}, {@code password},
 * {@code identity}, {@code passphrase}, {@code known_hosts}).
 *
 * <p>Why a scanner per Secret version: {@link GitRepositoryScanner} takes its credentials when
 * it is built, and SSH keys are files. So each version of a Secret (its resourceVersion) is
 * written to a private directory, loaded by {@link SecretDirectory} (one owner of the key
 * names) and given to a scanner of its own; all of them share one cache directory (the cache is
 * safe for concurrent users). When a Secret changes, the next scan of a repository that uses it
 * builds a new scanner; the old one is closed, and its files deleted, once no scan uses it.
 */
public final class SecretScanner implements AutoCloseable {
  private static final String ENTRY = "secret";
  private static final List<String> KEYS =
      List.of("username", "password", "identity", "passphrase", "known_hosts");

  private final BiFunction<String, String, Optional<Secret>> secrets;
  private final Supplier<GitRepositoryScanner.Builder> scanners;
  private final Path workDirectory;
  private final GitRepositoryScanner anonymous;
  private final Map<String, Holder> bySecret = new HashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private boolean closed;

  private static final class Holder {
    final String version;
    final GitRepositoryScanner scanner;
    final Path directory;
    int users;
    boolean retired;

    Holder(String version, GitRepositoryScanner scanner, Path directory) {
      this.version = version;
      this.scanner = scanner;
      this.directory = directory;
    }
  }

  /**
   * @param secrets looks a Secret up by namespace and name (the informer's cache)
   * @param scanners a configured scanner builder (cache, policy, rewrites), without credentials
   * @param workDirectory where Secret versions are written, owner-only
   */
  public SecretScanner(BiFunction<String, String, Optional<Secret>> secrets,
      Supplier<GitRepositoryScanner.Builder> scanners, Path workDirectory) {
    this.secrets = secrets;
    this.scanners = scanners;
    this.workDirectory = workDirectory;
    this.anonymous = scanners.get().build();
  }

  /** The scanner of the sources in {@code namespace}: their secretRefs name Secrets there. */
  public RepositoryScanner forNamespace(String namespace) {
    return (repository, knownTags) -> scan(namespace, repository, knownTags);
  }

  private ScanResult scan(String namespace, CatalogRepository repository, Set<String> knownTags)
      throws RepositoryScanException {
    if (repository.secretRef().isEmpty()) {
      return anonymous.scan(repository, knownTags);
    }
    String name = repository.secretRef().get();
    Optional<Secret> secret = secrets.apply(namespace, name);
    String key = namespace + "/" + name;
    if (secret.isEmpty()) {
      retire(key);
      throw new RepositoryScanException(Reason.AUTHENTICATION_REQUIRED, "the Secret '" + name
          + "' (secretRef) does not exist in namespace '" + namespace + "'");
    }
    Holder holder = acquire(key, name, secret.get());
    try {
      return holder.scanner.scan(repository, knownTags);
    } finally {
      release(holder);
    }
  }

  private synchronized Holder acquire(String key, String name, Secret secret)
      throws RepositoryScanException {
    if (closed) {
      throw new RepositoryScanException(Reason.FAILED, "the controller is stopping");
    }
    String version = secret.getMetadata().getUid() + "/"
        + secret.getMetadata().getResourceVersion();
    Holder current = bySecret.get(key);
    if (current == null || !current.version.equals(version)) {
      if (current != null) {
        retire(current);
      }
      current = create(name, secret, version);
      bySecret.put(key, current);
    }
    current.users++;
    return current;
  }

  private Holder create(String name, Secret secret, String version)
      throws RepositoryScanException {
    Path dir = workDirectory.resolve("secrets").resolve(Long.toString(sequence.incrementAndGet()));
    try {
      Path entry = Files.createDirectories(dir.resolve(ENTRY));
      restrict(dir);
      restrict(entry);
      Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
      for (String k : KEYS) {
        String value = data.get(k);
        if (value != null) {
          Path file = entry.resolve(k);
          Files.write(file, Base64.getMimeDecoder().decode(value));
          restrict(file);
        }
      }
      GitCredentials credentials = SecretDirectory.load(dir).get(ENTRY);
      GitRepositoryScanner scanner =
          scanners.get().credentials(name, credentials).build();
      return new Holder(version, scanner, dir);
    } catch (IOException | RuntimeException e) {
      delete(dir);
      // Never the Secret's content: only what is wrong with it.
      throw new RepositoryScanException(Reason.AUTHENTICATION_REQUIRED, "the Secret '" + name
          + "' (secretRef) cannot be used: " + e.getClass().getSimpleName(), e);
    }
  }

  private static void restrict(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
          Files.isDirectory(p) ? "rwx------" : "rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Not a POSIX file system: the work directory's own protection applies.
    }
  }

  private synchronized void retire(String key) {
    Holder h = bySecret.remove(key);
    if (h != null) {
      retire(h);
    }
  }

  private void retire(Holder h) {
    h.retired = true;
    if (h.users == 0) {
      dispose(h);
    }
  }

  private synchronized void release(Holder h) {
    h.users--;
    if (h.retired && h.users == 0) {
      dispose(h);
    }
  }

  private static void dispose(Holder h) {
    h.scanner.close();
    delete(h.directory);
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Best effort: the work directory is private to the controller.
    }
  }

  /** Closes every scanner and deletes every Secret file written. */
  @Override
  public synchronized void close() {
    closed = true;
    for (Holder h : List.copyOf(bySecret.values())) {
      retire(h);
    }
    bySecret.clear();
    anonymous.close();
  }
}
