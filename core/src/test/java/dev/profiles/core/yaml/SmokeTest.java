package dev.profiles.core.yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void smoke() throws Exception {
    Path p = Path.of("src/test/resources/valid/nginx/profile.yaml");
    var def = ProfileYaml.strict().readProfile(p);
    System.out.println(def);
    String out = ProfileYaml.strict().writeProfile(def);
    System.out.println(out);
    System.out.println(out.equals(Files.readString(p)));
    try {
      ProfileYaml.strict().readProfile("x.yaml", "apiVersion: v1\nkind: Profile\nmetadata: {name: Bad_}\nspec:\n  description: 5\n  foo: 1\n  artifacts:\n  - name: a\n    chart: {path: ../x, url: u}\n  - name: a\n    kustomize: {path: /etc}\n    dependsOn: [{name: zz}]\n");
    } catch (InvalidDocumentException e) {
      System.out.println(e.getMessage());
    }
  }
}
