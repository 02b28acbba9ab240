package dev.profiles.flux.internal;

import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfileSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code profile-installation.yaml} (spec §5).
 *
 * <p>TODO(flux-render): replace with {@code ProfileYaml.strict().writeInstallation} once it lands
 * on main, so the record has one writer.
 */
final class InstallationRecord {
  private InstallationRecord() {}

  static String yaml(ProfileInstallation installation) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", installation.name());
    metadata.put("namespace", installation.namespace());
    ProfileSource source = installation.source().redacted();
    Map<String, Object> src = new LinkedHashMap<>();
    src.put("url", source.url());
    source.tag().ifPresent(t -> src.put("tag", t));
    source.branch().ifPresent(b -> src.put("branch", b));
    source.path().ifPresent(p -> src.put("path", p));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("source", src);
    installation.catalog().ifPresent(c -> {
      Map<String, Object> catalog = new LinkedHashMap<>();
      catalog.put("catalog", c.catalog());
      catalog.put("profile", c.profile());
      catalog.put("version", c.version());
      spec.put("catalog", catalog);
    });
    installation.gitRepository().ifPresent(g -> {
      Map<String, Object> git = new LinkedHashMap<>();
      git.put("name", g.name());
      git.put("namespace", g.namespace());
      spec.put("gitRepository", git);
    });
    installation.configMap().ifPresent(c -> spec.put("configMap", c));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "weave.works/v1alpha1");
    doc.put("kind", "ProfileInstallation");
    doc.put("metadata", metadata);
    doc.put("spec", spec);
    return YamlWriter.write(doc);
  }
}
