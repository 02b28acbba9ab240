package dev.profiles.core.preview;

import dev.profiles.core.model.ProfilesStyle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One Kubernetes object as a preview sees it: its {@link #id() identity}, its whole parsed
 * document, and where it came from — a file of the GitOps repository, or the Flux object whose
 * expansion produced it.
 *
 * <p>{@link #content()} is the document as parsed (maps, lists, strings, numbers, booleans,
 * {@code null}s), including {@code apiVersion}, {@code kind} and {@code metadata}.
 *
 * <pre>{@code
 * KubeObject cm = KubeObject.builder()
 *     .id(new ObjectId("v1", "ConfigMap", "team", "web-values"))
 *     .content(Map.of("apiVersion", "v1", "kind", "ConfigMap",
 *         "metadata", Map.of("name", "web-values", "namespace", "team")))
 *     .file("team/web/helm-release/ConfigMap.yaml")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface KubeObject {
  /** apiVersion, kind, namespace and name. */
  ObjectId id();

  /** The whole document, as parsed. */
  Map<String, Object> content();

  /** The repository-relative file the object is written in; empty for expanded objects. */
  Optional<String> file();

  /** The Flux object (a HelmRelease or Kustomization) whose expansion produced this one. */
  Optional<ObjectId> producedBy();

  /**
   * The objects of a manifest stream (any number of {@code ---} separated documents), read as a
   * preview reads the repository's files: with core's bounded YAML parser, values as parsed
   * ({@code "1"} stays a string, {@code 1} a {@code Long}), documents that are no Kubernetes
   * object (no {@code apiVersion} and {@code kind}) and kustomize's own configuration skipped.
   * Each object's {@link #file()} is {@code source}; an expander reading rendered output
   * clears it ({@code KubeObject.builder().from(o).file(Optional.empty())}).
   *
   * <pre>{@code
   * List<KubeObject> rendered = KubeObject.readAll("chart web 1.2.0", helmOutput);
   * }</pre>
   *
   * @throws dev.profiles.core.yaml.InvalidDocumentException when the stream does not parse,
   *     located in {@code source}
   */
  static List<KubeObject> readAll(String source, byte[] content)
      throws dev.profiles.core.yaml.InvalidDocumentException {
    return dev.profiles.core.preview.internal.Manifests.read(source, content);
  }

  /** A builder of {@link KubeObject}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link KubeObject}: {@code KubeObject.builder()...build()}. */
  final class Builder extends ImmutableKubeObject.Builder {
    Builder() {}
  }
}
