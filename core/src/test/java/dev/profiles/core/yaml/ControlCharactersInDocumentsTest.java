package dev.profiles.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.profiles.core.rules.ControlCharacters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A control character in any value that becomes a file name, an object name, a URL or a git ref
 * is refused where it is written, in every document kind, and the message never carries the
 * character itself.
 */
class ControlCharactersInDocumentsTest {
  private static final String PROFILE = """
      apiVersion: weave.works/v1alpha1
      kind: ProfileDefinition
      metadata:
        name: {profile.name}
      spec:
        description: d
        artifacts:
          - name: {artifact.name}
            chart:
              url: {chart.url}
              name: {chart.name}
              version: {chart.version}
          - name: local
            chart:
              path: {chart.path}
          - name: crds
            kustomize:
              path: {kustomize.path}
            dependsOn:
              - name: {dependsOn}
          - name: nested
            profile:
              source:
                url: {source.url}
                tag: {source.tag}
                path: {source.path}
          - name: followed
            profile:
              source:
                url: https://example.com/r
                branch: {source.branch}
      """;

  private static final String INSTALLATION = """
      apiVersion: weave.works/v1alpha1
      kind: ProfileInstallation
      metadata:
        name: {installation.name}
        namespace: {installation.namespace}
      spec:
        source:
          url: https://example.com/r
          tag: {installation.tag}
        catalog:
          catalog: {catalog.catalog}
          profile: {catalog.profile}
          version: {catalog.version}
        gitRepository:
          name: {gitRepository.name}
          namespace: {gitRepository.namespace}
        configMap: {configMap}
      """;

  private static final String CATALOG = """
      apiVersion: weave.works/v1alpha1
      kind: ProfileCatalogSource
      metadata:
        name: {source.name}
        namespace: {source.namespace}
      spec:
        profiles:
          - name: {entry.name}
            tag: {entry.tag}
            url: {entry.url}
            catalogSource: {entry.catalogSource}
        repositories:
          - url: {repository.url}
            secretRef:
              name: {repository.secret}
      """;

  private static final String CONFIG = """
      gitRepository:
        name: {config.gitRepository}
        namespace: flux-system
      defaultDir: {config.defaultDir}
      """;

  /** Placeholder, the valid value it stands for, and the problem's path. */
  private static final List<String[]> FIELDS = List.of(
      new String[] {"profile.name", "p", "metadata.name"},
      new String[] {"artifact.name", "remote", "spec.artifacts[0].name"},
      new String[] {"chart.url", "https://charts.example.com", "spec.artifacts[0].chart.url"},
      new String[] {"chart.name", "nginx", "spec.artifacts[0].chart.name"},
      new String[] {"chart.version", "1.0.0", "spec.artifacts[0].chart.version"},
      new String[] {"chart.path", "charts/c", "spec.artifacts[1].chart.path"},
      new String[] {"kustomize.path", "manifests", "spec.artifacts[2].kustomize.path"},
      new String[] {"dependsOn", "local", "spec.artifacts[2].dependsOn[0].name"},
      new String[] {"source.url", "https://example.com/r", "spec.artifacts[3].profile.source.url"},
      new String[] {"source.tag", "base/v1.0.0", "spec.artifacts[3].profile.source.tag"},
      new String[] {"source.path", "base", "spec.artifacts[3].profile.source.path"},
      new String[] {"source.branch", "main", "spec.artifacts[4].profile.source.branch"},
      new String[] {"installation.name", "my-nginx", "metadata.name"},
      new String[] {"installation.namespace", "web", "metadata.namespace"},
      new String[] {"installation.tag", "nginx/v0.1.0", "spec.source.tag"},
      new String[] {"catalog.catalog", "my-catalog", "spec.catalog.catalog"},
      new String[] {"catalog.profile", "nginx", "spec.catalog.profile"},
      new String[] {"catalog.version", "v0.1.0", "spec.catalog.version"},
      new String[] {"gitRepository.name", "flux-system", "spec.gitRepository.name"},
      new String[] {"gitRepository.namespace", "flux-system", "spec.gitRepository.namespace"},
      new String[] {"configMap", "my-values", "spec.configMap"},
      new String[] {"source.name", "my-catalog", "metadata.name"},
      new String[] {"source.namespace", "profiles", "metadata.namespace"},
      new String[] {"entry.name", "nginx", "spec.profiles[0].name"},
      new String[] {"entry.tag", "nginx/v0.1.0", "spec.profiles[0].tag"},
      new String[] {"entry.url", "https://example.com/r", "spec.profiles[0].url"},
      new String[] {"entry.catalogSource", "my-catalog", "spec.profiles[0].catalogSource"},
      new String[] {"repository.url", "https://example.com/r", "spec.repositories[0].url"},
      new String[] {"repository.secret", "git-credentials",
          "spec.repositories[0].secretRef.name"},
      new String[] {"config.gitRepository", "flux-system", "gitRepository.name"},
      new String[] {"config.defaultDir", "clusters/prod", "defaultDir"});

