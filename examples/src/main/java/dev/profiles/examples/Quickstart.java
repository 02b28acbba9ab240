package dev.profiles.examples;

import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.core.yaml.ProfileYaml;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The quickstart: reads the bundled example profile, validates it and prints what it holds.
 *
 * <p>Run it with {@code ./mvnw -q -Pquickstart -pl examples -am package}.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) throws IOException, InvalidDocumentException {
    byte[] yaml;
    try (InputStream in = Quickstart.class.getResourceAsStream(
        "/example-profiles/nginx/profile.yaml")) {
      yaml = in.readAllBytes();
    }
    ProfileDefinition profile = ProfileYaml.strict()
        .readProfile("nginx/profile.yaml", yaml, Optional.of("nginx"));
    System.out.println("Profile " + profile.name() + ": " + profile.description());
    for (Artifact a : profile.artifacts()) {
      System.out.println("  - " + a.name() + " (" + a.kind() + ")"
          + (a.dependsOn().isEmpty() ? "" : " after " + a.dependsOn()));
    }
  }
}
