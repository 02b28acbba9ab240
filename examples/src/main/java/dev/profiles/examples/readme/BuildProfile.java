package dev.profiles.examples.readme;

import dev.profiles.core.model.KustomizeArtifact;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.yaml.ProfileYaml;

public class BuildProfile {
  public static void main(String[] args) {
    ProfileDefinition p = ProfileDefinition.builder()
        .name("nginx").description("deploys nginx")
        .addArtifact(KustomizeArtifact.builder().name("crds").path("manifests/crds").build())
        .build();
    String yaml = ProfileYaml.strict().writeProfile(p);
    System.out.print(yaml);
  }
}