  private static final char[] CONTROLS = {'\n', '\r', '\t', '\0', 0x1b, 0x7f, 0x85, 0x9b};

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String[] field : FIELDS) {
      for (int i = 0; i < CONTROLS.length; i++) {
        // Each field gets several characters, at the start, in the middle and at the end.
        char c = CONTROLS[(i + field[0].length()) % CONTROLS.length];
        String valid = field[1];
        String bad = switch (i % 3) {
          case 0 -> c + valid;
          case 1 -> valid.substring(0, 1) + c + valid.substring(1);
          default -> valid + c;
        };
        out.add(Arguments.of(field[0], field[2], bad, c));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} with {3}")
  @MethodSource("cases")
  void controlCharactersAreRefusedLocated(String field, String path, String bad, char c) {
    String template = template(field);
    String text = fill(template, field, quoted(bad));
    int line = lineOf(text, field, template);

    InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
        () -> read(template, text));

    assertThat(e).as("%s with %s must be refused", field, ControlCharacters.describe(c))
        .isNotNull();
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo(path);
      assertThat(p.line()).isEqualTo(line);
      assertThat(p.column()).isPositive();
      assertThat(p.message()).isEqualTo(
          "contains a control character (" + ControlCharacters.describe(c) + ")");
    });
    assertThat(ControlCharacters.problem(e.getMessage().replace("\n  ", " "))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void theSameDocumentsWithoutControlCharactersAreRead(String template) throws Exception {
    String text = template;
    for (String[] field : FIELDS) {
      text = text.replace("{" + field[0] + "}", field[1]);
    }

    read(template, text);
  }

  static Stream<String> templates() {
    return Stream.of(PROFILE, INSTALLATION, CATALOG, CONFIG);
  }

  private static Object read(String template, String text) throws InvalidDocumentException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ProfileYaml yaml = ProfileYaml.strict();
    if (template.equals(PROFILE)) {
      return yaml.readProfile("doc.yaml", bytes, Optional.empty());
    }
    if (template.equals(INSTALLATION)) {
      return yaml.readInstallation("doc.yaml", bytes);
    }
    if (template.equals(CATALOG)) {
      return yaml.readCatalogSource("doc.yaml", bytes);
    }
    return yaml.readConfig("doc.yaml", bytes);
  }

  private static String template(String field) {
    return Stream.of(PROFILE, INSTALLATION, CATALOG, CONFIG)
        .filter(t -> t.contains("{" + field + "}")).findFirst().orElseThrow();
  }

  /** The template with {@code field} set to {@code value} and every other field valid. */
  private static String fill(String template, String field, String value) {
    String text = template.replace("{" + field + "}", value);
    for (String[] f : FIELDS) {
      text = text.replace("{" + f[0] + "}", f[1]);
    }
    return text;
  }

  private static int lineOf(String text, String field, String template) {
    int at = template.indexOf("{" + field + "}");
    return (int) template.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
  }

  /** A YAML double-quoted scalar, every control character escaped as {@code \\uXXXX}. */
  private static String quoted(String value) {
    StringBuilder sb = new StringBuilder("\"");
    for (char ch : value.toCharArray()) {
      sb.append(ControlCharacters.is(ch) ? String.format("\\u%04x", (int) ch) : ch);
    }
    return sb.append('"').toString();
  }
}
