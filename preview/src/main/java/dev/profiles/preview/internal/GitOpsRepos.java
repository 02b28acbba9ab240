package dev.profiles.preview.internal;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.preview.ExpansionContext;
import dev.profiles.core.preview.KubeObject;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which GitRepository objects are the GitOps repository itself — the one whose files a preview
 * has. Flux objects from any other source cannot be expanded from the side.
 */
public final class GitOpsRepos {
  private GitOpsRepos() {}

  /**
   * {@code namespace/name} of the GitOps repository's GitRepositories: {@code configured},
   * {@code flux-system/flux-system} (what {@code flux bootstrap} creates), and those a
   * {@code ProfileInstallation} or {@code .pctl/config.yaml} on the side names.
   */
  public static Set<String> of(ExpansionContext context, Set<String> configured) {
    Set<String> names = new HashSet<>(configured);
    names.add("flux-system/flux-system");
    for (KubeObject o : context.objects()) {
      if (o.id().kind().equals("ProfileInstallation")) {
        add(names, Trees.map(Trees.map(o.content(), "spec"), "gitRepository"));
      }
    }
    try {
      Optional<byte[]> config = context.readFile(".pctl/config.yaml");
      if (config.isPresent()) {
        add(names, Trees.map(Yamls.readMap(".pctl/config.yaml",
            new String(config.get(), StandardCharsets.UTF_8), 1 << 20), "gitRepository"));
      }
    } catch (ProfilesException e) {
      // A config that does not read names no repository; core reports it where it is used.
    }
    return names;
  }

  private static void add(Set<String> names, Map<String, Object> ref) {
    Optional<String> name = Trees.text(ref, "name");
    if (name.isPresent()) {
      names.add(Trees.text(ref, "namespace").orElse("flux-system") + "/" + name.get());
    }
  }
}
