package dev.profiles.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.resolve.UnsafeContentException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever symbolic links a profile directory holds (random targets: relative, climbing,
 * absolute, through other links, to directories, in loops), reading it either fails with
 * {@link UnsafeContentException} or serves, for every link, the bytes of a regular file inside
 * the directory: never a byte of a file outside it, never another exception.
 */
class LocalProfilesLinkProperties {
  private static final String PROFILE = """
      apiVersion: weave.works/v1alpha1
      kind: ProfileDefinition
      metadata:
        name: web
      spec:
        description: a web site
        artifacts:
          - name: config
            kustomize:
              path: m
      """;
  private static final Set<String> INSIDE = Set.of("m/a.yaml", "m/s/b.yaml", "c.yaml");

  @Property(tries = 200)
  void linksServeOnlyFilesInsideOrAreRefused(@ForAll("links") List<String> targets)
      throws Exception {
    Path tmp = Files.createTempDirectory("links");
    try {
      Path web = Files.createDirectories(tmp.resolve("repo/web"));
      Files.writeString(tmp.resolve("repo/outside.yaml"), "outside\n");
      Files.writeString(tmp.resolve("outside.yaml"), "outside\n");
      Files.writeString(web.resolve("profile.yaml"), PROFILE);
      for (String f : INSIDE) {
        Files.createDirectories(web.resolve(f).getParent());
        Files.writeString(web.resolve(f), "inside " + f + "\n");
      }
      String[] places = {"m/l", "m/l", "m/s/l", "m/s/t/l", "l"};
      for (int i = 0; i < targets.size(); i++) {
        Path link = web.resolve(places[i % places.length] + i + ".yaml");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of(targets.get(i).replace("$T", tmp.toString())));
      }
      ResolvedProfile p;
      try {
        p = LocalProfiles.read(web);
      } catch (UnsafeContentException refused) {
        Statistics.label("outcome").collect("refused");
        assertThat(refused.getMessage()).doesNotContain("outside\n");
        return;
      }
      Statistics.label("outcome").collect("served");
      for (String file : p.directory().list(".")) {
        String content = new String(p.directory().read(file), StandardCharsets.UTF_8);
        assertThat(content).as(file).doesNotContain("outside");
        if (!file.equals("profile.yaml")) {
          assertThat(content).as(file).startsWith("inside ");
        }
      }
    } finally {
      try (Stream<Path> all = Files.walk(tmp)) {
        for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
  }

  @Provide
  Arbitrary<List<String>> links() {
    Arbitrary<String> segment = Arbitraries.of("..", ".", "m", "s", "a.yaml", "b.yaml",
        "c.yaml", "outside.yaml", "web", "l0.yaml", "l1.yaml", "l2.yaml", "t");
    Arbitrary<String> relative = segment.list().ofMinSize(1).ofMaxSize(6)
        .map(s -> String.join("/", s));
    Arbitrary<String> absolute = Arbitraries.of("$T/outside.yaml", "$T/repo/outside.yaml",
        "$T/repo/web/m/a.yaml", "/etc/hostname");
    // Targets that are right from some of the link places, so that many directories pass.
    Arbitrary<String> plausible = Arbitraries.of("a.yaml", "s/b.yaml", "b.yaml", "../a.yaml",
        "../c.yaml", "../../c.yaml", "../m/a.yaml", "./a.yaml", "l0.yaml", "../l2.yaml");
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, plausible),
        net.jqwik.api.Tuple.of(3, relative), net.jqwik.api.Tuple.of(1, absolute))
        .list().ofMinSize(1).ofMaxSize(4);
  }
}
