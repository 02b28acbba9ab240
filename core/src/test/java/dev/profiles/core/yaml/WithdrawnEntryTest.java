package dev.profiles.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileCatalogSource;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code spec.profiles[].withdrawn} of a ProfileCatalogSource. */
class WithdrawnEntryTest {
  private final ProfileYaml yaml = ProfileYaml.strict();

  private static byte[] source(String extra) {
    return ("""
        apiVersion: weave.works/v1alpha1
        kind: ProfileCatalogSource
        metadata:
          name: team
        spec:
          profiles:
            - name: app
              tag: app/v1.0.0
            - name: app
              tag: app/v2.0.0
        """ + extra).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aWithdrawnEntryIsReadAndWrittenAndOthersAreAsBefore() throws Exception {
    ProfileCatalogSource s = yaml.readCatalogSource("s.yaml", source("      withdrawn: true\n"));
    assertThat(s.profiles()).extracting(CatalogEntry::withdrawn).containsExactly(false, true);
    String written = yaml.writeCatalogSource(s);
    assertThat(written).containsOnlyOnce("withdrawn: true");
    assertThat(yaml.readCatalogSource("again.yaml", written.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(s);
    assertThat(yaml.writeCatalogSource(yaml.readCatalogSource("plain.yaml", source(""))))
        .doesNotContain("withdrawn");
  }

  @Test
  void aWithdrawnThatIsNoBooleanIsLocated() {
    assertThatThrownBy(() -> yaml.readCatalogSource("s.yaml", source("      withdrawn: \"yes\"\n")))
        .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
          assertThat(e.problems().get(0).line()).isEqualTo(11);
          assertThat(e.problems().get(0).path()).isEqualTo("spec.profiles[1].withdrawn");
          assertThat(e.problems().get(0).message()).contains("expected true or false");
        });
  }
}
