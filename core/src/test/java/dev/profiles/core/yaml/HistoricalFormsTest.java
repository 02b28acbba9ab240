package dev.profiles.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.CatalogReference;
import dev.profiles.core.model.LocalChartArtifact;
import dev.profiles.core.model.NestedProfileArtifact;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.model.RemoteChartArtifact;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Variants of every older form of {@code weave.works/v1alpha1}: each is read as today's model
 * with a located warning, each conflict between an older and a newer spelling is a located
 * error, and fields that never existed are still refused.
 */
class HistoricalFormsTest {
  private static final ProfileYaml YAML = ProfileYaml.strict();

  private static final String HEAD = """
      apiVersion: weave.works/v1alpha1
      kind: ProfileDefinition
      metadata:
        name: p
      spec:
        description: d
        artifacts:
      """;

  private static ReadResult<ProfileDefinition> profile(String artifacts)
      throws InvalidDocumentException {
    return YAML.readProfileWithWarnings("p.yaml", bytes(HEAD + artifacts), Optional.empty());
  }

  private static List<String> problems(String text) {
    InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
        () -> YAML.readProfile("p.yaml", bytes(text), Optional.empty()));
    assertThat(e).as("must be refused:\n%s", text).isNotNull();
    return e.problems().stream().map(DocumentProblem::toString).toList();
  }

  private static List<String> warnings(ReadResult<?> read) {
    return read.warnings().stream().map(DocumentWarning::toString).toList();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ---- artifacts --------------------------------------------------------------------------

  @Test
  void everyOlderArtifactKindIsReadAsTodaysArtifact() throws Exception {
    ReadResult<ProfileDefinition> read = profile("""
            - name: local
              kind: HelmChartLocal
              path: charts/local
            - name: remote
              kind: HelmChartRemote
              helm_url: https://charts.example.com
              helm_chart: nginx
              helm_chart_version: "1.2.3"
            - name: raw
              kind: Kustomize
              kustomize:
                path: manifests
            - name: nested
              kind: Profile
              profile:
                url: https://example.com/profiles
                branch: dev
                path: base
            - name: bare
              path: charts/bare
        """);

    List<Artifact> a = read.value().artifacts();
    assertThat(a.get(0)).isEqualTo(LocalChartArtifact.builder().name("local")
        .path("charts/local").build());
    assertThat(a.get(1)).isEqualTo(RemoteChartArtifact.builder().name("remote")
        .url("https://charts.example.com").chartName("nginx").chartVersion("1.2.3").build());
    assertThat(a.get(2).kind()).isEqualTo(Artifact.Kind.KUSTOMIZE);
    assertThat(((NestedProfileArtifact) a.get(3)).source()).isEqualTo(
        ProfileSource.ofBranch("https://example.com/profiles", "dev", "base"));
    assertThat(a.get(4)).isEqualTo(LocalChartArtifact.builder().name("bare")
        .path("charts/bare").build());
    assertThat(warnings(read)).containsExactly(
        "p.yaml:9:7: spec.artifacts[0].kind: deprecated: 'kind' is the older form (before"
            + " v0.0.7); an artifact's kind is now given by which of chart, kustomize or"
            + " profile it sets",
        "p.yaml:10:7: spec.artifacts[0].path: deprecated: with kind HelmChartLocal this is the"
            + " older form (before v0.0.7) of chart.path; read as chart.path",
        "p.yaml:12:7: spec.artifacts[1].kind: deprecated: 'kind' is the older form (before"
            + " v0.0.7); an artifact's kind is now given by which of chart, kustomize or"
            + " profile it sets",
        "p.yaml:13:7: spec.artifacts[1].helm_url: deprecated: helm_url, helm_chart and"
            + " helm_chart_version are the oldest form of chart.url, chart.name and"
            + " chart.version; read as such",
        "p.yaml:17:7: spec.artifacts[2].kind: deprecated: 'kind' is the older form (before"
            + " v0.0.7); an artifact's kind is now given by which of chart, kustomize or"
            + " profile it sets",
        "p.yaml:21:7: spec.artifacts[3].kind: deprecated: 'kind' is the older form (before"
            + " v0.0.7); an artifact's kind is now given by which of chart, kustomize or"
            + " profile it sets",
        "p.yaml:23:9: spec.artifacts[3].profile.url: deprecated: profile.url, branch, path and"
            + " version are the older form (before v0.0.7) of profile.source.url, branch, path"
            + " and tag; read as such",
        "p.yaml:27:7: spec.artifacts[4].path: deprecated: a path without kind is read as a"
            + " local Helm chart (chart.path), its only meaning before artifacts had a kind;"
            + " write chart.path, or kustomize.path for a directory of plain YAML");
  }

  @Test
  void aKindThatDoesNotMatchTheArtifactIsAnError() {
    assertThat(problems(HEAD + """
            - name: a
              kind: Kustomize
              chart:
                url: https://charts.example.com
                name: n
                version: "1"
        """)).containsExactly("p.yaml:9:13: spec.artifacts[0].kind: kind 'Kustomize' does not"
        + " match what the artifact sets (chart)");
    assertThat(problems(HEAD + """
            - name: a
              kind: HelmChartRemote
              chart:
                path: charts/a
        """)).containsExactly("p.yaml:9:13: spec.artifacts[0].kind: kind 'HelmChartRemote'"
        + " does not match what the artifact sets (chart.path)");
    assertThat(problems(HEAD + """
            - name: a
              kind: HelmChartLocal
              chart: {url: https://x, name: n, version: "1"}
        """)).singleElement().asString().contains("kind 'HelmChartLocal' does not match");
    assertThat(problems(HEAD + """
            - name: a
              kind: Profile
              path: x
        """)).singleElement().asString().contains("kind 'Profile' does not match");
  }

  @Test
  void anUnknownKindIsAnError() {
    assertThat(problems(HEAD + """
            - name: a
              kind: Helm
              path: x
        """)).containsExactly("p.yaml:9:13: spec.artifacts[0].kind: unknown artifact kind"
        + " 'Helm'; the older form knew HelmChart, HelmChartLocal, HelmChartRemote, Kustomize"
        + " and Profile, and today an artifact's kind is given by which of chart, kustomize or"
        + " profile it sets");
    assertThat(problems(HEAD + """
            - name: a
              kind: [HelmChart]
              path: x
        """)).singleElement().asString().contains("kind: expected a string, found a list");
  }

  @Test
  void anOlderAndANewerSpellingTogetherIsAnError() {
    assertThat(problems(HEAD + """
            - name: a
              chart:
                url: https://x
                helm_url: https://y
                name: n
                version: "1"
        """)).containsExactly("p.yaml:11:19: spec.artifacts[0].chart.helm_url: chart.helm_url"
        + " is the older spelling of chart.url; set only chart.url");
    assertThat(problems(HEAD + """
            - name: a
              profile:
                url: https://x
                source:
                  url: https://x
        """)).containsExactly("p.yaml:10:14: spec.artifacts[0].profile.url: profile.url is"
        + " the older form of profile.source.url; set only profile.source");
    assertThat(problems(HEAD + """
            - name: a
              helm_url: https://x
              chart:
                url: https://x
                name: n
                version: "1"
        """)).singleElement().asString().endsWith("found chart and helm_url");
    assertThat(problems(HEAD + """
            - name: a
              path: x
              kustomize:
                path: x
        """)).singleElement().asString().endsWith("found kustomize and path");
  }

  @Test
  void olderFormsKeepEveryRuleOfTodaysForm() {
    assertThat(problems(HEAD + """
            - name: a
              helm_url: https://x
              helm_chart: n
        """)).containsExactly("p.yaml:8:7: spec.artifacts[0].helm_chart_version: required"
        + " field 'helm_chart_version' is missing");
    assertThat(problems(HEAD + """
            - name: a
              kind: Kustomize
              path: ../outside
        """)).containsExactly("p.yaml:10:13: spec.artifacts[0].path: '../outside'"
        + " must stay inside the profile directory");
    assertThat(problems(HEAD + """
            - name: a
              path: "dir\\tx"
        """)).singleElement().asString().contains("spec.artifacts[0].path: contains a control character"
        + " (U+0009 tab)");
    assertThat(problems(HEAD + """
            - name: a
              kind: Profile
              profile:
                url: https://x
                branch: main
                version: a/v1.0.0
        """)).singleElement().asString().contains("set either tag or branch, not both");
  }

  // ---- profile-level fields ----------------------------------------------------------------

  @Test
  void specNameAndVersionAreDeprecatedAndAMismatchedNameIsAnError() throws Exception {
    String text = HEAD.replace("  description: d\n", "  name: p\n  version: v0.1.0\n"
        + "  description: d\n") + "    - {name: a, kustomize: {path: a}}\n";

    ReadResult<ProfileDefinition> read = YAML.readProfileWithWarnings("p.yaml", bytes(text),
        Optional.empty());

    assertThat(read.value().name()).isEqualTo("p");
    assertThat(warnings(read)).containsExactly(
        "p.yaml:6:3: spec.name: deprecated and ignored: spec.name repeats metadata.name, which"
            + " is the profile's name",
        "p.yaml:7:3: spec.version: deprecated and ignored: a profile's version comes from its"
            + " git tag");
    assertThat(problems(text.replace("  name: p\n  version", "  name: q\n  version")))
        .containsExactly("p.yaml:6:9: spec.name: spec.name 'q' differs from metadata.name 'p';"
            + " a profile's name is metadata.name (spec.name existed only in v0.0.7 to"
            + " v0.0.11): remove spec.name");
  }

  @Test
  void objectMetaFieldsAreAcceptedAndThoseAUserWritesAreWarnedAbout() throws Exception {
    String text = HEAD.replace("  name: p\n", """
          name: p
          namespace: web
          labels: {team: a}
          annotations: {note: b}
          uid: 0b6e6b5c-0000-0000-0000-000000000000
          resourceVersion: "42"
          creationTimestamp: null
        """) + "    - {name: a, kustomize: {path: a}}\nstatus: {}\n";

    ReadResult<ProfileDefinition> read = YAML.readProfileWithWarnings("p.yaml", bytes(text),
        Optional.empty());

    assertThat(warnings(read)).containsExactly(
        "p.yaml:5:3: metadata.namespace: ignored: a profile has no namespace; each"
            + " installation chooses its own",
        "p.yaml:6:3: metadata.labels: ignored: metadata.labels is not kept",
        "p.yaml:7:3: metadata.annotations: ignored: metadata.annotations is not kept");
  }

  @Test
  void olderApiGroupsAreAcceptedForProfilesOnly() throws Exception {
    String old = HEAD.replace("weave.works/v1alpha1", "profiles.fluxcd.io/v1alpha1")
        .replace("ProfileDefinition", "Profile") + "    - {name: a, kustomize: {path: a}}\n";

    assertThat(warnings(YAML.readProfileWithWarnings("p.yaml", bytes(old), Optional.empty())))
        .containsExactly("p.yaml:1:1: apiVersion: deprecated: 'profiles.fluxcd.io/v1alpha1' is"
            + " the API group before the rename to weave.works; write weave.works/v1alpha1",
            "p.yaml:2:1: kind: deprecated: kind 'Profile' is the older name of"
                + " ProfileDefinition; read as ProfileDefinition");
    assertThat(problems(old.replace("profiles.fluxcd.io", "profiles.example.com")))
        .containsExactly("p.yaml:1:13: apiVersion: expected 'weave.works/v1alpha1', found"
            + " 'profiles.example.com/v1alpha1'");
    InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
        () -> YAML.readInstallation("i.yaml", bytes("""
            apiVersion: profiles.fluxcd.io/v1alpha1
            kind: ProfileInstallation
            metadata: {name: i}
            spec: {source: {url: https://x}}
            """)));
    assertThat(e).hasMessageContaining("i.yaml:1:13: apiVersion: expected");
  }

  @Test
  void fieldsThatNeverExistedAreStillRefused() {
    String base = HEAD + "    - {name: a, kustomize: {path: a}}\n";

    assertThat(problems(base.replace("  description: d\n", "  description: d\n  owner: me\n")))
        .containsExactly("p.yaml:7:3: spec.owner: unknown field 'owner'; expected one of:"
            + " description, maintainer, prerequisites, artifacts");
    assertThat(problems(HEAD + "    - {name: a, kustomize: {path: a}, awesome: yes}\n"))
        .containsExactly("p.yaml:8:39: spec.artifacts[0].awesome: unknown field 'awesome';"
            + " expected one of: name, chart, kustomize, profile, dependsOn");
    assertThat(problems(HEAD + "    - {name: a, chart: {path: a, repo: x}}\n"))
        .containsExactly("p.yaml:8:34: spec.artifacts[0].chart.repo: unknown field 'repo';"
            + " expected one of: url, name, version, defaultValues, path");
    assertThat(problems(HEAD + "    - {name: a, profile: {source: {url: x}, ref: y}}\n"))
        .containsExactly("p.yaml:8:45: spec.artifacts[0].profile.ref: unknown field 'ref';"
            + " expected one of: source");
  }

  @Test
  void theLenientReaderWarnsAboutWhatItIgnores() throws Exception {
    String text = HEAD + "    - {name: a, kustomize: {path: a}, icon: x.png}\n";

    ReadResult<ProfileDefinition> read = YAML.ignoringUnknownFields()
        .readProfileWithWarnings("p.yaml", bytes(text), Optional.empty());

    assertThat(warnings(read)).containsExactly(
        "p.yaml:8:39: spec.artifacts[0].icon: ignored: unknown field 'icon'");
  }

  @Test
  void warningsAreLogged() throws Exception {
    // slf4j-simple (test scope) writes to whatever System.err is at the time of the call.
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.err;
    System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      YAML.readProfile("p.yaml", bytes(HEAD.replace("ProfileDefinition", "Profile")
          + "    - {name: a, kustomize: {path: a}}\n"), Optional.empty());
    } finally {
      System.setErr(original);
    }

    List<String> records = captured.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.contains(ProfileYaml.class.getName())).toList();
    assertThat(records).singleElement().asString().endsWith(
        "WARN " + ProfileYaml.class.getName() + " - p.yaml:2:1: kind: deprecated: kind 'Profile'"
            + " is the older name of ProfileDefinition; read as ProfileDefinition");
  }

  // ---- ProfileInstallation -----------------------------------------------------------------

  /** Verbatim from pctl v0.0.1 tests/integration/integration_test.go, namespace filled in. */
  private static final String SUBSCRIPTION_CATALOG = """
      apiVersion: weave.works/v1alpha1
      kind: ProfileSubscription
      metadata:
        creationTimestamp: null
        name: pctl-profile
        namespace: default
      spec:
        profile_catalog_description:
          catalog: nginx-catalog
          profile: weaveworks-nginx
          version: v0.1.0
        profileURL: https://github.com/weaveworks/profiles-examples
        version: weaveworks-nginx/v0.1.0
      status: {}
      """;

  /** Verbatim from pctl v0.0.1, the url + branch + path form. */
  private static final String SUBSCRIPTION_BRANCH = """
      apiVersion: weave.works/v1alpha1
      kind: ProfileSubscription
      metadata:
        creationTimestamp: null
        name: pctl-profile
        namespace: default
      spec:
        branch: branch-and-url
        path: branch-nginx
        profileURL: https://github.com/weaveworks/profiles-examples
      status: {}
      """;

  /** Verbatim from pctl v0.0.3 to v0.1.0 (before gitRepository). */
  private static final String INSTALLATION_V003 = """
      apiVersion: weave.works/v1alpha1
      kind: ProfileInstallation
      metadata:
        creationTimestamp: null
        name: pctl-profile
        namespace: default
      spec:
        catalog:
          catalog: nginx-catalog
          profile: nginx
          version: v2.0.1
        source:
          path: .
          tag: v2.0.1
          url: https://github.com/weaveworks/nginx-profile
      status: {}
      """;

  @Test
  void aProfileSubscriptionIsReadAsAnInstallation() throws Exception {
    ReadResult<ProfileInstallation> read = YAML.readInstallationWithWarnings("profile.yaml",
        bytes(SUBSCRIPTION_CATALOG));

    ProfileInstallation i = read.value();
    assertThat(i.name()).isEqualTo("pctl-profile");
    assertThat(i.source()).isEqualTo(ProfileSource.ofTag(
        "https://github.com/weaveworks/profiles-examples", "weaveworks-nginx/v0.1.0"));
    assertThat(i.source().effectivePath()).isEqualTo("weaveworks-nginx");
    assertThat(i.catalog()).contains(CatalogReference.of("nginx-catalog", "weaveworks-nginx",
        "v0.1.0"));
    assertThat(warnings(read)).containsExactly(
        "profile.yaml:2:1: kind: deprecated: kind 'ProfileSubscription' is the older name of"
            + " ProfileInstallation; read as ProfileInstallation",
        "profile.yaml:8:3: spec.profile_catalog_description: deprecated: the"
            + " ProfileSubscription form (before v0.0.7) of spec.catalog; read as spec.catalog",
        "profile.yaml:12:3: spec.profileURL: deprecated: spec.profileURL, branch, path and tag"
            + " (earlier version) are the ProfileSubscription form (before v0.0.7) of"
            + " spec.source.url, branch, path and tag; read as such");

    ProfileInstallation branch = YAML.readInstallation("profile.yaml",
        bytes(SUBSCRIPTION_BRANCH));
    assertThat(branch.source()).isEqualTo(ProfileSource.ofBranch(
        "https://github.com/weaveworks/profiles-examples", "branch-and-url", "branch-nginx"));
  }

  @Test
  void recordsPctlWroteInTodaysFormRaiseNoWarning() throws Exception {
    ReadResult<ProfileInstallation> read = YAML.readInstallationWithWarnings("i.yaml",
        bytes(INSTALLATION_V003));

    assertThat(read.warnings()).isEmpty();
    assertThat(read.value().source().effectivePath()).isEqualTo(".");
  }

  @Test
  void aRecordReadBackFromAClusterIsAccepted() throws Exception {
    String fromCluster = INSTALLATION_V003.replace("  creationTimestamp: null\n", """
          creationTimestamp: "2021-07-20T10:00:00Z"
          generation: 2
          resourceVersion: "1234"
          uid: 6f1e0c1a-0000-0000-0000-000000000000
          managedFields:
          - manager: pctl
            operation: Update
        """).replace("status: {}\n", """
        status:
          conditions:
          - type: Ready
            status: "True"
            reason: Installed
            message: ok
            lastTransitionTime: "2021-07-20T10:00:00Z"
        """);

    ReadResult<ProfileInstallation> read = YAML.readInstallationWithWarnings("i.yaml",
        bytes(fromCluster));

    assertThat(read.warnings()).isEmpty();
    assertThat(read.value()).isEqualTo(YAML.readInstallation("i.yaml", bytes(INSTALLATION_V003)));
  }

  @Test
  void valuesOfAnOldSubscriptionAreIgnoredWithAWarning() throws Exception {
    String text = SUBSCRIPTION_BRANCH.replace("status: {}\n", "") + """
          values:
            replicaCount: 3
          valuesFrom:
          - kind: ConfigMap
            name: nginx-values
            valuesKey: values.yaml
          tag: nginx/v1.0.0
        """;

    ReadResult<ProfileInstallation> read;
    List<String> conflict = problemsOfInstallation(text);
    assertThat(conflict).singleElement().asString().contains("set either tag or branch");
    read = YAML.readInstallationWithWarnings("i.yaml", bytes(text.replace(
        "  branch: branch-and-url\n", "")));

    assertThat(read.value().source().tag()).contains("nginx/v1.0.0");
    assertThat(warnings(read)).contains(
        "i.yaml:10:3: spec.values: ignored: spec.values was removed in v0.0.8; give Helm"
            + " values in the ConfigMap named by spec.configMap, keyed by artifact name",
        "i.yaml:12:3: spec.valuesFrom: ignored: spec.valuesFrom was replaced by spec.configMap"
            + " in v0.0.10 (a ConfigMap keyed by artifact name)");
  }

  @Test
  void olderAndNewerInstallationFormsTogetherAreErrors() {
    assertThat(problemsOfInstallation(INSTALLATION_V003.replace("  source:\n",
        "  profileURL: https://x\n  source:\n"))).containsExactly("i.yaml:12:15:"
        + " spec.profileURL: spec.profileURL is the ProfileSubscription form of"
        + " spec.source.url; set only spec.source");
    assertThat(problemsOfInstallation(SUBSCRIPTION_CATALOG.replace("  version: weaveworks",
        "  tag: x/v1.0.0\n  version: weaveworks"))).containsExactly("i.yaml:13:8: spec.tag:"
        + " spec.version is the older name of spec.tag (renamed in v0.0.6); set only one");
    assertThat(problemsOfInstallation(INSTALLATION_V003.replace("  source:\n",
        "  profile_catalog_description: {catalog: c, profile: p, version: v1}\n  source:\n")))
        .containsExactly("i.yaml:12:32: spec.profile_catalog_description:"
            + " spec.profile_catalog_description is the older form of spec.catalog; set only"
            + " spec.catalog");
    assertThat(problemsOfInstallation(SUBSCRIPTION_CATALOG.replace("    profile: weaveworks",
        "    profile_name: weaveworks"))).isEmpty();
    assertThat(problemsOfInstallation(SUBSCRIPTION_CATALOG.replace("    profile: weaveworks",
        "    name: x\n    profile_name: weaveworks"))).singleElement().asString()
        .contains("profile, profile_name and name are spellings of one field");
    assertThat(problemsOfInstallation(SUBSCRIPTION_CATALOG.replace("ProfileSubscription",
        "ProfileInstance"))).containsExactly("i.yaml:2:7: kind: expected"
        + " 'ProfileInstallation', found 'ProfileInstance'");
  }

  private static List<String> problemsOfInstallation(String text) {
    InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
        () -> YAML.readInstallation("i.yaml", bytes(text)));
    return e == null ? List.of() : e.problems().stream().map(DocumentProblem::toString).toList();
  }

  // ---- ProfileCatalogSource ----------------------------------------------------------------

  @Test
  void olderCatalogEntriesAreReadWithWarnings() throws Exception {
    String text = """
        apiVersion: weave.works/v1alpha1
        kind: ProfileCatalogSource
        metadata:
          name: catalog
        spec:
          foo: bar
          profiles:
          - name: nginx
            description: nginx
            version: v0.1.0
            catalog: catalog
            tag: nginx/v0.1.0
            url: https://github.com/org/profiles
        status:
          scannedRepositories:
          - url: https://github.com/org/profiles
            tags: [nginx/v0.1.0]
        """;

    ReadResult<ProfileCatalogSource> read = YAML.readCatalogSourceWithWarnings("c.yaml",
        bytes(text));

    CatalogEntry e = read.value().profiles().get(0);
    assertThat(e.catalogSource()).contains("catalog");
    assertThat(e.versionTag().orElseThrow().version().toString()).isEqualTo("v0.1.0");
    assertThat(warnings(read)).containsExactly(
        "c.yaml:6:3: spec.foo: ignored: spec.foo was a placeholder of the first scaffold",
        "c.yaml:10:5: spec.profiles[0].version: ignored: profiles[].version was replaced by"
            + " tag in v0.0.7; a catalog entry's version comes from its tag",
        "c.yaml:11:5: spec.profiles[0].catalog: deprecated: the older name of catalogSource"
            + " (renamed in v0.0.11); read as catalogSource");
    InvalidDocumentException both = catchThrowableOfType(InvalidDocumentException.class,
        () -> YAML.readCatalogSource("c.yaml", bytes(text.replace("    tag:",
            "    catalogSource: other\n    tag:"))));
    assertThat(both).hasMessage("c.yaml:11:14: spec.profiles[0].catalog: catalog is the older"
        + " name of catalogSource (renamed in v0.0.11); set only catalogSource");
    InvalidDocumentException repo = catchThrowableOfType(InvalidDocumentException.class,
        () -> YAML.readCatalogSource("c.yaml", bytes(text.replace("  foo: bar",
            "  repo: https://x"))));
    assertThat(repo).hasMessage("c.yaml:6:3: spec.repo: unknown field 'repo'; expected one of:"
        + " profiles, repositories");
  }
}
