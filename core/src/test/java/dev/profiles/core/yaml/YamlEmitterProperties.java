package dev.profiles.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.CatalogReference;
import dev.profiles.core.model.GitRepositoryReference;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.rules.ControlCharacters;
import dev.profiles.core.yaml.internal.YamlEmitter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Whatever the SDK writes reads back, string for string, with a YAML 1.1 reader (SnakeYAML,
 * whose resolver follows the YAML 1.1 types as Go's yaml.v2 behind Flux and kubectl does) and a
 * YAML 1.2 reader (snakeyaml-engine); and no string is left plain that the YAML 1.1 type
 * regexes or yaml.v2's resolver would take for a boolean, null, number, date, merge or value.
 */
class YamlEmitterProperties {
  private static final List<YamlEmitter> EMITTERS =
      List.of(YamlEmitter.KUBERNETES, YamlEmitter.DOCUMENTS);

  /** The implicit types of the YAML 1.1 type repository (yaml.org/type), verbatim. */
  private static final List<Pattern> YAML11 = List.of(
      Pattern.compile("y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE"
          + "|on|On|ON|off|Off|OFF"),
      Pattern.compile("~|null|Null|NULL|"),
      Pattern.compile("[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
          + "|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+"),
      Pattern.compile("[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?"
          + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"),
      Pattern.compile("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
          + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?([Tt]|[ \\t]+)[0-9][0-9]?"
          + ":[0-9][0-9]:[0-9][0-9](\\.[0-9]*)?(([ \\t]*)Z|[-+][0-9][0-9]?(:[0-9][0-9])?)?"),
      Pattern.compile("<<"),
      Pattern.compile("="));

  /** Go yaml.v2's float syntax, tried after strconv.ParseInt(s, 0, 64) without underscores. */
  private static final Pattern GO_FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern GO_INT = Pattern.compile(
      "[-+]?(0[bB][01]+|0[oO]?[0-7]+|0[xX][0-9a-fA-F]+|[0-9]+)");

  private static Object readYaml11(String yaml) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }

  private static Object readYaml12(String yaml) {
    return new Load(LoadSettings.builder().build()).loadFromString(yaml);
  }

  @Provide
  Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        specials(), booleansInAnyCase(), numbers(), dates(),
        Arbitraries.strings().all().ofMaxLength(30),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20),
        Arbitraries.strings().withChars("abyYnNoOtTfF01789.:-+_ #'\"\n\t\r|>{}[]&*!%@`,?eExX~="
            + "\u0085\u2028\u2029\u00a0\ufeff\u0000\u0007\u001b\u007f").ofMaxLength(12),
        Combinators.combine(Arbitraries.of(" ", "  ", "\t", "", "# ", "- ", ": ", "'", "\""),
            Arbitraries.oneOf(specials(), numbers(), Arbitraries.strings().alpha().ofMaxLength(5)),
            Arbitraries.of(" ", "", "\t", " #x", ":", ": x", "\n", "\n\n", "'", "\""))
            .as((a, b, c) -> a + b + c),
        Arbitraries.strings().withCharRange('\u0400', '\u04ff').ofMaxLength(6)
            .map(s -> s + "\ud83d\ude00日本"));
  }

  private static Arbitrary<String> specials() {
    return Arbitraries.of("", "~", "null", "Null", "NULL", "=", "<<", "-", "---", "...", "?",
        ":", "- a", "a: b", "a #b", "#", "!", "&a", "*a", "|", ">", "%", "@", "`", "{}", "[]",
        ".inf", "-.inf", "+.Inf", ".NaN", ".nan", ".", "..", "./x/y", "1:20", "-1:20:30.5",
        "190:20:30", "0o17", "0b1010", "0x1F", "0x_1F", "007", "1_000", "1e3", "1E+3", "6.8523e+5",
        "685.230_15e+03", "8.9.1", "1.19", "1.", ".5", "+12", "-0", "2001-12-14",
        "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2001-12-15T02:59:43.1Z",
        "2002-1-1", "5m", "10m0s", "v0.1.0", "oci://ghcr.io/a", "line1\nline2\n", "line\n\n",
        "nochomp\nx", "  indented\nblock", "\n", "\n\n", "a\r\nb", "trailing \nspace ",
        "tab\there", "\u0085", "a\u2028b", "\ufeffbom", "\ud800", "\udc00x", "x\ud83d");
  }

  private static Arbitrary<String> booleansInAnyCase() {
    return Combinators.combine(
            Arbitraries.of("y", "n", "yes", "no", "on", "off", "true", "false", "null"),
            Arbitraries.integers().between(0, 31))
        .as((word, mask) -> {
          StringBuilder b = new StringBuilder();
          for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            b.append((mask >> i & 1) == 1 ? Character.toUpperCase(c) : c);
          }
          return b.toString();
        });
  }

  private static Arbitrary<String> numbers() {
    Arbitrary<String> sign = Arbitraries.of("", "+", "-");
    Arbitrary<Long> n = Arbitraries.longs().between(0, 1_000_000_000L);
    Arbitrary<String> based = Combinators.combine(sign, n, Arbitraries.of(2, 8, 10, 16),
            Arbitraries.of("", "0b", "0B", "0o", "0O", "0", "0x", "0X"), Arbitraries.of(true, false))
        .as((s, v, radix, prefix, under) -> {
          String digits = Long.toString(v, radix);
          if (under && digits.length() > 1) {
            digits = digits.charAt(0) + "_" + digits.substring(1);
          }
          return s + prefix + (radix == 16 && v % 2 == 0 ? digits.toUpperCase(Locale.ROOT)
              : digits);
        });
    Arbitrary<String> floats = Combinators.combine(sign, Arbitraries.doubles(),
            Arbitraries.of("", "e3", "E-2", "e+10"))
        .as((s, d, e) -> s + Math.abs(d) + e);
    Arbitrary<String> sexagesimal = Combinators.combine(sign, Arbitraries.integers()
            .between(1, 999), Arbitraries.integers().between(0, 59), Arbitraries.of("", ".5"))
        .as((s, a, b, f) -> s + a + ":" + b + f);
    return Arbitraries.oneOf(based, floats, sexagesimal);
  }

  private static Arbitrary<String> dates() {
    return Combinators.combine(Arbitraries.integers().between(1000, 9999),
            Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 28),
            Arbitraries.of("", "T10:20:30", "t1:02:03.5Z", " 10:20:30 -5", "T10:20:30+01:00"))
        .as((y, m, d, t) -> String.format(Locale.ROOT, "%d-%02d-%02d%s", y, m, d, t));
  }

  @Property(tries = 3000)
  void everyStringValueReadsBackAsTheSameString(@ForAll("strings") String value) {
    for (YamlEmitter emitter : EMITTERS) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("key", value);
      doc.put("list", List.of(value, Map.of("k", value), List.of(value)));
      doc.put("nested", Map.of("inner", List.of(Map.of("a", value, "b", value))));
      String yaml = emitter.write(doc);

      assertThat(readYaml11(yaml)).as(yaml).isEqualTo(doc);
      assertThat(readYaml12(yaml)).as(yaml).isEqualTo(doc);
      assertThat(yaml).endsWith("\n").doesNotContain("\r\n").isEqualTo(emitter.write(doc));
    }
  }

  @Property(tries = 2000)
  void everyStringKeyReadsBackAsTheSameString(@ForAll("strings") String key) {
    for (YamlEmitter emitter : EMITTERS) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put(key, "v");
      doc.put("k" + key, List.of(Map.of(key, key)));
      String yaml = emitter.write(doc);

      assertThat(readYaml11(yaml)).as(yaml).isEqualTo(doc);
      assertThat(readYaml12(yaml)).as(yaml).isEqualTo(doc);
    }
  }

  @Property(tries = 3000)
  void noPlainScalarMatchesAYaml11TypeOrGoYamlV2(@ForAll("strings") String value) {
    String written = YamlEmitter.scalar(value);
    if (written.equals(value)) {
      for (Pattern type : YAML11) {
        assertThat(type.matcher(value).matches()).as("%s matches %s", value, type).isFalse();
      }
      // go-yaml v2 resolves a plain scalar by its first character: only one led by a digit or
      // a sign is read as a number with its underscores dropped ("_0" stays a string).
      char first = value.isEmpty() ? ' ' : value.charAt(0);
      String goPlain = Character.isDigit(first) || first == '+' || first == '-'
          ? value.replace("_", "") : value;
      assertThat(GO_INT.matcher(goPlain).matches()).as(value).isFalse();
      assertThat(GO_FLOAT.matcher(goPlain).matches()).as(value).isFalse();
      assertThat(value).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain(": ", " #");
    } else {
      assertThat(written).startsWith("\"").endsWith("\"");
    }
  }

  @Property(tries = 300)
  void catalogSourcesReadBackWithAYaml11Reader(@ForAll("freeText") String description,
      @ForAll("freeText") String maintainer) throws Exception {
    ProfileCatalogSource source = ProfileCatalogSource.builder().name("catalog")
        .addProfile(CatalogEntry.builder().name("nginx").description(description)
            .maintainer(maintainer).addPrerequisites(description).tag("nginx/v0.1.0")
            .url("https://github.com/org/profiles").build())
        .build();

    String text = ProfileYaml.strict().writeCatalogSource(source);

    @SuppressWarnings("unchecked")
    Map<String, Object> tree = (Map<String, Object>) readYaml11(text);
    @SuppressWarnings("unchecked")
    Map<String, Object> entry = (Map<String, Object>)
        ((List<Object>) ((Map<String, Object>) tree.get("spec")).get("profiles")).get(0);
    assertThat(entry.get("description")).isEqualTo(description);
    assertThat(entry.get("maintainer")).isEqualTo(maintainer);
    assertThat(entry.get("prerequisites")).isEqualTo(List.of(description));
  }

  @Property(tries = 500)
  void installationRecordsReadBackWithAYaml11Reader(@ForAll("refs") String tag,
      @ForAll("refs") String branch, @ForAll("refs") String version) throws Exception {
    ProfileInstallation installation;
    try {
      installation = ProfileInstallation.builder().name("web").namespace("default")
          .source(ProfileSource.builder().url("https://github.com/org/profiles").tag(tag)
              .path(branch).build())
          .catalog(CatalogReference.of("catalog", "nginx", version))
          .gitRepository(GitRepositoryReference.of("flux-system", "flux-system"))
          .configMap(version.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-")
              .replaceAll("^-+|-+$", "") + "x")
          .build();
    } catch (ProfilesConfigurationException refusedByTheModel) {
      Assume.that(false);
      return;
    }

    String text = ProfileYaml.strict().writeInstallation(installation);

    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) readYaml11(text))
        .get("spec");
    @SuppressWarnings("unchecked")
    Map<String, Object> source = (Map<String, Object>) spec.get("source");
    @SuppressWarnings("unchecked")
    Map<String, Object> catalog = (Map<String, Object>) spec.get("catalog");
    assertThat(source.get("tag")).as(text).isEqualTo(tag);
    assertThat(source.get("path")).as(text).isEqualTo(branch);
    assertThat(catalog.get("version")).as(text).isEqualTo(version);
    assertThat(spec.get("configMap")).as(text).isEqualTo(installation.configMap().orElseThrow());
    assertThat(ProfileYaml.strict().readInstallation("i.yaml",
        text.getBytes(StandardCharsets.UTF_8))).isEqualTo(installation);
  }

  @Provide
  Arbitrary<String> refs() {
    return Arbitraries.oneOf(booleansInAnyCase(), numbers(), dates(), specials())
        .filter(s -> !s.isBlank() && ControlCharacters.problem(s).isEmpty());
  }

  @Provide
  Arbitrary<String> freeText() {
    return Arbitraries.oneOf(booleansInAnyCase(), numbers(), dates(), Generators.text())
        .filter(s -> !s.isBlank() && s.strip().equals(s) && ControlCharacters.problem(s).isEmpty());
  }

  @Example
  void writesKubernetesAndDocumentLayouts() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "v1");
    doc.put("data", Map.of("values.yaml", "a: 1\nb: [x]\n"));
    doc.put("items", List.of(Map.of("name", "x"), "plain", List.of()));
    doc.put("version", "8.9.1");
    doc.put("enabled", true);
    doc.put("on", "yes");
    assertThat(YamlEmitter.KUBERNETES.write(doc)).isEqualTo(String.join("\n",
        "apiVersion: v1",
        "data:",
        "  values.yaml: |",
        "    a: 1",
        "    b: [x]",
        "items:",
        "- name: x",
        "- plain",
        "- []",
        "version: \"8.9.1\"",
        "enabled: true",
        "\"on\": \"yes\"",
        ""));
    assertThat(YamlEmitter.DOCUMENTS.write(doc)).contains("items:\n  - name: x\n  - plain\n");
  }

  @Example
  void keysLongerThanAnImplicitKeyAreExplicit() {
    String key = "k".repeat(1500);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(key, List.of("a", Map.of(key, "b")));
    doc.put("next", "c");
    for (YamlEmitter emitter : EMITTERS) {
      String yaml = emitter.write(doc);
      assertThat(yaml).startsWith("? " + key + "\n:");
      assertThat(readYaml11(yaml)).isEqualTo(doc);
      assertThat(readYaml12(yaml)).isEqualTo(doc);
    }
  }

  @Example
  void quotesTheYaml11SpecialsTheIssueNames() {
    List<String> specials = new ArrayList<>(List.of("on", "yes", "no", "y", "n", "off", "~",
        "null", "007", "0x1F", "1_000", "2001-12-14", "1e3", ".inf", ".NaN", "=", "<<", "1:20",
        "Y", "ON", "No", "0o17", "0b11", "+1", "-1", ".5", "1."));
    for (String s : specials) {
      assertThat(YamlEmitter.scalar(s)).as(s).isEqualTo("\"" + s + "\"");
    }
    for (String s : List.of("nginx", "v0.1.0", "nginx/v0.1.0", "https://github.com/org/p",
        "kubernetes 1.19", "10m0s", "flux-system", "./x", "a=b", "user@host:path")) {
      assertThat(YamlEmitter.scalar(s)).as(s).isEqualTo(s);
    }
  }
}
