package dev.profiles.core.preview;

import dev.profiles.core.model.ProfilesStyle;
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

  /** A builder of {@link KubeObject}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link KubeObject}: {@code KubeObject.builder()...build()}. */
  final class Builder extends ImmutableKubeObject.Builder {
    Builder() {}
  }
}
