package dev.profiles.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.memory.InMemoryGitOpsRepository;
import dev.profiles.core.memory.InMemoryProfileResolver;
import dev.profiles.core.model.InvalidModelException;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.model.UpdatePolicy;
import dev.profiles.core.yaml.DocumentProblem;
import dev.profiles.core.yaml.InvalidDocumentException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code spec.updatePolicy} in the installation record: set, recorded, read, refused. */
class UpdatePolicyTest {
  final InMemoryProfileResolver resolver = new InMemoryProfileResolver();
  final InMemoryGitOpsRepository repo = InMemoryGitOpsRepository.create()
      .withConfiguredUser(InstallCommandsTest.OPS);
  final Profiles profiles = Profiles.builder().resolver(resolver).renderer(new TestRenderer())
      .merger(new TestMerger()).versionLister(resolver).build();

  private void installWith(UpdatePolicy policy) throws Exception {
    resolver.put(ProfileSource.ofTag(InstallCommandsTest.URL, "nginx/v0.1.0"),
        InstallCommandsTest.definition("nginx"), InstallCommandsTest.files("1"));
    profiles.install(repo).source(ProfileSource.ofTag(InstallCommandsTest.URL, "nginx/v0.1.0"))
        .name("my-nginx").gitRepository(InstallCommandsTest.FLUX).updatePolicy(policy).call();
  }

  private String record() throws Exception {
    return new String(repo.readFile("my-nginx/profile-installation.yaml").orElseThrow(),
        StandardCharsets.UTF_8);
  }

  @Test
  void anInstallRecordsItsPolicyAndAnUpgradeKeepsIt() throws Exception {
    UpdatePolicy policy = UpdatePolicy.builder().range(">=0.1 <1").preReleases(true)
        .minimumAge("3d").build();
    installWith(policy);
    assertThat(record()).contains("  updatePolicy:\n    range: \">=0.1 <1\"\n"
        + "    preReleases: true\n    minimumAge: \"3d\"\n");
    ProfileInstallation read = Installation.at("my-nginx").readRecord(repo).orElseThrow();
    assertThat(read.updatePolicy()).contains(policy);
    assertThat(read.updatePolicy().orElseThrow().minimumAgeDuration())
        .contains(Duration.ofDays(3));

    resolver.put(ProfileSource.ofTag(InstallCommandsTest.URL, "nginx/v0.2.0"),
        InstallCommandsTest.definition("nginx"), InstallCommandsTest.files("2"));
    profiles.upgrade(repo).installation("my-nginx").toVersion("v0.2.0").call();
    assertThat(Installation.at("my-nginx").readRecord(repo).orElseThrow().updatePolicy())
        .contains(policy);
  }

  @Test
  void aRecordWithoutPolicyIsWrittenAsBefore() throws Exception {
    installWith(UpdatePolicy.defaults());
    assertThat(record()).doesNotContain("preReleases").doesNotContain("pinned");
  }

  @Test
  void thePolicyOfAnInstallationIsChangedInOneCommitOfTheRecordOnly() throws Exception {
    installWith(UpdatePolicy.defaults());
    int commits = repo.commits().size();
    var baseline = repo.baseline("my-nginx");

    var result = profiles.updatePolicy(repo).installation("my-nginx")
        .policy(UpdatePolicy.builder().pinned(true).build()).call();

    assertThat(result).isPresent();
    assertThat(repo.commits()).hasSize(commits + 1);
    assertThat(repo.commits().get(commits).installation()).isEmpty();
    assertThat(record()).contains("pinned: true");
    assertThat(repo.baseline("my-nginx")).isEqualTo(baseline);
    var before = repo.snapshot();
    assertThat(profiles.updatePolicy(repo).installation("my-nginx")
        .policy(UpdatePolicy.builder().pinned(true).build()).call()).isEmpty();
    assertThat(repo.snapshot()).isEqualTo(before);

    profiles.updatePolicy(repo).installation("my-nginx").clear().call();
    assertThat(record()).doesNotContain("updatePolicy");
  }

  @Test
  void changingThePolicyOfNoInstallationIsRefused() {
    assertThatThrownBy(() -> profiles.updatePolicy(repo).installation("nothing")
        .policy(UpdatePolicy.defaults()).call()).isInstanceOf(InstallRefusedException.class);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '#', value = {
      "range: '>=1.2 <'      # spec.updatePolicy.range   # position 8",
      "range: '1.x.3'        # spec.updatePolicy.range   # no number may follow a wildcard",
      "minimumAge: 3 days    # spec.updatePolicy.minimumAge # not a soak time",
      "minimumAge: 99999d    # spec.updatePolicy.minimumAge # at most 3650d",
      "pinned: 'yes'         # spec.updatePolicy.pinned  # expected true or false",
      "preReleases: 1        # spec.updatePolicy.preReleases # expected true or false",
      "schedule: daily       # spec.updatePolicy.schedule # unknown field",
  })
  void aHandEditedInvalidPolicyIsALocatedError(String line, String path, String message) {
    String text = """
        apiVersion: weave.works/v1alpha1
        kind: ProfileInstallation
        metadata:
          name: my-nginx
        spec:
          source:
            url: https://example.com/profiles
            tag: nginx/v0.1.0
          updatePolicy:
            %s
        """.formatted(line);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    InMemoryGitOpsRepository hand = InMemoryGitOpsRepository.create()
        .withConfiguredUser(InstallCommandsTest.OPS);
    assertThatThrownBy(() -> InstallationRecords.read("my-nginx/profile-installation.yaml",
        bytes)).isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
          DocumentProblem p = e.problems().get(0);
          assertThat(p.source()).isEqualTo("my-nginx/profile-installation.yaml");
          assertThat(p.line()).isEqualTo(10);
          assertThat(p.path()).isEqualTo(path);
          assertThat(p.message()).contains(message);
        });
    assertThat(hand.snapshot()).isEqualTo(hand.snapshot());
  }

  @Test
  void aPolicyBuiltInCodeIsChecked() {
    assertThatThrownBy(() -> UpdatePolicy.builder().range("nope").build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("range");
    assertThatThrownBy(() -> UpdatePolicy.builder().minimumAge("-1h").build())
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("minimumAge");
    assertThat(UpdatePolicy.parseDuration("2w")).contains(Duration.ofDays(14));
    assertThat(UpdatePolicy.parseDuration("90m")).contains(Duration.ofMinutes(90));
    assertThat(UpdatePolicy.parseDuration("")).isEmpty();
  }
}
