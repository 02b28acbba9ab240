package dev.profiles.catalog.controller.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.catalog.server.RepositoryStatus;
import dev.profiles.catalog.server.SourceStatus;
import dev.profiles.catalog.server.internal.CatalogLoader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** The status document the leader writes, from what the loader reports. */
class SourceStatusDocumentTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String URL = "https://git.example/org/profiles";

  private static CatalogLoader.Loaded loaded(int entries, List<String> problems,
      Optional<String> repoError) {
    return new CatalogLoader.Loaded(
        new SourceStatus("ns/src", Optional.of("src"), entries, problems,
            List.of(new RepositoryStatus(URL, entries, List.of(), repoError))),
        List.of(), List.of(new CatalogLoader.RepositoryScan(URL, Set.of("a/v1.0.0", "a/v1.1.0"),
            Instant.parse("2026-01-01T00:00:00Z"))));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> condition(Map<String, Object> status, String type) {
    return ((List<Map<String, Object>>) status.get("conditions")).stream()
        .filter(c -> c.get("type").equals(type)).findFirst().orElseThrow();
  }

  @Test
  void aHealthySourceIsReadyWithCountsAndTags() {
    Map<String, Object> s = SourceStatusDocument.of(loaded(2, List.of(), Optional.empty()),
        false, Optional.empty(), 7, false, Map.of());
    assertThat(s.get("observedGeneration")).isEqualTo(7L);
    assertThat(s.get("entryCount")).isEqualTo(2);
    assertThat(condition(s, "Ready")).containsEntry("status", "True")
        .containsEntry("reason", "Scanned").containsEntry("observedGeneration", 7L);
    assertThat(condition(s, "Error")).containsEntry("status", "False");
    assertThat(condition(s, "Scanning")).containsEntry("status", "False");
    String json = JSON.writeValueAsString(s);
    assertThat(json).contains("\"tagCount\":2", "\"lastScanTime\":\"2026-01-01T00:00:00Z\"",
        "\"tags\":[\"a/v1.0.0\",\"a/v1.1.0\"]").doesNotContain("lastError");
  }

  @SuppressWarnings("unchecked")
  @Test
  void theLastScannedCommitIsWrittenWhenTheLoaderKnowsIt() {
    String commit = "3f786850e387550fdab836ed7e6dc881de23001b";
    var withCommit = new CatalogLoader.Loaded(
        new SourceStatus("ns/src", Optional.of("src"), 1, List.of(),
            List.of(new RepositoryStatus(URL, 1, List.of(), Optional.empty(),
                Optional.of(commit)))),
        List.of(), List.of(new CatalogLoader.RepositoryScan(URL, Set.of("a/v1.0.0"),
            Instant.parse("2026-01-01T00:00:00Z"))));
    Map<String, Object> s = SourceStatusDocument.of(withCommit, false, Optional.empty(), 1,
        false, Map.of());
    Map<String, Object> repo = ((List<Map<String, Object>>) s.get("repositories")).get(0);
    assertThat(repo).containsEntry("lastScannedCommit", commit);
    // A commit is not a time: a new one is a change worth writing.
    var other = SourceStatusDocument.of(new CatalogLoader.Loaded(
        new SourceStatus("ns/src", Optional.of("src"), 1, List.of(),
            List.of(new RepositoryStatus(URL, 1, List.of(), Optional.empty(),
                Optional.of(commit.replace('3', '4'))))),
        List.of(), withCommit.scans()), false, Optional.empty(), 1, false, Map.of());
    assertThat(SourceStatusDocument.sameExceptTimes(s, other)).isFalse();
    // Without one (no entry served, or a scanner that reports no commits), nothing is written.
    Map<String, Object> none = SourceStatusDocument.of(loaded(0, List.of(), Optional.empty()),
        false, Optional.empty(), 1, false, Map.of());
    assertThat(((List<Map<String, Object>>) none.get("repositories")).get(0))
        .doesNotContainKey("lastScannedCommit");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "refused: 'ext::x' names a git remote helper | SourceRefused",
      "authentication required: the Secret 'c' (secretRef) does not exist in namespace 'n'"
          + " | SecretNotFound",
      "authentication required: not authorized | AuthenticationRequired",
      "unreachable: connection refused | RepositoryUnreachable",
      "not found: no such repository | RepositoryNotFound",
      "failed: the scanner crashed (OutOfMemoryError) | ScanFailed"})
  void aRepositoryErrorNamesItsReason(String error, String reason) {
    Map<String, Object> s = SourceStatusDocument.of(loaded(0, List.of(), Optional.of(error)),
        false, Optional.empty(), 1, false, Map.of());
    assertThat(condition(s, "Ready")).containsEntry("status", "False")
        .containsEntry("reason", reason);
    assertThat((String) condition(s, "Ready").get("message")).contains(URL, error);
    assertThat(condition(s, "Error")).containsEntry("status", "True")
        .containsEntry("reason", reason);
  }

  @Test
  void specProblemsDuplicatesAndScanningHaveTheirReasons() {
    var invalid = SourceStatusDocument.of(loaded(0, List.of("ns/src:1:2: spec: bad"),
        Optional.empty()), true, Optional.empty(), 1, false, Map.of());
    assertThat(condition(invalid, "Ready")).containsEntry("reason", "InvalidSpec");
    var entries = SourceStatusDocument.of(loaded(1, List.of("spec.profiles[0]: bad; ignored"),
        Optional.empty()), false, Optional.empty(), 1, false, Map.of());
    assertThat(condition(entries, "Ready")).containsEntry("reason", "InvalidEntries");
    var duplicate = SourceStatusDocument.of(loaded(2, List.of(), Optional.empty()), false,
        Optional.of("a/src"), 1, false, Map.of());
    assertThat(condition(duplicate, "Ready")).containsEntry("reason", "DuplicateName");
    assertThat(duplicate.get("entryCount")).isEqualTo(0);
    var scanning = SourceStatusDocument.of(loaded(2, List.of(), Optional.empty()), false,
        Optional.empty(), 2, true, Map.of());
    assertThat(condition(scanning, "Scanning")).containsEntry("status", "True")
        .containsEntry("reason", "NewGeneration");
  }

  @Test
  void aTransitionTimeIsKeptWhileTheConditionsStatusStays() {
    Map<String, Object> previous = Map.of("conditions", List.of(Map.of("type", "Ready",
        "status", "True", "lastTransitionTime", "2020-01-01T00:00:00Z")));
    var same = SourceStatusDocument.of(loaded(2, List.of(), Optional.empty()), false,
        Optional.empty(), 1, false, previous);
    assertThat(condition(same, "Ready")).containsEntry("lastTransitionTime",
        "2020-01-01T00:00:00Z");
    var changed = SourceStatusDocument.of(loaded(0, List.of(), Optional.of("unreachable: x")),
        false, Optional.empty(), 1, false, previous);
    assertThat(condition(changed, "Ready").get("lastTransitionTime"))
        .isNotEqualTo("2020-01-01T00:00:00Z");
  }

  @Test
  void aLongMessageIsBounded() {
    String error = "unreachable: " + "x".repeat(10_000);
    var s = SourceStatusDocument.of(loaded(0, List.of(), Optional.of(error)), false,
        Optional.empty(), 1, false, Map.of());
    assertThat(((String) condition(s, "Ready").get("message")).length())
        .isLessThanOrEqualTo(SourceStatusDocument.MAX_MESSAGE + 3);
  }

  /** Read back from the API server, numbers may be Integer or Long and times differ. */
  @Property(tries = 50)
  void aStatusReadBackIsTheSameExceptTimes(@ForAll @IntRange(min = 0, max = 10_000) int entries,
      @ForAll @IntRange(min = 1, max = 1000) int generation) {
    var written = SourceStatusDocument.of(loaded(entries, List.of(), Optional.empty()), false,
        Optional.empty(), generation, false, Map.of());
    Object readBack = JSON.readValue(JSON.writeValueAsString(written).replace("2026-01-01",
        "2027-02-02"), Map.class);
    assertThat(SourceStatusDocument.sameExceptTimes(written, readBack)).isTrue();
    var other = SourceStatusDocument.of(loaded(entries + 1, List.of(), Optional.empty()), false,
        Optional.empty(), generation, false, Map.of());
    assertThat(SourceStatusDocument.sameExceptTimes(other, readBack)).isFalse();
  }
}
