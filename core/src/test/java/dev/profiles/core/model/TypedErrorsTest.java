package dev.profiles.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.Signature;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.rules.ContainedPaths;
import dev.profiles.core.rules.KubernetesNames;
import dev.profiles.core.version.Version;
import dev.profiles.core.version.VersionTag;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.core.yaml.ProfileYaml;
import dev.profiles.core.yaml.YamlLimits;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Invalid values given in code fail with the one documented unchecked exception, {@link
 * ProfilesConfigurationException}, never with IllegalStateException (a missing builder field),
 * IllegalArgumentException or NullPointerException.
 */
class TypedErrorsTest {
  private static void configurationError(ThrowingCallable call, String message) {
    Throwable t = catchThrowable(call);
    assertThat(t).isInstanceOf(ProfilesConfigurationException.class).hasMessageContaining(message);
    assertThat(t).isNotInstanceOfAny(IllegalStateException.class,
        IllegalArgumentException.class, NullPointerException.class);
  }

  @Test
  void aBuilderMissingARequiredFieldNamesIt() {
    configurationError(() -> KustomizeArtifact.builder().name("a").build(),
        "required attributes are not set [path]");
    configurationError(() -> RemoteChartArtifact.builder().name("a").url("https://x").build(),
        "[chartName, chartVersion]");
    configurationError(() -> LocalChartArtifact.builder().build(), "[name, path]");
    configurationError(() -> NestedProfileArtifact.builder().name("n").build(), "[source]");
    configurationError(() -> ProfileSource.builder().tag("t").build(), "[url]");
    configurationError(() -> ProfileDefinition.builder().name("p").build(), "[description]");
    configurationError(() -> ProfileInstallation.builder().name("i").build(), "[source]");
    configurationError(() -> CatalogEntry.builder().build(), "[name]");
    configurationError(() -> CatalogReference.builder().catalog("c").build(),
        "[profile, version]");
    configurationError(() -> CatalogRepository.builder().build(), "[url]");
    configurationError(() -> GitRepositoryReference.builder().name("g").build(), "[namespace]");
    configurationError(() -> ProfileCatalogSource.builder().build(), "[name]");
    configurationError(() -> ResolvedProfile.builder().commit("c").build(),
        "[source, definition, directory]");
  }

  @Test
  void aNullGivenToABuilderIsAConfigurationError() {
    configurationError(() -> KustomizeArtifact.builder().name(null), "name must not be null");
    configurationError(() -> KustomizeArtifact.builder().addDependsOn((String) null),
        "dependsOn element must not be null");
    configurationError(() -> ProfileSource.ofTag(null, "v1.0.0"), "url must not be null");
    configurationError(() -> CatalogReference.of("c", null, "v1"), "profile must not be null");
    configurationError(() -> GitRepositoryReference.of(null, "flux-system"),
        "namespace must not be null");
    configurationError(() -> ProfileDefinition.builder().addArtifact((Artifact) null),
        "must not be null");
    configurationError(() -> ProfileSource.builder().from(ProfileSource.ofTag("https://x",
        "v1.0.0")).path((String) null),
        "path must not be null");
  }

  @Test
  void factoriesRefuseBadValuesWithTheModelException() {
    assertThatThrownBy(() -> CatalogReference.of("", "nginx", "v1"))
        .isInstanceOf(InvalidModelException.class).hasMessage("catalog: must not be empty");
    assertThatThrownBy(() -> GitRepositoryReference.of("flux system", "flux-system"))
        .isInstanceOf(InvalidModelException.class).hasMessageStartingWith("namespace: ");
    assertThatThrownBy(() -> ProfileSource.ofBranch("https://x", "main", "../up"))
        .isInstanceOf(InvalidModelException.class)
        .hasMessage("path: '../up' must stay inside the profile directory");
  }

  @Test
  void ruleAndVersionHelpersThrowOnlyConfigurationErrors() {
    configurationError(() -> ContainedPaths.normalize("../x"),
        "path '../x' must stay inside the profile directory");
    configurationError(() -> ContainedPaths.normalize("a\nb"),
        "path contains a control character (U+000A line feed)");
    assertThat(ContainedPaths.problem(null)).contains("must not be null");
    assertThat(KubernetesNames.labelProblem(null)).contains("must not be null");
    assertThat(KubernetesNames.subdomainProblem(null)).contains("must not be null");
    configurationError(() -> Version.parse("latest"), "'latest' is not a semantic version");
    configurationError(() -> Version.parse("1.0\n"), "'1.0\\u000a' is not a semantic version");
    configurationError(() -> Version.parse(null), "'null' is not a semantic version");
    assertThat(Version.tryParse(null)).isEmpty();
    configurationError(() -> Version.of(1, -1, 0), "must not be negative: 1.-1.0");
    configurationError(() -> VersionTag.of("a/b", Version.of(1, 0, 0)),
        "the profile name of a version tag 'a/b' is not a DNS-1123 label");
    configurationError(() -> VersionTag.of(null, Version.of(1, 0, 0)), "needs a profile name");
    configurationError(() -> VersionTag.bare(null), "needs a version");
  }

  @Test
  void yamlSettingsThrowOnlyConfigurationErrors() {
    configurationError(() -> new YamlLimits(-1, 1), "maxDocumentBytes must be positive: -1");
    configurationError(() -> ProfileYaml.strict().withLimits(null), "limits must not be null");
    configurationError(() -> new InvalidDocumentException(List.of()), "at least one problem");
  }

  @Test
  void installValuesThrowOnlyConfigurationErrors() {
    configurationError(() -> Profiles.builder().build(), "needs a resolver and a renderer");
    configurationError(() -> Signature.of(" ", "a@example.com"), "a signature needs a name");
  }

  @Test
  void modelValuesRefuseControlCharactersInNamesPathsRefsAndUrls() {
    assertThatThrownBy(() -> KustomizeArtifact.builder().name("a").path("dir\tx").build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessage("kustomize.path: contains a control character (U+0009 tab)");
    assertThatThrownBy(() -> RemoteChartArtifact.builder().name("a").url("https://x\r")
        .chartName("n\u0085").chartVersion("1").build())
        .isInstanceOf(InvalidModelException.class)
        .hasMessage("chart.url: contains a control character (U+000D carriage return);"
            + " chart.name: contains a control character (U+0085)");
    assertThatThrownBy(() -> ProfileSource.builder().url("https://x").branch("main\n").build())
        .hasMessage("branch: contains a control character (U+000A line feed)");
    assertThatThrownBy(() -> KustomizeArtifact.builder().name("a\u001b[31m").path("p").build())
        .hasMessage("name: contains a control character (U+001B escape)");
    assertThatThrownBy(() -> PctlConfig.builder().defaultDir("clusters/\0").build())
        .hasMessage("defaultDir: contains a control character (U+0000 NUL)");
    assertThatThrownBy(() -> CatalogRepository.builder().url("https://x").secretRef("Bad")
        .build()).hasMessageStartingWith("secretRef.name: 'Bad' is not a DNS-1123 subdomain");
    assertThatThrownBy(() -> ProfileCatalogSource.builder().name("c").namespace("a.b").build())
        .hasMessageStartingWith("metadata.namespace: 'a.b' is not a DNS-1123 label");
    assertThat(ProfileDefinition.builder().name("p").description("multi\nline\tdescription")
        .addArtifact(KustomizeArtifact.builder().name("a").path("a").build()).build()
        .description()).as("free text may hold newlines and tabs").contains("\t");
  }
}
