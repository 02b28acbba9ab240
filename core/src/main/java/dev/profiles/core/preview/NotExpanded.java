package dev.profiles.core.preview;

/**
 * A Flux object a preview could not expand into the objects it produces here, and why (no
 * {@link ObjectExpander} for its kind, no {@code kustomize} on the {@code PATH}): the preview
 * shows the Flux object itself, but not what it will deploy.
 *
 * <pre>{@code
 * preview.notExpanded().forEach(n -> System.out.println(n.id() + ": " + n.reason()));
 * }</pre>
 *
 * @param id the Flux object
 * @param reason why it was not expanded
 */
public record NotExpanded(ObjectId id, String reason) {
  public NotExpanded {
    if (id == null || reason == null) {
      throw new dev.profiles.core.ProfilesConfigurationException(
          "a not-expanded object has an id and a reason");
    }
  }
}
