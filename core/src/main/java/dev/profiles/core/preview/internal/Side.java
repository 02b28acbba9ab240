package dev.profiles.core.preview.internal;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.Change;
import dev.profiles.core.install.GitOpsRepository;
import dev.profiles.core.preview.ExpansionContext;
import dev.profiles.core.preview.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One side of a preview, read only: the repository as it is (before), or the repository with a
 * {@link Change} laid over it (after: its removals, then its files), as a commit would leave
 * it. Its {@link #objects()} are read the first time an expander asks, from every manifest of
 * the side; files that do not parse are left out there (the installation's own files are read
 * strictly by the preview).
 */
public final class Side implements ExpansionContext {
  private final GitOpsRepository repository;
  private final Optional<Change> change;
  private List<KubeObject> objects;

  private Side(GitOpsRepository repository, Optional<Change> change) {
    this.repository = repository;
    this.change = change;
  }

  /** The repository as it is. */
  public static Side before(GitOpsRepository repository) {
    return new Side(repository, Optional.empty());
  }

  /** The repository once {@code change} is applied; as it is when there is no change. */
  public static Side after(GitOpsRepository repository, Optional<Change> change) {
    return new Side(repository, change);
  }

  @Override
  public Optional<byte[]> readFile(String path) throws ProfilesException {
    String p = normalize(path);
    if (change.isPresent()) {
      Optional<byte[]> written = change.get().files().bytes(p);
      if (written.isPresent()) {
        return written;
      }
      if (removed(p)) {
        return Optional.empty();
      }
    }
    return repository.readFile(p);
  }

  @Override
  public List<String> listFiles(String path) throws ProfilesException {
    String dir = normalize(path);
    TreeSet<String> out = new TreeSet<>();
    for (String f : repository.listFiles(dir)) {
      if (!removed(f)) {
        out.add(f);
      }
    }
    if (change.isPresent()) {
      for (String f : change.get().files().paths()) {
        if (under(f, dir)) {
          out.add(f);
        }
      }
    }
    return new ArrayList<>(out);
  }

  private boolean removed(String file) {
    return change.isPresent() && change.get().removals().stream()
        .anyMatch(r -> under(file, normalize(r)));
  }

  @Override
  public synchronized List<KubeObject> objects() {
    if (objects == null) {
      List<KubeObject> out = new ArrayList<>();
      try {
        for (String f : Engine.manifests(listFiles("."), List.of())) {
          Optional<byte[]> bytes = readFile(f);
          if (bytes.isEmpty()) {
            continue;
          }
          try {
            out.addAll(Manifests.read(f, bytes.get()));
          } catch (ProfilesException e) {
            // Not a manifest this side can read: an expander finds nothing in it.
          }
          if (out.size() > Engine.MAX_OBJECTS) {
            break;
          }
        }
      } catch (ProfilesException e) {
        // The repository cannot be listed: the preview itself reports that when it reads.
      }
      objects = List.copyOf(out);
    }
    return objects;
  }

  /** Whether {@code file} is {@code dir} or below it ({@code .} is the root). */
  static boolean under(String file, String dir) {
    return dir.isEmpty() || dir.equals(".") || file.equals(dir) || file.startsWith(dir + "/");
  }

  static String normalize(String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? "." : p;
  }
}
