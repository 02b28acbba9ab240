package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.preview.Expansion;
import dev.profiles.core.preview.ExpansionContext;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectExpander;
import dev.profiles.core.preview.ObjectId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for {@code kustomize build} in core's tests: the objects of the YAML files under a
 * Flux Kustomization's {@code spec.path}, read through the context, with {@code
 * spec.targetNamespace} set on those that name no namespace.
 */
final class FakeKustomizeExpander implements ObjectExpander {
  @Override
  public boolean handles(KubeObject o) {
    return o.id().group().equals("kustomize.toolkit.fluxcd.io")
        && o.id().kind().equals("Kustomization");
  }

  @Override
  public Expansion expand(KubeObject ks, ExpansionContext context) throws ProfilesException {
    Map<?, ?> spec = (Map<?, ?>) ks.content().get("spec");
    String target = spec.get("targetNamespace") instanceof String t ? t : "";
    List<KubeObject> out = new ArrayList<>();
    for (String f : context.listFiles((String) spec.get("path"))) {
      if (!f.endsWith(".yaml")) {
        continue;
      }
      for (KubeObject o : KubeObject.readAll(f, context.readFile(f).orElseThrow())) {
        Map<String, Object> content = new LinkedHashMap<>(o.content());
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) content
            .getOrDefault("metadata", Map.of()));
        metadata.putIfAbsent("namespace", target);
        content.put("metadata", metadata);
        ObjectId id = new ObjectId(o.id().apiVersion(), o.id().kind(),
            (String) metadata.get("namespace"), o.id().name());
        out.add(KubeObject.builder().id(id).content(content).build());
      }
    }
    return Expansion.of(out);
  }
}
