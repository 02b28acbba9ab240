package dev.profiles.testing.git;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code profile.yaml} text for fixtures, so tests state what a profile holds rather
 * than how YAML is indented.
 *
 * <pre>{@code
 * String yaml = ProfileYamls.profile("nginx")
 *     .kustomize("crds", "manifests/crds")
 *     .nestedTag("base", "https://host/org/base", "base/v1.2.0")
 *     .toYaml();
 * }</pre>
 */
public final class ProfileYamls {
  private final String name;
  private final List<String> artifacts = new ArrayList<>();

  private ProfileYamls(String name) {
    this.name = name;
  }

  /** Starts a profile named {@code name}. */
  public static ProfileYamls profile(String name) {
    return new ProfileYamls(name);
  }

  /** Adds a kustomize artifact reading {@code path} inside the profile directory. */
  public ProfileYamls kustomize(String artifact, String path) {
    artifacts.add("    - name: " + artifact + "\n      kustomize:\n        path: " + path + "\n");
    return this;
  }

  /** Adds a remote chart artifact. */
  public ProfileYamls chart(String artifact, String url, String chart, String version) {
    artifacts.add("    - name: " + artifact + "\n      chart:\n        url: " + url
        + "\n        name: " + chart + "\n        version: \"" + version + "\"\n");
    return this;
  }

  /** Adds a nested profile artifact pinned to {@code tag}. */
  public ProfileYamls nestedTag(String artifact, String url, String tag) {
    artifacts.add(nested(artifact, url, "tag: " + tag, null));
    return this;
  }

  /** Adds a nested profile artifact pinned to {@code tag}, in directory {@code path}. */
  public ProfileYamls nestedTag(String artifact, String url, String tag, String path) {
    artifacts.add(nested(artifact, url, "tag: " + tag, path));
    return this;
  }

  /** Adds a nested profile artifact following {@code branch}, in directory {@code path}. */
  public ProfileYamls nestedBranch(String artifact, String url, String branch, String path) {
    artifacts.add(nested(artifact, url, "branch: " + branch, path));
    return this;
  }

  private static String nested(String artifact, String url, String ref, String path) {
    return "    - name: " + artifact + "\n      profile:\n        source:\n          url: \"" + url
        + "\"\n          " + ref + "\n" + (path == null ? "" : "          path: " + path + "\n");
  }

  /** The profile.yaml text. */
  public String toYaml() {
    return "apiVersion: weave.works/v1alpha1\nkind: ProfileDefinition\nmetadata:\n  name: " + name
        + "\nspec:\n  description: " + name + " for tests\n  artifacts:\n"
        + String.join("", artifacts);
  }

  @Override
  public String toString() {
    return toYaml();
  }
}
