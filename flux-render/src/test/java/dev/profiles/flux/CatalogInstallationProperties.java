package dev.profiles.flux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.flux.catalog.CatalogInstallation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any options either build an installation whose every object is valid, or are refused with
 * the SDK's configuration error, never another exception.
 */
class CatalogInstallationProperties {
  @Property(tries = 300)
  void anyImageAndVersionIsRefusedOrRendersValidManifests(@ForAll("images") String image,
      @ForAll("versions") String version, @ForAll("namespaces") String namespace) {
    CatalogInstallation c;
    try {
      CatalogInstallation.Builder b = CatalogInstallation.builder().image(image)
          .namespace(namespace);
      if (!version.isEmpty()) {
        b.version(version);
      }
      c = b.build();
    } catch (ProfilesConfigurationException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
      return;
    }
    RenderedFiles files;
    try {
      files = c.render();
    } catch (Exception e) {
      throw new AssertionError("a valid installation must render: " + e, e);
    }
    assertThat(ManifestValidator.bundled().validate(files)).isEmpty();
    java.util.Map<String, Object> d = CatalogInstallationTest.doc(files,
        CatalogInstallation.DEFAULT_DIRECTORY + "/manifests/deployment.yaml");
    assertThat(((java.util.Map<?, ?>) d.get("metadata")).get("namespace")).isEqualTo(namespace);
    assertThat(d.toString()).contains("image=" + c.imageReference());
  }

  @Provide
  Arbitrary<String> images() {
    Arbitrary<String> part = Arbitraries.strings().withChars("abz09.-_/:@A \n").ofMaxLength(20);
    Arbitrary<String> shaped = Combinators.combine(
        Arbitraries.of("", "registry.example.com/", "localhost:5000/", "Host/"),
        Arbitraries.strings().withChars("abc-._").ofMinLength(1).ofMaxLength(12),
        Arbitraries.of("", ":v1", ":latest", "@sha256:" + "f".repeat(64), ":", ":-x"))
        .as((a, b, c) -> a + b + c);
    return Arbitraries.oneOf(part, shaped, Arbitraries.strings().ofMaxLength(600));
  }

  @Provide
  Arbitrary<String> versions() {
    return Arbitraries.oneOf(Arbitraries.of("", "v0.1.0", "latest", "1.2.3-rc.1"),
        Arbitraries.strings().ofMaxLength(140));
  }

  @Provide
  Arbitrary<String> namespaces() {
    return Arbitraries.oneOf(Arbitraries.of("profiles-system", "catalog"),
        Arbitraries.strings().withChars("a-Z0").ofMaxLength(70));
  }
}
