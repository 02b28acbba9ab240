package dev.profiles.core.preview;

import dev.profiles.core.ProfilesException;
import java.util.List;
import java.util.Optional;

/**
 * One side (before or after the change) of the GitOps repository, as an {@link ObjectExpander}
 * reads it: its files, and the objects declared in them, so that an expander can follow a
 * HelmRelease's {@code sourceRef} and {@code valuesFrom} or read a local chart or a
 * Kustomization's path. Read only: nothing an expander does writes to the repository.
 *
 * <pre>{@code
 * Optional<KubeObject> values = context.find("ConfigMap", "team", "web-values");
 * Optional<byte[]> chart = context.readFile("charts/web/Chart.yaml");
 * }</pre>
 */
public interface ExpansionContext {
  /** The bytes of the file at the repository-relative {@code path} on this side, if any. */
  Optional<byte[]> readFile(String path) throws ProfilesException;

  /** Every file at or below {@code path} on this side, as sorted repository-relative paths. */
  List<String> listFiles(String path) throws ProfilesException;

  /** Every object declared in the repository's YAML files on this side. */
  List<KubeObject> objects();

  /** The declared object of this {@code kind}, {@code namespace} and {@code name}, if any. */
  default Optional<KubeObject> find(String kind, String namespace, String name) {
    return objects().stream()
        .filter(o -> o.id().kind().equals(kind) && o.id().namespace().equals(namespace)
            && o.id().name().equals(name))
        .findFirst();
  }
}
