package dev.profiles.examples.readme;

import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.core.yaml.ProfileYaml;
import java.io.IOException;
import java.nio.file.Path;

public class ParseProfile {
  public static void main(String[] args) throws IOException {
    try {
      ProfileDefinition nginx = ProfileYaml.strict().readProfile(Path.of("nginx/profile.yaml"));
      nginx.artifacts().forEach(a -> System.out.println(a.name() + " " + a.kind()));
    } catch (InvalidDocumentException e) {
      // Every problem at once, each located:
      // nginx/profile.yaml:14:15: spec.artifacts[1].kustomize.path: '../../etc' must stay
      //   inside the profile directory
      e.problems().forEach(System.err::println);
    }
  }
}
